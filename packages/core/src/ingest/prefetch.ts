/**
 * Ingest's reads in as few round trips as the store allows (issue 16, "fewer
 * round trips"): every item ingest can name before reading anything — the
 * delivery's markers, the sender's email and phone claims, the cases the
 * message quotes, its email thread ids and the officer directory — in one
 * batch; then what those name (the contacts behind the claims with their open
 * cases, the case the sender's number last wrote on, the cases behind thread
 * ids, where a merged case went) in a second, only when there is any. A new
 * case's reference comes from the store's block of numbers (no read here). The rest of ingest reads through an overlay
 * of the repository that answers from these reads and asks the store only for
 * what was not read.
 *
 * Nothing here decides anything: a duplicate found here is the fast answer,
 * and the write's own conditions stay the guarantee (a marker written since is
 * a DuplicateDeliveryError; a claim or case that moved since is a
 * WriteConflictError, and ingest reads again).
 */
import { type Case, findCaseRefs, isOpenStatus } from '../cases.js';
import type { InboundMessage } from '../inbound.js';
import type { Contact } from '../model.js';
import type { CaseRepository, DeliveryRecord, IngestReads, NumberCase } from '../ports.js';
import { detailsOf } from './contacts.js';
import { MAX_REFERENCES_READ, MAX_THREAD_IDS_READ } from './threading.js';
import type { DeliveryIdentity, IngestDeps } from './types.js';

export interface Prefetched {
  /** Ingest's dependencies with the repository overlaid by what was read. */
  deps: IngestDeps;
  /** The marker of an earlier delivery of the same message, when there is one. */
  earlier?: DeliveryRecord;
}

/** The email Message-IDs a message may thread by, in the order threading looks at them. */
export function threadIdsOf(message: InboundMessage): string[] {
  if (message.channel !== 'email') return [];
  const ids = [...message.threading.inReplyTo, ...[...message.threading.references].reverse()];
  return [...new Set(ids)].slice(0, MAX_THREAD_IDS_READ);
}

/** The case references a message quotes, as threading reads them. */
export function quotedRefsOf(message: InboundMessage, prefix: string): string[] {
  return [...new Set(findCaseRefs(`${message.subject ?? ''}\n${message.text}`, prefix))].slice(0, MAX_REFERENCES_READ);
}

export async function prefetch(
  deps: IngestDeps,
  message: InboundMessage,
  identity: DeliveryIdentity,
): Promise<Prefetched> {
  const { repository, policy } = deps;
  if (!repository.readForIngest) {
    for (const key of [identity.dedupeKey, ...identity.aliases]) {
      const earlier = await repository.findDelivery(key);
      if (earlier) return { deps, earlier };
    }
    return { deps };
  }
  const details = detailsOf(deps, message);
  const emails = details.email ? [details.email] : [];
  const phones = details.phone ? [details.phone] : [];
  const caseRefs = quotedRefsOf(message, policy.caseReferencePrefix);
  const threadIds = threadIdsOf(message);
  const deliveryKeys = [identity.dedupeKey, ...identity.aliases];
  // The timer generation of each case read, with it: a threaded message moves it in its own write.
  const numbered = deps.events?.numbered === true;
  const first = await repository.readForIngest({
    deliveryKeys,
    emails,
    phones,
    caseRefs,
    threadIds,
    officers: true,
    ...(numbered ? { timerGenerations: caseRefs } : {}),
  });
  const earlier = deliveryKeys.map((k) => first.deliveries.get(k)).find((d) => d !== undefined);
  if (earlier) return { deps, earlier };

  // What the first read names: the claimed contacts (with their open cases), the case the
  // sender's number last wrote on (a hint: the open cases decide), the cases behind thread ids,
  // one hop of a merge.
  const contactIds = [...new Set([...first.contactIdByEmail.values(), ...first.contactIdByPhone.values()])];
  const more = [
    ...[...first.threads.values()].filter((ref) => !first.cases.has(ref)),
    ...[...first.cases.values()].map((c) => c.mergedInto).filter((ref): ref is string => Boolean(ref)),
    ...phones.map((p) => first.caseRefByPhone?.get(p)).filter((ref): ref is string => Boolean(ref)),
  ];
  const moreRefs = [...new Set(more)].filter((ref) => !first.cases.has(ref));
  if (contactIds.length || moreRefs.length) {
    const second = await repository.readForIngest({
      contactIds,
      caseRefs: moreRefs,
      ...(numbered ? { timerGenerations: moreRefs } : {}),
    });
    for (const [id, c] of second.contacts) first.contacts.set(id, c);
    for (const [ref, c] of second.cases) first.cases.set(ref, c);
    first.openCases = second.openCases;
    if (second.timerGenerations)
      first.timerGenerations = new Map([...(first.timerGenerations ?? []), ...second.timerGenerations]);
  }
  if (numbered) first.timerGenerations ??= new Map();
  const read = { emails, phones, caseRefs: new Set([...caseRefs, ...moreRefs]), threadIds };
  const timerGenerations = first.timerGenerations;
  return {
    deps: { ...deps, repository: overlay(repository, first, read), ...(timerGenerations ? { timerGenerations } : {}) },
  };
}

interface Asked {
  emails: string[];
  phones: string[];
  caseRefs: Set<string>;
  threadIds: string[];
}

/**
 * The repository, answering from `reads` what was asked of it, and noting on the sender's phone
 * claim the case each write files the message on (`NumberCase`).
 */
function overlay(target: CaseRepository, reads: IngestReads, asked: Asked): CaseRepository {
  let officers = reads.officers ? Promise.resolve(reads.officers) : undefined;
  const contact = async (id: string | undefined): Promise<Contact | undefined> =>
    id === undefined ? undefined : (reads.contacts.get(id) ?? target.getContact(id));
  const over: Partial<CaseRepository> = {
    findDelivery: async () => undefined,
    findContactByEmail: (email) =>
      asked.emails.includes(email) ? contact(reads.contactIdByEmail.get(email)) : target.findContactByEmail(email),
    findContactByPhone: (phone) =>
      asked.phones.includes(phone) ? contact(reads.contactIdByPhone.get(phone)) : target.findContactByPhone(phone),
    getContact: (id) => contact(id),
    getCase: async (ref): Promise<Case | undefined> =>
      asked.caseRefs.has(ref) ? reads.cases.get(ref) : target.getCase(ref),
    findCaseRefByThreadId: async (id) =>
      asked.threadIds.includes(id) ? reads.threads.get(id.toLowerCase()) : target.findCaseRefByThreadId(id),
    listOfficers: () => {
      officers ??= target.listOfficers();
      return officers;
    },
    findOpenCaseForContact: (id) => openCaseOf(target, reads, asked, id),
    openCase: (write) =>
      target.openCase({
        ...write,
        ...numberCase(reads, asked, write.case.contactId, write.case.ref, write.contact.claimPhone),
      }),
    appendMessage: (write) =>
      target.appendMessage({
        ...write,
        ...numberCase(reads, asked, write.case.contactId, write.caseRef, write.contact?.claimPhone),
      }),
  };
  return new Proxy(target, {
    get(t, prop) {
      if (Object.hasOwn(over, prop)) return over[prop as keyof CaseRepository];
      const value = Reflect.get(t, prop, t);
      return typeof value === 'function' ? value.bind(t) : value;
    },
  });
}

/** A contact with more open cases than this is answered by the Query (one read of all would cost more). */
const MAX_OPEN_CASES_READ = 10;

/**
 * The contact's most recently active open case, as the gsi4 Query would answer it, from its open
 * cases read with the contact (kept in the transaction of every case write that opens, closes,
 * reopens, merges or moves a case): the one by the sender's number's hint when it is the only one
 * (read already), else each read — one more BatchGetItem for those the first reads did not name —
 * and the newest by last message taken, of those that as read are open and the contact's; after
 * that the write's condition on the case's updatedAt guards it. A contact whose
 * open cases were not tracked from its start (older data) is answered by the Query.
 */
async function openCaseOf(
  target: CaseRepository,
  reads: IngestReads,
  asked: Asked,
  contactId: string,
): Promise<Case | undefined> {
  const record = reads.openCases?.get(contactId);
  const readMore = target.readForIngest?.bind(target);
  if (!record?.complete || !readMore || record.open.length > MAX_OPEN_CASES_READ)
    return target.findOpenCaseForContact(contactId);
  const unread = record.open.filter((ref) => !asked.caseRefs.has(ref));
  if (unread.length > 0) {
    const generations = reads.timerGenerations;
    const more = await readMore({ caseRefs: unread, ...(generations ? { timerGenerations: unread } : {}) });
    for (const ref of unread) asked.caseRefs.add(ref);
    for (const [ref, c] of more.cases) reads.cases.set(ref, c);
    for (const [ref, g] of more.timerGenerations ?? []) generations?.set(ref, g);
  }
  // A case named but, as read, closed, merged or moved (closed between the two reads, or named
  // by `inbox reindex` from the index just before it closed) is not one: every case that opens
  // for the contact is named in its own write's transaction, so none is missing.
  const theirs = (c: Case | undefined): c is Case =>
    c !== undefined && isOpenStatus(c.status) && c.contactId === contactId && !c.mergedInto;
  const open = record.open.map((ref) => reads.cases.get(ref)).filter(theirs);
  const order = (c: Case) => `${c.lastMessageAt}#${c.ref}`;
  return open.reduce<Case | undefined>((a, c) => (a && order(a) > order(c) ? a : c), undefined);
}

/**
 * The case to note on the sender's phone claim (`NumberCase`), when ingest read that claim and
 * it is this contact's (or this write takes the number), and it names another case.
 */
function numberCase(
  reads: IngestReads,
  asked: Asked,
  contactId: string,
  ref: string,
  claiming: string | undefined,
): { numberCase?: NumberCase } {
  const phone = asked.phones[0];
  if (!phone) return {};
  const holder = reads.contactIdByPhone.get(phone);
  const ours = holder === undefined ? claiming === phone : holder === contactId;
  if (!ours || reads.caseRefByPhone?.get(phone) === ref) return {};
  return { numberCase: { phone, contactId, ref } };
}
