/**
 * SMS keywords. A text that is only STOP (STOPALL, UNSUBSCRIBE, CANCEL, END,
 * QUIT) opts the number out of texts: the contact's `channelsToAvoid` gets
 * `sms`, so replies and notices go by another channel (or, with none, to the
 * officer to choose); START or UNSTOP opts back in. Neither opens a case. The
 * change is recorded on the contact's own timeline and on its open case's;
 * a number we have never seen gets a minimal contact that holds its choice.
 */
import { randomUUID } from 'node:crypto';
import type { ContactTimelineEntry, TimelineEntry } from '../cases.js';
import { normalisePhone } from '../contacts.js';
import type { InboundMessage } from '../inbound.js';
import type { Contact, ReplyChannel } from '../model.js';
import type { ContactWrite } from '../ports.js';
import { entryOn } from './labels.js';
import type { DeliveryIdentity, IngestDeps, IngestOutcome } from './types.js';

export async function fileSmsKeyword(
  deps: IngestDeps,
  message: InboundMessage & { smsKeyword: 'opt-out' | 'opt-in' },
  identity: DeliveryIdentity,
  rawKey: string | undefined,
): Promise<IngestOutcome | undefined> {
  const phone = normalisePhone(message.from.phone);
  // A sender id that is not a number cannot be texted anyway: file it as an ordinary message.
  if (!phone) return undefined;
  const { repository } = deps;
  const now = deps.clock.now().toISOString();
  const optOut = message.smsKeyword === 'opt-out';
  const known = await repository.findContactByPhone(phone);
  const avoid = new Set<ReplyChannel>(known?.channelsToAvoid ?? []);
  if (optOut) avoid.add('sms');
  else avoid.delete('sms');
  const base: Contact = known ?? { id: deps.newId?.() ?? randomUUID(), phone };
  const { channelsToAvoid: _, ...rest } = base;
  const contact: Contact = avoid.size ? { ...rest, channelsToAvoid: [...avoid] } : rest;
  const write: ContactWrite = known ? { contact, isNew: false } : { contact, isNew: true, claimPhone: phone };

  const keyword = message.text.trim().slice(0, 40);
  const summary = optOut
    ? `Texted "${keyword}": no more text messages to this number; replies and notices use another channel`
    : `Texted "${keyword}": text messages to this number may be used again`;
  const type = optOut ? 'sms-opted-out' : 'sms-opted-in';
  const data = { keyword, rawKey, at: message.receivedAt };
  const entry: ContactTimelineEntry = {
    id: deps.newId?.() ?? randomUUID(),
    contactId: contact.id,
    at: now,
    type,
    actor: 'resident',
    summary,
    data,
  };
  const open = known ? await repository.findOpenCaseForContact(known.id) : undefined;
  const caseEntries: TimelineEntry[] = open ? [entryOn(deps, open.ref, type, summary, data, 'resident')] : [];
  await repository.recordContactEvent({
    contact: write,
    entries: [entry],
    caseEntries,
    delivery: {
      ...identity,
      outcome: optOut ? 'opted-out' : 'opted-in',
      at: now,
      contactId: contact.id,
      caseRef: open?.ref,
    },
  });
  deps.log?.(optOut ? 'sms-opted-out' : 'sms-opted-in', { caseRef: open?.ref, known: Boolean(known) });
  return { outcome: optOut ? 'opted-out' : 'opted-in', contactId: contact.id, ...(open ? { caseRef: open.ref } : {}) };
}
