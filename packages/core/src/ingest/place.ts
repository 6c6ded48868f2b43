/**
 * Ingest: every inbound delivery, from any channel, becomes exactly one message
 * on exactly one case. Raw payload first, then parse (or quarantine), then
 * drop duplicates, thread replies, match the contact, classify, route and
 * compute targets.
 */
import { createHash, randomUUID } from 'node:crypto';
import { calendarFor } from './calendar.js';
import { type Case, type CaseMessage, findCaseRefs, formatCaseRef, isOpenStatus, type TimelineEntry } from './cases.js';
import { classify, departmentFor, kindForChannel } from './classify.js';
import type { Clock } from './clock.js';
import { normaliseEmail, normalisePhone } from './contacts.js';
import { type InboundMessage, inboundMessageSchema } from './inbound.js';
import type { Channel, Contact } from './model.js';
import type { LandlordPolicy } from './policy.js';
import {
  type BlobStore,
  type CaseEvents,
  type CaseRepository,
  type ContactWrite,
  type DeliveryRecord,
  DuplicateDeliveryError,
  noCaseEvents,
  WriteConflictError,
} from './ports.js';
import { chooseOwner } from './routing.js';
import { computeTargets } from './targets.js';

export interface IngestDeps {
  policy: LandlordPolicy;
  repository: CaseRepository;
  blobs: BlobStore;
  clock: Clock;
  events?: CaseEvents;
  newId?: () => string;
  /** Structured log without personal data: ids, channels, outcomes only. */
  log?: (event: string, fields: Record<string, unknown>) => void;
}

export type IngestOutcome =
  | { outcome: 'created'; caseRef: string; messageId: string }
  | { outcome: 'threaded'; caseRef: string; messageId: string; via: 'reference' | 'email-thread' | 'sms-window' }
  | { outcome: 'duplicate'; caseRef?: string; messageId?: string }
  | { outcome: 'automated'; caseRef?: string; messageId: string; kind: 'auto-reply' | 'bounce' }
  | { outcome: 'quarantined'; quarantineId: string; reason: string };

export interface RawDelivery {
  channel: Channel;
  raw: Uint8Array;
  contentType: string;
  parse(raw: Uint8Array): Promise<InboundMessage> | InboundMessage;
}

const MAX_ATTEMPTS = 4;
/** Per body field, so text and safe HTML together stay well inside an item. */
const MAX_BODY_BYTES = 150_000;

export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Keep the payload, then parse it; what will not parse is quarantined with its reason, never dropped. */
export async function acceptDelivery(deps: IngestDeps, delivery: RawDelivery): Promise<IngestOutcome> {
  const now = deps.clock.now();
  const rawKey = `raw/${delivery.channel}/${now.toISOString().slice(0, 10)}/${sha256(delivery.raw)}`;
  await deps.blobs.put(rawKey, delivery.raw, delivery.contentType);

  let message: InboundMessage;
  try {
    message = inboundMessageSchema.parse(await delivery.parse(delivery.raw));
  } catch (err) {
    // A service that is busy or down (OCR throttled, a timeout) says nothing about the
    // payload: let the delivery be retried rather than quarantine a good letter.
    if (isTransient(err)) throw err;
    const reason = reasonOf(err);
    const quarantineId = `${now.toISOString()}#${sha256(rawKey).slice(0, 12)}`;
    await deps.repository.quarantine({
      id: quarantineId,
      channel: delivery.channel,
      receivedAt: now.toISOString(),
      reason,
      rawKey,
    });
    deps.log?.('quarantined', { channel: delivery.channel, quarantineId });
    return { outcome: 'quarantined', quarantineId, reason };
  }
  return ingestMessage(deps, message, rawKey);
}

const TRANSIENT_NAMES = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'InternalServerError',
  'InternalServerErrorException',
  'TimeoutError',
  'RequestTimeout',
]);
const TRANSIENT_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EAI_AGAIN', 'EPIPE']);

/** Errors that mean "try again later" (AWS SDK throttling and 5xx, network failures), not "bad input". */
export function isTransient(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as { name?: string; code?: string; $retryable?: unknown; $metadata?: { httpStatusCode?: number } };
  if (e.$retryable) return true;
  if ((e.$metadata?.httpStatusCode ?? 0) >= 500) return true;
  return TRANSIENT_NAMES.has(e.name ?? '') || TRANSIENT_CODES.has(e.code ?? '');
}

function reasonOf(err: unknown): string {
  if (err && typeof err === 'object' && 'issues' in err && Array.isArray((err as { issues: unknown[] }).issues)) {
    const issues = (err as { issues: { path: PropertyKey[]; message: string }[] }).issues;
    return `invalid message: ${issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`;
  }
  return err instanceof Error ? err.message : String(err);
}

export async function ingestMessage(deps: IngestDeps, input: InboundMessage, rawKey?: string): Promise<IngestOutcome> {
  const message = inboundMessageSchema.parse(input);
  const dedupeKey = `${message.channel}:${message.dedupeKey}`;
  const earlier = await deps.repository.findDelivery(dedupeKey);
  if (earlier) {
    // A redelivery may be the retry of one whose timer never started (the start failed after
    // the case was stored): announce the case again. Starting a case's first timer is idempotent.
    if (earlier.outcome === 'created' && earlier.caseRef)
      await (deps.events ?? noCaseEvents).caseOpened(earlier.caseRef);
    return duplicate(deps, earlier);
  }

  const caseMessage = await toCaseMessage(deps, message, rawKey);
  for (let attempt = 1; ; attempt++) {
    try {
      return await place(deps, message, caseMessage, dedupeKey);
    } catch (err) {
      if (err instanceof DuplicateDeliveryError) {
        const winner = await deps.repository.findDelivery(dedupeKey);
        return duplicate(deps, winner);
      }
      // Someone changed the contact or case between our read and write: read again and retry.
      if (err instanceof WriteConflictError && attempt < MAX_ATTEMPTS) continue;
      throw err;
    }
  }
}

function duplicate(deps: IngestDeps, record: DeliveryRecord | undefined): IngestOutcome {
  deps.log?.('duplicate-delivery', { caseRef: record?.caseRef });
  return { outcome: 'duplicate', caseRef: record?.caseRef, messageId: record?.messageId };
}

async function toCaseMessage(deps: IngestDeps, message: InboundMessage, rawKey?: string): Promise<CaseMessage> {
  const id = deps.newId?.() ?? randomUUID();
  const attachments = await Promise.all(
    message.attachments.map(async (a) => {
      let blobKey = a.blobKey;
      if (a.content) {
        blobKey = `attachments/${sha256(a.content)}/${a.filename.replace(/[^\w.-]+/g, '_')}`;
        await deps.blobs.put(blobKey, a.content, a.contentType);
      }
      if (!blobKey) throw new Error(`attachment ${a.filename} has neither content nor a stored key`);
      return {
        filename: a.filename,
        contentType: a.contentType,
        size: a.size,
        blobKey,
        inline: a.inline,
        contentId: a.contentId,
      };
    }),
  );
  // A DynamoDB item holds at most 400 KB. The raw payload (kept as a blob) has the HTML as
  // received, so the item carries only what officers read, cut to fit when it must be.
  const fits = (value: string | undefined) => value === undefined || Buffer.byteLength(value) <= MAX_BODY_BYTES;
  const text = fits(message.text)
    ? message.text
    : `${Buffer.from(message.text).subarray(0, MAX_BODY_BYTES).toString('utf8')}\n\n[The rest of this message is too long to show here; it is kept in full with the original.]`;
  return {
    id,
    caseRef: '',
    direction: 'inbound',
    channel: message.channel,
    receivedAt: message.receivedAt,
    from: message.from,
    to: message.to,
    subject: message.subject,
    text,
    html: rawKey ? undefined : fits(message.html) ? message.html : undefined,
    safeHtml: fits(message.safeHtml) ? message.safeHtml : undefined,
    attachments,
    rawKey,
    threading: message.threading,
    automated: message.automated,
    logged: message.logged,
    scan: message.scan,
  };
}

async function place(
  deps: IngestDeps,
  message: InboundMessage,
  caseMessage: CaseMessage,
  dedupeKey: string,
): Promise<IngestOutcome> {
  const { repository, clock } = deps;
  const now = clock.now().toISOString();
  const threadIds = message.threading.messageId ? [message.threading.messageId] : [];

  const contact = await resolveContact(deps, message);
  const thread = await findThread(deps, message, contact.isNew ? undefined : contact.contact);

  if (message.automated) {
    const entryType = 'automated-message-received';
    const delivery: DeliveryRecord = { dedupeKey, outcome: 'automated', at: now, messageId: caseMessage.id };
    if (!thread) {
      await repository.recordUnmatchedAutomated(caseMessage, delivery);
      deps.log?.('automated-unmatched', { channel: message.channel, kind: message.automated.kind });
      return { outcome: 'automated', messageId: caseMessage.id, kind: message.automated.kind };
    }
    const summary =
      message.automated.kind === 'bounce' ? 'Delivery failure notice received' : 'Automatic reply received';
    await append(
      deps,
      thread.case,
      caseMessage,
      { ...delivery, caseRef: thread.case.ref },
      threadIds,
      entryType,
      summary,
    );
    return { outcome: 'automated', caseRef: thread.case.ref, messageId: caseMessage.id, kind: message.automated.kind };
  }

  if (thread) {
    const delivery: DeliveryRecord = {
      dedupeKey,
      outcome: 'threaded',
      at: now,
      caseRef: thread.case.ref,
      messageId: caseMessage.id,
    };
    await append(
      deps,
      thread.case,
      caseMessage,
      delivery,
      threadIds,
      'message-received',
      receivedSummary(message),
      contact,
    );
    await (deps.events ?? noCaseEvents).caseChanged(thread.case.ref, 'message-received');
    deps.log?.('message-threaded', { caseRef: thread.case.ref, channel: message.channel, via: thread.via });
    return { outcome: 'threaded', caseRef: thread.case.ref, messageId: caseMessage.id, via: thread.via };
  }

  return openNewCase(deps, message, caseMessage, dedupeKey, contact, threadIds);
}

async function openNewCase(
  deps: IngestDeps,
  message: InboundMessage,
  caseMessage: CaseMessage,
  dedupeKey: string,
  contact: ContactWrite,
  threadIds: string[],
): Promise<IngestOutcome> {
  const { policy, repository, clock } = deps;
  const now = clock.now().toISOString();
  const received = new Date(message.receivedAt);
  const classification = { ...classify(policy, message), decidedBy: 'system' };
  const teamId = departmentFor(policy, message, classification);
  const owner = await chooseOwner(await repository.listOfficers(), teamId, (id) => repository.countOpenCases(id), {
    today: calendarFor(policy).localDate(clock.now()),
    contact: contact.contact,
  });
  const targets = computeTargets(policy, { kind: classification.kind, received });
  const year = Number(calendarFor(policy).localDate(received).slice(0, 4));
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
    contactId: contact.contact.id,
    subject: subjectOf(message),
    receivedAt: message.receivedAt,
    targets,
    restricted: false,
    lastMessageAt: message.receivedAt,
    messageCount: 1,
    createdAt: now,
    updatedAt: now,
  };
  const entry = (type: string, summary: string, data?: Record<string, unknown>): TimelineEntry => ({
    id: deps.newId?.() ?? randomUUID(),
    caseRef: ref,
    at: now,
    type,
    actor: 'system',
    summary,
    data,
  });
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
  ];
  await repository.openCase({
    case: kase,
    contact,
    message: msg,
    timeline,
    delivery: { dedupeKey, outcome: 'created', at: now, caseRef: ref, messageId: msg.id },
    threadIds,
  });
  await (deps.events ?? noCaseEvents).caseOpened(ref);
  deps.log?.('case-opened', { caseRef: ref, channel: message.channel, kind: kase.kind });
  return { outcome: 'created', caseRef: ref, messageId: msg.id };
}

async function append(
  deps: IngestDeps,
  kase: Case,
  caseMessage: CaseMessage,
  delivery: DeliveryRecord,
  threadIds: string[],
  type: string,
  summary: string,
  contact?: ContactWrite,
): Promise<void> {
  const now = deps.clock.now().toISOString();
  const isAutomated = type === 'automated-message-received';
  // A resident writing again after our reply puts the case back in front of its owner, with
  // a new response target counted from this message; the earlier outcome stays on the timeline.
  const followUp = !isAutomated && kase.status === 'answered';
  const targets = followUp
    ? computeTargets(deps.policy, {
        kind: kindForChannel(caseMessage.channel),
        received: new Date(caseMessage.receivedAt),
      })
    : undefined;
  const entries: TimelineEntry[] = [];
  if (followUp && targets) {
    entries.push({
      id: deps.newId?.() ?? randomUUID(),
      caseRef: kase.ref,
      at: now,
      type: 'follow-up',
      actor: 'system',
      summary: `The resident wrote again after our reply: a new response target of ${targets.respondBy}`,
      data: {
        previousTargets: kase.targets,
        previousOutcome: kase.responseOutcome,
        previousRespondedAt: kase.respondedAt,
        targets,
      },
    });
  }
  await deps.repository.appendMessage({
    caseRef: kase.ref,
    expectedUpdatedAt: kase.updatedAt,
    caseUpdate: {
      status: followUp ? 'in-progress' : kase.status,
      lastMessageAt: isAutomated ? kase.lastMessageAt : caseMessage.receivedAt,
      messageCount: kase.messageCount + 1,
      updatedAt: now,
      ...(targets ? { targets, clearResponse: true } : {}),
    },
    contact: contact && !contact.isNew && (contact.claimEmail || contact.claimPhone) ? contact : undefined,
    message: { ...caseMessage, caseRef: kase.ref },
    timeline: [
      {
        id: deps.newId?.() ?? randomUUID(),
        caseRef: kase.ref,
        at: now,
        type,
        actor: isAutomated ? 'system' : 'resident',
        summary,
        data: { messageId: caseMessage.id },
      },
      ...entries,
    ],
    delivery,
    threadIds,
  });
}

/** Find or create the contact; fill in details the resident has just given us. */
async function resolveContact(deps: IngestDeps, message: InboundMessage): Promise<ContactWrite> {
  const email = normaliseEmail(message.from.email);
  const phone = normalisePhone(message.from.phone);
  const { repository } = deps;
  const existing =
    (email ? await repository.findContactByEmail(email) : undefined) ??
    (phone ? await repository.findContactByPhone(phone) : undefined);
  const details: Partial<Contact> = {
    name: message.from.name?.trim() || undefined,
    email,
    phone,
    address: message.from.address,
    tenancyRef: message.form?.tenancyRef,
    preferredChannel: message.form?.preferredChannel,
    communicationNeeds: message.form?.communicationNeeds,
  };
  if (!existing) {
    const contact: Contact = { id: deps.newId?.() ?? randomUUID(), ...stripUndefined(details) };
    return { contact, isNew: true, claimEmail: email, claimPhone: phone };
  }
  const merged: Contact = { ...existing };
  // Details the resident gives now fill gaps; a stated preference replaces the old one.
  for (const key of ['name', 'email', 'phone', 'address', 'tenancyRef', 'communicationNeeds'] as const) {
    if (!merged[key] && details[key]) merged[key] = details[key];
  }
  if (details.preferredChannel) merged.preferredChannel = details.preferredChannel;
  return {
    contact: merged,
    isNew: false,
    claimEmail: email && !existing.email ? email : undefined,
    claimPhone: phone && !existing.phone ? phone : undefined,
  };
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

type Thread = { case: Case; via: 'reference' | 'email-thread' | 'sms-window' };

async function findThread(deps: IngestDeps, message: InboundMessage, contact?: Contact): Promise<Thread | undefined> {
  const { repository, policy } = deps;
  const open = (c: Case | undefined) => (c && isOpenStatus(c.status) ? c : undefined);

  for (const ref of findCaseRefs(`${message.subject ?? ''}\n${message.text}`, policy.caseReferencePrefix)) {
    const c = open(await repository.getCase(ref));
    if (c) return { case: c, via: 'reference' };
  }
  if (message.channel === 'email') {
    const ids = [...message.threading.inReplyTo, ...[...message.threading.references].reverse()];
    for (const id of ids) {
      const ref = await repository.findCaseRefByThreadId(id);
      const c = open(ref ? await repository.getCase(ref) : undefined);
      if (c) return { case: c, via: 'email-thread' };
    }
  }
  if (message.channel === 'sms' && contact) {
    const c = await repository.findOpenCaseForContact(contact.id);
    const windowMs = policy.threading.smsReplyWindowHours * 3_600_000;
    if (c && new Date(message.receivedAt).getTime() - new Date(c.lastMessageAt).getTime() <= windowMs) {
      return { case: c, via: 'sms-window' };
    }
  }
  return undefined;
}

const CHANNEL_LABELS: Record<Channel, string> = {
  email: 'an email',
  sms: 'a text message',
  letter: 'a letter',
  'web-form': 'the web form',
  phone: 'a phone message',
  'in-person': 'a visit',
};

function channelLabel(channel: Channel): string {
  return CHANNEL_LABELS[channel];
}

function receivedSummary(message: InboundMessage): string {
  return `Received ${channelLabel(message.channel)}`;
}

function subjectOf(message: InboundMessage): string {
  const subject = message.subject?.trim();
  if (subject) return subject.slice(0, 200);
  const firstLine = message.text.trim().split('\n')[0]?.trim() ?? '';
  return firstLine.length > 80 ? `${firstLine.slice(0, 77)}…` : firstLine || `(${channelLabel(message.channel)})`;
}
