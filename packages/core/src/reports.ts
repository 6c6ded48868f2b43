/**
 * The monthly figures managers monitor (both landlords' policies ask for them):
 * contacts received per channel, phone messages and voicemails received and
 * answered, and whether acknowledgement and response targets were met.
 * Counted by the landlord's local month of receipt.
 */
import { CASE_CATEGORIES, type CaseCategory, CHANNELS, type Channel } from './model.js';
import type { LandlordPolicy } from './policy.js';
import type { MonthActivity } from './ports.js';
import { effectiveRespondBy, isWithin } from './targets.js';

export interface StageFigures {
  received: number;
  answeredOnTime: number;
  answeredLate: number;
  open: number;
}

export interface MonthlyReport {
  month: string;
  landlord: { id: string; name: string };
  generatedAt: string;
  contacts: { total: number; byChannel: Record<Channel, number> };
  cases: { opened: number; byCategory: Record<CaseCategory, number> };
  phoneMessages: { received: number; answered: number; answeredOnTime: number };
  acknowledgements: { due: number; onTime: number; late: number; outstanding: number };
  responses: {
    answeredOnTime: number;
    answeredLate: number;
    openOverdue: number;
    openNotYetDue: number;
    onTimeRate: number | null;
  };
  complaints: { 'complaint-stage-1': StageFigures; 'complaint-stage-2': StageFigures };
}

export const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

const zeros = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

export function monthlyReport(
  policy: LandlordPolicy,
  month: string,
  activity: MonthActivity,
  now: Date,
): MonthlyReport {
  if (!MONTH.test(month)) throw new RangeError(`not a month (YYYY-MM): ${month}`);
  const at = now.toISOString();
  const byChannel = zeros(CHANNELS);
  for (const m of activity.messages) byChannel[m.channel] = (byChannel[m.channel] ?? 0) + 1;
  const byCategory = zeros(CASE_CATEGORIES);
  const acknowledgements = { due: 0, onTime: 0, late: 0, outstanding: 0 };
  const responses = { answeredOnTime: 0, answeredLate: 0, openOverdue: 0, openNotYetDue: 0 };
  const phoneMessages = { received: 0, answered: 0, answeredOnTime: 0 };
  const stage = (): StageFigures => ({ received: 0, answeredOnTime: 0, answeredLate: 0, open: 0 });
  const complaints = { 'complaint-stage-1': stage(), 'complaint-stage-2': stage() };

  for (const c of activity.cases) {
    byCategory[c.classification.category]++;
    if (c.targets.acknowledgeBy) {
      acknowledgements.due++;
      if (!c.acknowledgedAt) acknowledgements.outstanding++;
      else if (isWithin(policy, c.targets.acknowledgeBy, c.acknowledgedAt)) acknowledgements.onTime++;
      else acknowledgements.late++;
    }
    const answered = Boolean(c.respondedAt);
    const onTime = answered && c.responseOutcome === 'met';
    if (answered) onTime ? responses.answeredOnTime++ : responses.answeredLate++;
    else if (isWithin(policy, effectiveRespondBy(c, policy), at)) responses.openNotYetDue++;
    else responses.openOverdue++;
    if (c.kind === 'phone-message') {
      phoneMessages.received++;
      if (answered) phoneMessages.answered++;
      if (onTime) phoneMessages.answeredOnTime++;
    }
    if (c.kind === 'complaint-stage-1' || c.kind === 'complaint-stage-2') {
      const figures = complaints[c.kind];
      figures.received++;
      if (!answered) figures.open++;
      else if (onTime) figures.answeredOnTime++;
      else figures.answeredLate++;
    }
  }
  const judged = responses.answeredOnTime + responses.answeredLate + responses.openOverdue;
  return {
    month,
    landlord: { id: policy.id, name: policy.name },
    generatedAt: at,
    contacts: { total: activity.messages.length, byChannel },
    cases: { opened: activity.cases.length, byCategory },
    phoneMessages,
    acknowledgements,
    responses: {
      ...responses,
      onTimeRate: judged ? Math.round((responses.answeredOnTime / judged) * 1000) / 1000 : null,
    },
    complaints,
  };
}
