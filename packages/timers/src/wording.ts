/**
 * What the timers' notices say beyond the policy's templates: which template
 * a plan uses, what a hazard step tells the resident, and what a hazard case
 * promised ("investigate and make your home safe").
 */
import {
  type Case,
  calendarFor,
  formatLocalDate,
  isComplaintKind,
  isHazardKind,
  type LandlordPolicy,
  type MilestoneEvent,
  outstandingMilestones,
  responseMeasure,
} from '@housing-inbox/core';
import type { TimerAction, TimerPlan } from './plan.js';

type Template = { subject: string; body: string };
type Action = Exclude<TimerAction, 'none'>;

/** What a hazard case's response target promised, in "we will …" words. */
export function responsePromise(policy: LandlordPolicy, kase: Case): string | undefined {
  if (!isHazardKind(kase.kind)) return undefined;
  return responseMeasure(policy, kase.kind) === 'made-safe'
    ? 'investigate the danger you reported and make your home safe'
    : 'investigate the damp and mould you reported';
}

/** The policy template a plan's notice is written from. */
export function templateFor(policy: LandlordPolicy, kase: Case, planned: TimerPlan & { action: Action }): Template {
  const notices = policy.notices.templates;
  const milestone = planned.milestone !== undefined || responsePromise(policy, kase) !== undefined;
  switch (planned.action) {
    case 'acknowledge':
      return isComplaintKind(kase.kind) ? policy.complaints.templates.acknowledgement : notices.acknowledgement;
    case 'warn-owner':
      return milestone ? policy.notices.milestones.ownerWarning : notices.ownerWarning;
    case 'delay-update':
      return milestone ? policy.notices.milestones.slipped : notices.delayUpdate;
    case 'alert-manager':
      return milestone ? policy.notices.milestones.managerAlert : notices.managerAlert;
    case 'step':
      return policy.notices.milestones.step;
    case 'extension':
      return policy.complaints.templates.extension;
    case 'complaint-summary':
      return policy.complaints.templates.summary;
  }
}

/** The law behind a hazard case's clocks, for {{law}}. */
export function lawOf(policy: LandlordPolicy, kase: Case): string {
  return (isHazardKind(kase.kind) && policy.hazards[kase.kind]?.law) || policy.name;
}

const HAPPENED: Record<MilestoneEvent, (kase: Case, date: string) => string> = {
  'investigation-concluded': (kase) => {
    const found = kase.investigation;
    const verdict = found?.worksNeeded
      ? 'Work is needed to put it right.'
      : found?.furtherWorksNeeded
        ? 'Your home is safe; some further work is needed to stop the problem coming back.'
        : 'We found that no work is needed.';
    return `We have finished investigating the problem you reported. What we found: ${found?.findings ?? ''}\n\n${verdict}`;
  },
  'summary-sent': (_kase, date) => `We sent you a written summary of what we found on ${date}.`,
  'works-started': (_kase, date) => `We started the work to put the problem right on ${date}.`,
  'further-works-started': (_kase, date) => `We started the further work to stop the problem coming back on ${date}.`,
  'works-completed': (_kase, date) => `The work to put the problem right was finished on ${date}.`,
  'alternative-accommodation-offered': (kase) =>
    `We have offered you somewhere else to stay while your home is made safe: ${kase.milestones?.['alternative-accommodation-offered']?.note ?? ''}`,
};

/** What a hazard step tells the resident: what happened, and what we will do next and by when. */
export function describeStep(policy: LandlordPolicy, kase: Case, event: MilestoneEvent): string {
  const at = event === 'investigation-concluded' ? kase.investigation?.concludedAt : kase.milestones?.[event]?.at;
  const day = at ? formatLocalDate(calendarFor(policy).localDate(new Date(at)), policy.timeZone) : '';
  const happened = HAPPENED[event](kase, day);
  const next = outstandingMilestones(policy, kase).map(
    (m) => `- ${m.promise} by ${formatLocalDate(m.due, policy.timeZone)}${m.bestEffort ? ' (where we can)' : ''}`,
  );
  return next.length ? `${happened}\n\nWhat happens next: we will\n${next.join('\n')}` : happened;
}
