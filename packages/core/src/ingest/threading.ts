/**
 * Which case a message continues, if any. A case reference (in a subject, a
 * text, a letter, a logged call) or an email reply threads onto that case only
 * when the sender is that case's contact (matched by email or phone). Anyone
 * else's message opens a case of its own, linked to the case it quoted for the
 * staff who may see both: never a way to write into another resident's (or a
 * restricted) case, never a reset of its outcome, and never an oracle — the
 * sender is answered the same whether the reference exists or not.
 *
 * One exception: a bounce of one of our emails (found by its In-Reply-To) is
 * recorded on that case whoever sent it; it changes nothing there.
 */
import { type Case, findCaseRefs, isOpenStatus } from '../cases.js';
import type { InboundMessage } from '../inbound.js';
import type { Contact } from '../model.js';
import type { IngestDeps, ThreadVia } from './types.js';

export interface Thread {
  case: Case;
  via: ThreadVia;
}

/** A case the message quoted but does not continue: it gets a link, nothing else. */
export interface Mention {
  case: Case;
  via: 'reference' | 'email-thread';
}

/** A sender quoting many references (or a long References header) is looked at this far. */
export const MAX_REFERENCES_READ = 10;
export const MAX_THREAD_IDS_READ = 20;
/** Links one message may make. */
export const MAX_MENTIONS = 5;

export async function findThread(
  deps: IngestDeps,
  message: InboundMessage,
  contact: Contact | undefined,
): Promise<{ thread?: Thread; mentions: Mention[] }> {
  const { repository, policy } = deps;
  const theirs = (c: Case) => contact !== undefined && c.contactId === contact.id;
  let thread: Thread | undefined;
  const mentions = new Map<string, Mention>();
  const consider = (c: Case, via: Mention['via'], mayThread: boolean) => {
    if (!thread && mayThread && isOpenStatus(c.status)) thread = { case: c, via };
    else if (thread?.case.ref !== c.ref && !mentions.has(c.ref)) mentions.set(c.ref, { case: c, via });
  };

  // A merged-away case's reference (and its emails) lead to the case it was merged into, forever.
  const caseAt = async (ref: string | undefined): Promise<Case | undefined> => {
    let c = ref ? await repository.getCase(ref) : undefined;
    for (let hop = 0; c?.mergedInto && hop < 5; hop++) c = (await repository.getCase(c.mergedInto)) ?? c;
    return c;
  };

  const refs = findCaseRefs(`${message.subject ?? ''}\n${message.text}`, policy.caseReferencePrefix);
  for (const ref of [...new Set(refs)].slice(0, MAX_REFERENCES_READ)) {
    const c = await caseAt(ref);
    if (c) consider(c, 'reference', theirs(c));
  }
  if (message.channel === 'email') {
    const ids = [...message.threading.inReplyTo, ...[...message.threading.references].reverse()];
    const bounce = message.automated?.kind === 'bounce';
    for (const id of [...new Set(ids)].slice(0, MAX_THREAD_IDS_READ)) {
      const c = await caseAt(await repository.findCaseRefByThreadId(id));
      if (c) consider(c, 'email-thread', theirs(c) || bounce);
    }
  }
  if (!thread && message.channel === 'sms' && contact) {
    const c = await repository.findOpenCaseForContact(contact.id);
    const windowMs = policy.threading.smsReplyWindowHours * 3_600_000;
    if (c && new Date(message.receivedAt).getTime() - new Date(c.lastMessageAt).getTime() <= windowMs) {
      thread = { case: c, via: 'sms-window' };
      mentions.delete(c.ref);
    }
  }
  if (thread) mentions.delete(thread.case.ref);
  return { thread, mentions: [...mentions.values()].slice(0, MAX_MENTIONS) };
}
