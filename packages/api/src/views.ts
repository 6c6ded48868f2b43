/**
 * The domain's records as the API shows them, typed by the contracts' view
 * schemas so a view cannot say something its schema does not.
 */
import {
  type Case,
  type CaseLink,
  type CaseWithHistory,
  type Contact,
  calendarFor,
  effectiveRespondBy,
  isHazardKind,
  isHoursTarget,
  type LandlordPolicy,
  lastPromised,
  milestoneDates,
  type Officer,
  standingHazard,
  workKind,
} from '@housing-inbox/core';
import type { CaseListItemView, CaseView, ContactSummaryView, OfficerView } from '@housing-inbox/core/contracts';

function contactSummary(contact: Contact | undefined): ContactSummaryView | null {
  if (!contact) return null;
  return {
    id: contact.id,
    name: contact.name ?? null,
    email: contact.email ?? null,
    phone: contact.phone ?? null,
    postcode: contact.postcode ?? postcodeIn(contact.address),
    preferredChannel: contact.preferredChannel ?? null,
    unacceptableBehaviour: Boolean(contact.unacceptableBehaviour),
  };
}

function postcodeIn(address: string | undefined): string | null {
  return address?.toUpperCase().match(/\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b/)?.[0] ?? null;
}

/** Working days left to the response target (negative when overdue), and whether it has passed. */
export function countdown(policy: LandlordPolicy, kase: Case, now: Date) {
  const calendar = calendarFor(policy);
  // The same target the timers work to (recounted from the acknowledgement where the policy says so).
  const due = effectiveRespondBy(kase, policy);
  if (kase.respondedAt || kase.status === 'closed')
    return { effectiveRespondBy: due, workingDaysLeft: null, overdue: false };
  if (isHoursTarget(due)) {
    const hours = (new Date(due).getTime() - now.getTime()) / 3_600_000;
    return {
      effectiveRespondBy: due,
      workingDaysLeft: Math.floor(hours / 24),
      hoursLeft: Math.round(hours),
      overdue: hours < 0,
    };
  }
  const today = calendar.localDate(now);
  const left = calendar.workingDaysBetween(today, due);
  return { effectiveRespondBy: due, workingDaysLeft: left, overdue: today > due };
}

export function caseListItem(
  policy: LandlordPolicy,
  kase: Case,
  contact: Contact | undefined,
  now: Date,
): CaseListItemView {
  return {
    ref: kase.ref,
    channel: kase.channel,
    kind: kase.kind,
    workKind: workKind(kase),
    priority: (kase.classification.category === 'repair' ? kase.classification.priority : undefined) ?? null,
    hazardKind: standingHazard(kase) ?? null,
    status: kase.status,
    ownerId: kase.ownerId ?? null,
    teamId: kase.teamId,
    contact: contactSummary(contact),
    subject: kase.subject,
    receivedAt: kase.receivedAt,
    targets: { acknowledgeBy: kase.targets.acknowledgeBy, respondBy: kase.targets.respondBy },
    category: kase.classification.category,
    restricted: kase.restricted,
    acknowledgedAt: kase.acknowledgedAt ?? null,
    respondedAt: kase.respondedAt ?? null,
    ...countdown(policy, kase, now),
    ...(kase.activity?.kinds.length ? { activity: kase.activity.kinds } : {}),
  };
}

/** `linked`: the case's links the caller may see (`visibleLinks`); none when not given. */
export function caseView(policy: LandlordPolicy, found: CaseWithHistory, now: Date, linked: CaseLink[] = []): CaseView {
  const { case: kase, contact, messages, timeline, requests } = found;
  return {
    ...caseListItem(policy, kase, contact, now),
    classification: kase.classification,
    targets: kase.targets,
    agreedReplyDate: kase.agreedReplyDate ?? null,
    lastPromised: lastPromised(kase, policy) ?? null,
    delayReason: kase.delayReason ?? null,
    extension: kase.extension ?? null,
    stageOneOwnerId: kase.stageOneOwnerId ?? null,
    previousAnswers: (kase.previousAnswers ?? []).map((a) => ({
      kind: a.kind,
      because: a.because,
      receivedAt: a.receivedAt,
      respondBy: a.respondBy,
      acknowledgedAt: a.acknowledgedAt ?? null,
      respondedAt: a.respondedAt ?? null,
      responseOutcome: a.responseOutcome ?? null,
      endedAt: a.endedAt,
    })),
    closedAt: kase.closedAt ?? null,
    responseOutcome: kase.responseOutcome ?? null,
    ...hazardView(policy, kase),
    needsReading: kase.needsReading ?? null,
    letterReading: kase.letterReading ?? null,
    contact: contact ?? null,
    legalHold: kase.legalHold ?? null,
    disclosures: kase.disclosures ?? [],
    erased: kase.erased ?? null,
    linked,
    mergedInto: kase.mergedInto ?? null,
    merging: kase.merging ?? null,
    closedAs: kase.closedAs ?? null,
    pendingDetails: kase.pendingDetails ?? null,
    messages: messages.map(({ html: _raw, ...m }) => m),
    timeline,
    requests,
  };
}

/** The hazard flag, the investigation and the statutory milestones with their due dates (Awaab's Law; the Scottish regulations). */
function hazardView(policy: LandlordPolicy, kase: Case): Pick<CaseView, 'hazard' | 'investigation' | 'milestones'> {
  const flag = kase.classification.hazard;
  const { investigation } = kase;
  const due =
    investigation && isHazardKind(kase.kind)
      ? milestoneDates(policy, kase.kind, new Date(investigation.concludedAt), investigation)
      : [];
  return {
    hazard: flag
      ? {
          kind: flag.kind,
          sign: flag.sign,
          words: flag.words,
          status: flag.status,
          decidedBy: flag.decidedBy ?? null,
          decidedAt: flag.decidedAt ?? null,
          reason: flag.reason ?? null,
        }
      : null,
    investigation: investigation ?? null,
    milestones: due.map((m) => {
      const done = kase.milestones?.[m.metBy];
      return { ...m, doneAt: done?.at ?? null, note: done?.note ?? null };
    }),
  };
}

/** What the console needs to know of an officer: never their tokens or anything private. */
export function officerView(o: Officer): OfficerView {
  return {
    id: o.id,
    name: o.name,
    email: o.email,
    role: o.role,
    teamId: o.teamId,
    lineManagerId: o.lineManagerId ?? null,
    active: o.active,
    absences: o.absences ?? [],
    patches: o.patches ?? [],
  };
}
