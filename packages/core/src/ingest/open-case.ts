/** A message that continues no case opens one: classified, routed, targets set, all in one write. */
import { calendarFor } from '../calendar.js';
import { type Case, type CaseMessage, formatCaseRef } from '../cases.js';
import { classify, departmentFor } from '../classify.js';
import type { InboundMessage } from '../inbound.js';
import { chooseOwner } from '../routing.js';
import { computeTargets } from '../targets.js';
import { announce, pendingPlan } from './announce.js';
import { describeOffered, pendingAfter, type Sender } from './contacts.js';
import { channelLabel, entryOn, receivedSummary, subjectOf } from './labels.js';
import { linksFor, sameResidentLinks } from './links.js';
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
  const received = new Date(message.receivedAt);
  const classification = { ...classify(policy, message), decidedBy: 'system' };
  const teamId = departmentFor(policy, message, classification);
  const owner = await chooseOwner(await repository.listOfficers(), teamId, (id) => repository.countOpenCases(id), {
    today: calendarFor(policy).localDate(clock.now()),
    contact: sender.write.contact,
  });
  const targets = computeTargets(policy, { kind: classification.kind, received });
  const year = Number(calendarFor(policy).localDate(received).slice(0, 4));
  const ref = formatCaseRef(
    policy.caseReferencePrefix,
    year,
    await repository.nextCaseSequence(policy.caseReferencePrefix, year),
  );
  const msg = { ...caseMessage, caseRef: ref };
  const mentioned = linksFor(deps, ref, msg.id, mentions);
  // Said on both cases, never threaded silently: the resident's open case the message did not continue.
  const open = sender.known ? await repository.findOpenCaseForContact(sender.known.id) : undefined;
  const same =
    open && !mentions.some((m) => m.case.ref === open.ref) ? sameResidentLinks(deps, ref, msg.id, open) : undefined;
  const links = {
    own: [...mentioned.own, ...(same?.own ?? [])],
    entries: [...mentioned.entries, ...(same?.entries ?? [])],
    writes: [...mentioned.writes, ...(same?.writes ?? [])],
  };
  const pendingDetails = pendingAfter(undefined, sender.offered, {
    channel: message.channel,
    messageId: msg.id,
    at: now,
  });

  const kase: Case = {
    ref,
    policyId: policy.id,
    channel: message.channel,
    kind: classification.kind,
    classification,
    status: 'new',
    ownerId: owner.ownerId,
    teamId,
    contactId: sender.write.contact.id,
    subject: subjectOf(message),
    receivedAt: message.receivedAt,
    targets,
    restricted: false,
    lastMessageAt: message.receivedAt,
    messageCount: 1,
    createdAt: now,
    updatedAt: now,
    ...(links.own.length ? { linked: links.own } : {}),
    ...(pendingDetails ? { pendingDetails } : {}),
    // A letter OCR could not read well: the "letters to read" queue, acknowledged once read in.
    ...(message.scan?.needsReading ? { needsReading: message.scan.needsReading } : {}),
  };
  const entry = (type: string, summary: string, data?: Record<string, unknown>) =>
    entryOn(deps, ref, type, summary, data);
  const timeline = [
    entry('case-opened', `Case opened from ${channelLabel(message.channel)}`, { messageId: msg.id, targets }),
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
    ...links.entries,
    ...(sender.offered
      ? [
          entry(
            'contact-details-pending',
            `New contact details from ${channelLabel(message.channel)} wait for an officer to confirm: ${describeOffered(sender.offered)}`,
            { messageId: msg.id, fields: Object.keys(sender.offered.details), conflicts: sender.offered.conflicts },
          ),
        ]
      : []),
  ];
  const plan = pendingPlan(deps, ref);
  await repository.openCase({
    case: kase,
    contact: sender.write,
    message: msg,
    timeline,
    delivery: { ...identity, outcome: 'created', at: now, caseRef: ref, messageId: msg.id },
    threadIds: message.threading.messageId ? [message.threading.messageId] : [],
    links: links.writes,
    pendingPlan: plan,
  });
  await announce(deps, plan, 'opened');
  if (owner.ownerId) {
    // After the case is safely filed: a failure to tell the owner never fails (and redelivers) the contact.
    await deps.notifier
      ?.notify([{ officerId: owner.ownerId, kind: 'assigned', caseRef: ref, summary: `${ref} was assigned to you` }])
      .catch((err) => deps.log?.('notify-failed', { caseRef: ref, error: (err as Error)?.name }));
  }
  deps.log?.('case-opened', { caseRef: ref, channel: message.channel, kind: kase.kind });
  return { outcome: 'created', caseRef: ref, messageId: msg.id };
}
