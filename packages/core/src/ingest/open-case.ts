/**
 * A message that continues no case opens one: classified, routed, targets set
 * from when the contact happened, all in one write. A message that both
 * complains and reports a repair or hazard (`classification.also`) opens a
 * second case beside it in the same write, each with its own clock and notices.
 */
import { randomUUID } from 'node:crypto';
import { calendarFor } from '../calendar.js';
import type { AlsoRuns, Case, CaseLink, CaseMessage, Classification, TimelineEntry } from '../cases.js';
import { formatCaseRef } from '../cases.js';
import { classify, departmentFor, kindForChannel } from '../classify.js';
import type { ContactClock } from '../contact-clocks.js';
import type { InboundMessage } from '../inbound.js';
import type { Contact } from '../model.js';
import { inboxItems, type OfficerNotification } from '../notifications.js';
import type { AlsoOpened } from '../ports.js';
import { chooseOwner } from '../routing.js';
import { computeTargets } from '../targets.js';
import { announce, pendingPlan } from './announce.js';
import { describeOffered, pendingAfter, type Sender } from './contacts.js';
import { channelLabel, entryOn, receivedSummary, subjectOf } from './labels.js';
import { linksFor, sameResidentLinks } from './links.js';
import { clockOf } from './rounds.js';
import type { Mention } from './threading.js';
import type { DeliveryIdentity, IngestDeps, IngestOutcome } from './types.js';

export async function openNewCase(
  deps: IngestDeps,
  message: InboundMessage,
  caseMessage: CaseMessage,
  identity: DeliveryIdentity,
  sender: Sender,
  mentions: Mention[],
): Promise<IngestOutcome> {
  const { policy, repository, clock } = deps;
  const now = clock.now().toISOString();
  const contactClock = await clockOf(deps, message);
  const { also, ...first } = { ...classify(policy, message), decidedBy: 'system' };
  // A letter nobody could read yet was classified from OCR's guess: one case, until an officer reads it in.
  const second = also && !message.scan?.needsReading ? also : undefined;
  const classification: Classification = second ? { ...first, also: second } : first;
  const opened = await newCase(deps, message, caseMessage, classification, contactClock, sender.write.contact);
  const { ref } = opened.case;
  const mentioned = linksFor(deps, ref, opened.message.id, mentions);
  // Said on both cases, never threaded silently: the resident's open case the message did not continue.
  const open = sender.known ? await repository.findOpenCaseForContact(sender.known.id) : undefined;
  const same =
    open && !mentions.some((m) => m.case.ref === open.ref)
      ? sameResidentLinks(deps, ref, opened.message.id, open)
      : undefined;
  const links = {
    own: [...mentioned.own, ...(same?.own ?? [])],
    entries: [...mentioned.entries, ...(same?.entries ?? [])],
    writes: [...mentioned.writes, ...(same?.writes ?? [])],
  };
  const pendingDetails = pendingAfter(undefined, sender.offered, {
    channel: message.channel,
    messageId: opened.message.id,
    at: now,
  });
  const beside = second
    ? await newCase(
        deps,
        message,
        { ...caseMessage, id: deps.newId?.() ?? randomUUID() },
        besideClassification(second, ref, message),
        contactClock,
        sender.write.contact,
      )
    : undefined;

  const kase: Case = {
    ...opened.case,
    ...(links.own.length || beside
      ? { linked: [...links.own, ...(beside ? [sameMessage(beside.case.ref, opened.message.id, now)] : [])] }
      : {}),
    ...(pendingDetails ? { pendingDetails } : {}),
    // A letter OCR could not read well: the "letters to read" queue, acknowledged once read in.
    ...(message.scan?.needsReading ? { needsReading: message.scan.needsReading } : {}),
  };
  const entry = (type: string, summary: string, data?: Record<string, unknown>) =>
    entryOn(deps, ref, type, summary, data);
  const timeline = [
    ...opened.timeline,
    ...links.entries,
    ...(beside ? [entry(...linkedEntry(beside.case, opened.message.id))] : []),
    ...(sender.offered
      ? [
          entry(
            'contact-details-pending',
            `New contact details from ${channelLabel(message.channel)} wait for an officer to confirm: ${describeOffered(sender.offered)}`,
            {
              messageId: opened.message.id,
              fields: Object.keys(sender.offered.details),
              conflicts: sender.offered.conflicts,
            },
          ),
        ]
      : []),
  ];
  const alsoOpened: AlsoOpened[] = beside
    ? [
        {
          case: { ...beside.case, linked: [sameMessage(ref, beside.message.id, now)] },
          message: beside.message,
          timeline: [...beside.timeline, entryOn(deps, beside.case.ref, ...linkedEntry(kase, beside.message.id))],
          pendingPlan: pendingPlan(deps, beside.case.ref, 'opened'),
        },
      ]
    : [];
  const plan = pendingPlan(deps, ref, 'opened');
  const alsoCaseRefs = alsoOpened.map((a) => a.case.ref);
  const assigned = await assignedNotices(deps, [kase, ...alsoOpened.map((a) => a.case)]);
  await repository.openCase({
    case: kase,
    contact: sender.write,
    message: opened.message,
    timeline,
    delivery: {
      ...identity,
      outcome: 'created',
      at: now,
      caseRef: ref,
      messageId: opened.message.id,
      ...(alsoCaseRefs.length ? { alsoCaseRefs } : {}),
    },
    threadIds: message.threading.messageId ? [message.threading.messageId] : [],
    links: links.writes,
    pendingPlan: plan,
    ...(alsoOpened.length ? { also: alsoOpened } : {}),
    ...(assigned.length ? { notifications: assigned } : {}),
    ...(assigned.length && deps.officerEmailsBy === 'timers' ? { officerEmailsDue: assigned } : {}),
  });
  await announce(deps, plan, 'opened');
  for (const a of alsoOpened) await announce(deps, a.pendingPlan, 'opened');
  if (assigned.length && deps.officerEmailsBy !== 'timers') {
    // After the case is safely filed: a failure to email the owner never fails (and redelivers) the contact.
    await deps.notifier
      ?.email(assigned)
      .catch((err) => deps.log?.('notify-failed', { caseRef: ref, error: (err as Error)?.name }));
  }
  deps.log?.('case-opened', { caseRef: ref, channel: message.channel, kind: kase.kind, alsoCaseRefs });
  return {
    outcome: 'created',
    caseRef: ref,
    messageId: opened.message.id,
    ...(alsoCaseRefs.length ? { alsoCaseRefs } : {}),
  };
}

/**
 * "Assigned to you" for each new case's owner (their cover while they are away), written in
 * the case's own transaction; none without a notifier (nobody is told: tests, the bench).
 */
async function assignedNotices(deps: IngestDeps, cases: Case[]): Promise<OfficerNotification[]> {
  const owned = cases.filter((c) => c.ownerId);
  if (!deps.notifier || owned.length === 0) return [];
  const now = deps.clock.now();
  return inboxItems(
    await deps.repository.listOfficers(),
    owned.map((c) => ({
      officerId: c.ownerId as string,
      kind: 'assigned' as const,
      caseRef: c.ref,
      summary: `${c.ref} was assigned to you`,
    })),
    now.toISOString(),
    calendarFor(deps.policy).localDate(now),
    deps.newId ?? randomUUID,
  );
}

/** One new case for `classification`: its reference, team, owner and targets from the contact's clock. */
async function newCase(
  deps: IngestDeps,
  message: InboundMessage,
  caseMessage: CaseMessage,
  classification: Classification,
  clock: ContactClock,
  contact: Contact,
): Promise<{ case: Case; message: CaseMessage; timeline: TimelineEntry[] }> {
  const { policy, repository } = deps;
  const now = deps.clock.now().toISOString();
  const teamId = departmentFor(policy, message, classification);
  const owner = await chooseOwner(await repository.listOfficers(), teamId, (id) => repository.countOpenCases(id), {
    today: calendarFor(policy).localDate(deps.clock.now()),
    contact,
  });
  const targets = computeTargets(policy, {
    kind: classification.kind,
    received: clock.received,
    notBefore: clock.notBefore,
  });
  const year = Number(calendarFor(policy).localDate(clock.received).slice(0, 4));
  const ref = formatCaseRef(
    policy.caseReferencePrefix,
    year,
    await repository.nextCaseSequence(policy.caseReferencePrefix, year),
  );
  const msg = { ...caseMessage, caseRef: ref };
  const kase: Case = {
    ref,
    policyId: policy.id,
    channel: message.channel,
    kind: classification.kind,
    classification,
    status: 'new',
    ownerId: owner.ownerId,
    teamId,
    contactId: contact.id,
    subject: subjectOf(message),
    // When the landlord received it: the call, the day the letter arrived in the post, or the delivery.
    receivedAt: clock.received.toISOString(),
    targets,
    restricted: false,
    lastMessageAt: message.receivedAt,
    messageCount: 1,
    createdAt: now,
    updatedAt: now,
  };
  const entry = (type: string, summary: string, data?: Record<string, unknown>) =>
    entryOn(deps, ref, type, summary, data);
  const timeline = [
    entry('case-opened', `Case opened from ${channelLabel(message.channel)}`, {
      messageId: msg.id,
      targets,
      ...(clock.reason ? { clock: clock.reason } : {}),
    }),
    entry('message-received', receivedSummary(message), { messageId: msg.id }),
    entry('classified', `Classified as ${classification.category} (${classification.kind}): ${classification.reason}`, {
      ...classification,
    }),
    entry(
      'assigned',
      owner.ownerId
        ? `Assigned to ${owner.ownerId} in ${teamId}: ${owner.reason}`
        : `Placed in ${teamId}: ${owner.reason}`,
      { ownerId: owner.ownerId, teamId },
    ),
    ...(clock.reason ? [entry('clock-started', `The clock runs from when the contact happened: ${clock.reason}`)] : []),
  ];
  return { case: kase, message: msg, timeline };
}

/** The second clock's classification: what `also` named, flagged like any likely hazard when it is one. */
function besideClassification(also: AlsoRuns, ref: string, message: InboundMessage): Classification {
  const { hazard, ...rest } = also;
  const reason = `${also.reason}; opened beside ${ref} from the same message`;
  if (!hazard) return { ...rest, reason, decidedBy: 'system' };
  const otherwise = {
    category: 'service-request' as const,
    kind: kindForChannel(message.channel),
    reason: 'no hazard',
  };
  return { ...rest, reason, decidedBy: 'system', hazard: { ...hazard, status: 'suspected', otherwise } };
}

function sameMessage(ref: string, messageId: string, at: string): CaseLink {
  return { ref, relation: 'same-message', via: 'same-message', at, messageId };
}

/** The timeline entry on one of two cases one message opened, naming the other and its clock. */
function linkedEntry(other: Case, messageId: string): [string, string, Record<string, unknown>] {
  return [
    'case-linked',
    `Linked to ${other.ref}: the same message is also a ${other.classification.category} (${other.kind}), which runs its own clock there (respond by ${other.targets.respondBy})`,
    { ref: other.ref, relation: 'same-message', via: 'same-message', messageId },
  ];
}
