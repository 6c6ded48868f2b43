/**
 * What SES tells us about mail we sent (configuration-set event publishing):
 * a permanent bounce or a complaint flags the recipient's address, so no more
 * automatic email goes to it. The contact's `channelsToAvoid` gets `email`
 * (the flag an SMS STOP sets for `sms`; notices then use another channel or
 * go to the officer to choose), and the event is recorded on the contact's
 * timeline and on its open case's. A transient or undetermined bounce flags
 * nothing (SES retried it; the next send may well arrive). An address that is
 * no contact of ours is left alone. Idempotent per SES message and address.
 * Sources: SES "Amazon SES and deliverability" (stop sending to addresses that
 * hard-bounce or complain); RFC 3834 section 2.
 */
import { randomUUID } from 'node:crypto';
import type { ContactTimelineEntry, TimelineEntry } from './cases.js';
import { normaliseEmail } from './contacts.js';
import { entryOn } from './ingest/labels.js';
import type { IngestDeps } from './ingest/types.js';
import type { Contact, ReplyChannel } from './model.js';

export interface SendingProblem {
  kind: 'permanent-bounce' | 'complaint';
  /** The recipient the problem is about, as SES gives it. */
  address: string;
  /** SES's id of the message we sent (`mail.messageId`). */
  sesMessageId: string;
  /** When SES saw it: UTC instant. */
  at: string;
}

export type SendingProblemOutcome = 'flagged' | 'duplicate' | 'not-a-contact';

const SUMMARIES: Record<SendingProblem['kind'], string> = {
  'permanent-bounce':
    'Email to this address bounced permanently: no more automatic email to it; notices use another channel',
  complaint:
    'The recipient marked our email as spam: no more automatic email to this address; notices use another channel',
};

/** Flags the address of a permanent bounce or complaint on its contact (see above). */
export async function recordSendingProblem(
  deps: Pick<IngestDeps, 'repository' | 'clock' | 'newId' | 'log'>,
  problem: SendingProblem,
): Promise<SendingProblemOutcome> {
  const { repository } = deps;
  const address = normaliseEmail(problem.address);
  const dedupeKey = `ses-event:${problem.sesMessageId}:${problem.kind}:${address ?? problem.address}`;
  if (await repository.findDelivery(dedupeKey)) return 'duplicate';
  const known = address ? await repository.findContactByEmail(address) : undefined;
  if (!known) {
    deps.log?.('sending-problem-not-a-contact', { kind: problem.kind });
    return 'not-a-contact';
  }
  const avoid = new Set<ReplyChannel>(known.channelsToAvoid ?? []);
  avoid.add('email');
  const contact: Contact = { ...known, channelsToAvoid: [...avoid] };
  const type = problem.kind === 'complaint' ? 'email-complained' : 'email-bounced';
  const summary = SUMMARIES[problem.kind];
  const data = { sesMessageId: problem.sesMessageId, at: problem.at };
  const now = deps.clock.now().toISOString();
  const entry: ContactTimelineEntry = {
    id: deps.newId?.() ?? randomUUID(),
    contactId: contact.id,
    at: now,
    type,
    actor: 'system',
    summary,
    data,
  };
  const open = await repository.findOpenCaseForContact(known.id);
  const caseEntries: TimelineEntry[] = open ? [entryOn(deps, open.ref, type, summary, data)] : [];
  await repository.recordContactEvent({
    contact: { contact, isNew: false },
    entries: [entry],
    caseEntries,
    delivery: { dedupeKey, outcome: 'address-flagged', at: now, contactId: contact.id, caseRef: open?.ref },
  });
  deps.log?.('sending-problem-flagged', { kind: problem.kind, caseRef: open?.ref });
  return 'flagged';
}
