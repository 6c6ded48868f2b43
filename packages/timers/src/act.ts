/**
 * The acting step: re-plan on the case as it is now and send the notice only
 * if it is still due. A case answered (or retargeted) while the workflow was
 * waiting therefore sends nothing, or something else that is due instead.
 * Sending goes through NoticeSender, which claims the key first: running the
 * same step twice never sends twice.
 */
import {
  type Contact,
  calendarFor,
  currentExtension,
  type DepartmentRequest,
  deadlineDate,
  departmentName,
  effectiveRespondBy,
  formatLocalDate,
  isComplaintKind,
  type Notice,
  type NoticeResult,
  type NoticeSender,
  policyRespondBy,
  renderTemplate,
  type TemplatePlaceholder,
} from '@housing-inbox/core';
import { type PlanInput, plan, type TimerAction, type TimerPlan } from './plan.js';
import { describeStep, lawOf, responsePromise, templateFor } from './wording.js';

export interface ActInput extends PlanInput {
  /** The resident, for their name (the channel is NoticeSender's choice). */
  contact?: Contact;
  /** Department requests on the case: what is happening, for a delay update. */
  requests?: readonly DepartmentRequest[];
}

export interface ActDeps {
  sender: NoticeSender;
  /** An officer's name for staff notices ({{owner}}); the id is shown when it is unknown. */
  officerName?: (officerId: string) => Promise<string | undefined>;
}

export type ActStatus = NoticeResult['status'] | 'not-due' | 'nothing-to-do';

export interface ActOutcome {
  status: ActStatus;
  /** The plan made at the moment of acting. */
  plan: TimerPlan;
  /** Why a notice was skipped or failed. */
  detail?: string;
}

/** Said to the resident when the owner recorded no reason for the delay. */
export const NEUTRAL_DELAY_REASON =
  'We need more time to give you a full and accurate answer. We have not forgotten you, and your case is being worked on.';

const AUDIENCE_FOR = {
  acknowledge: 'resident',
  'warn-owner': 'owner',
  'delay-update': 'resident',
  'alert-manager': 'manager',
  step: 'resident',
  extension: 'resident',
  'complaint-summary': 'resident',
} as const satisfies Record<Exclude<TimerAction, 'none'>, Notice['audience']>;

const PURPOSE_FOR = {
  acknowledge: 'acknowledgement',
  'warn-owner': 'owner-warning',
  'delay-update': 'delay-update',
  'alert-manager': 'manager-alert',
  step: 'other',
  extension: 'extension',
  // The complaint as we understand it completes the acknowledgement (Complaint Handling Code, SPSO).
  'complaint-summary': 'acknowledgement',
} as const satisfies Record<Exclude<TimerAction, 'none'>, Notice['purpose']>;

/** "What is happening", in the resident's terms: who is waiting on whom. */
export function describeProgress(input: Pick<ActInput, 'case' | 'policy' | 'requests'>): string {
  const team = departmentName(input.policy, input.case.teamId);
  const waitingOn = [
    ...new Set(
      (input.requests ?? [])
        .filter((r) => r.status === 'open' && r.department !== input.case.teamId)
        .map((r) => departmentName(input.policy, r.department)),
    ),
  ];
  if (waitingOn.length > 0) {
    const list = waitingOn.length === 1 ? waitingOn[0] : `${waitingOn.slice(0, -1).join(', ')} and ${waitingOn.at(-1)}`;
    return `Our ${team} team is dealing with your case and is waiting for information from our ${list} team${waitingOn.length === 1 ? '' : 's'}. We will reply as soon as we have it.`;
  }
  if (input.case.ownerId) return `An officer in our ${team} team is dealing with your case.`;
  return `Your case is with our ${team} team.`;
}

/** The notice a plan sends: audience, purpose and the policy's template filled in. */
export async function renderNotice(
  planned: TimerPlan & { action: Exclude<TimerAction, 'none'> },
  input: ActInput,
  deps: Pick<ActDeps, 'officerName'> = {},
): Promise<Omit<Notice, 'sentBy'>> {
  const { case: kase, policy, now } = input;
  const tz = policy.timeZone;
  const calendar = calendarFor(policy);
  const date = (value: string | null | undefined) => (value ? formatLocalDate(value, tz) : '');

  // The acknowledgement goes out now, so a target counted from it starts now
  // (the same day-0 rule): tell the resident that date, not the provisional one.
  const respondBy =
    planned.action === 'acknowledge'
      ? effectiveRespondBy(kase, policy, now.toISOString())
      : (planned.target ?? kase.targets.respondBy);
  const ownerName = kase.ownerId ? ((await deps.officerName?.(kase.ownerId)) ?? kase.ownerId) : 'nobody (unassigned)';
  const extension = currentExtension(kase);
  const ombudsman = `${policy.complaints.ombudsman.name}: ${policy.complaints.ombudsman.contact}`;
  const values: Partial<Record<TemplatePlaceholder, string>> = {
    ref: kase.ref,
    name: input.contact?.name?.trim() || 'resident',
    landlord: policy.name,
    team: departmentName(policy, kase.teamId),
    owner: ownerName,
    receivedOn: date(kase.receivedAt),
    acknowledgeBy: date(kase.targets.acknowledgeBy),
    respondBy: date(respondBy),
    target: date(planned.target ?? respondBy),
    newDate: date(planned.newDate),
    reason: kase.delayReason?.trim() || NEUTRAL_DELAY_REASON,
    progress: describeProgress(input),
    daysLeft: String(
      Math.max(
        0,
        calendar.workingDaysBetween(calendar.localDate(now), deadlineDate(policy, planned.target ?? respondBy)),
      ),
    ),
    ombudsman,
    phone: policy.contact?.phone ?? '',
    law: lawOf(policy, kase),
    milestone: planned.milestone?.promise ?? responsePromise(policy, kase) ?? '',
    step: planned.event ? describeStep(policy, kase, planned.event) : '',
  };
  if (isComplaintKind(kase.kind)) {
    // The complaint as the landlord understands it, once an officer confirmed it; until then, that it will follow.
    values.complaint =
      kase.complaintSummary?.text ?? renderTemplate(policy.complaints.templates.summaryToFollow, values);
  }
  if (planned.action === 'extension' && extension) {
    values.reason = extension.reason;
    values.target = date(policyRespondBy(policy, kase));
    values.newDate = date(extension.respondBy);
  }
  const template = templateFor(policy, kase, planned);
  return {
    caseRef: kase.ref,
    audience: AUDIENCE_FOR[planned.action],
    purpose: PURPOSE_FOR[planned.action],
    subject: renderTemplate(template.subject, values),
    body: renderTemplate(template.body, values),
    key: planned.key,
  };
}

/**
 * Does what is due now, if anything. `input` must be the case as just re-read:
 * the plan is made again here, so a stale plan from before the wait is never
 * acted on.
 */
export async function act(input: ActInput, deps: ActDeps): Promise<ActOutcome> {
  const planned = plan(input);
  if (planned.action === 'none') return { status: 'nothing-to-do', plan: planned };
  if (new Date(planned.at) > input.now) return { status: 'not-due', plan: planned };
  const notice = await renderNotice({ ...planned, action: planned.action }, input, deps);
  const result = await deps.sender.send({ ...notice, sentBy: 'system' });
  const detail = result.status === 'skipped' || result.status === 'failed' ? result.reason : undefined;
  return detail ? { status: result.status, plan: planned, detail } : { status: result.status, plan: planned };
}
