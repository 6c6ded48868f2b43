/**
 * Letters OCR could not read (issue 10.12): an officer reads the scan, types
 * what it says and who sent it. Then the case is what ingest would have made
 * of a clear letter — a subject, a contact to answer, a classification from
 * the words — and its held acknowledgement goes (the timers re-plan on
 * `caseChanged`). The clock does not restart: targets still count from receipt —
 * or, when the officer gives the day it arrived in the post, from that day.
 */

import { calendarFor } from '../calendar.js';
import type { Case, CaseWithHistory, Classification, LetterReading } from '../cases.js';
import { classify } from '../classify.js';
import { letterReceivedAt } from '../contact-clocks.js';
import { normaliseEmail, normalisePhone } from '../contacts.js';
import { type CommandInput, LetterReadInput } from '../contracts/commands.js';
import type { InboundMessage } from '../inbound.js';
import type { Contact } from '../model.js';
import type { CaseRepository } from '../ports.js';
import { computeTargets } from '../targets.js';
import { type Change, CommandError, type Context, given, invalid, type Runner, requireOpen } from './run.js';

export const letterCommands = ({ command, deps }: Runner) => ({
  readLetter: command(LetterReadInput, 'letter-read', async (ctx, input) =>
    decideLetterRead(ctx, input, await contactsNamed(deps.repository, input)),
  ),
});

/** Residents already known by the email address or phone number the officer typed. */
export interface KnownContacts {
  byEmail?: Contact;
  byPhone?: Contact;
}

async function contactsNamed(repository: CaseRepository, input: CommandInput<'letter-read'>): Promise<KnownContacts> {
  const email = normaliseEmail(given(input.email));
  const phone = normalisePhone(given(input.phone));
  return {
    byEmail: email ? await repository.findContactByEmail(email) : undefined,
    byPhone: phone ? await repository.findContactByPhone(phone) : undefined,
  };
}

/**
 * Anyone who may see the case and is not a contributor: reading the post is
 * reception's and any officer's work, as logging a call is.
 * - The sender is a resident we know (by the email or phone typed): the case
 *   moves to that contact, whose details are only filled in where blank —
 *   what the letter says differently is on the timeline for the owner to
 *   confirm (issue 10.9: contacts are not rewritten by what arrives).
 * - Otherwise the case's own contact (made from what OCR guessed) takes the
 *   details as typed.
 * - A system classification is made again from the words; an officer's stands.
 */
export function decideLetterRead(ctx: Context, input: CommandInput<'letter-read'>, known: KnownContacts): Change {
  const { kase, found } = ctx;
  if (ctx.actor.role === 'contributor') throw new CommandError('forbidden', 'contributors cannot read letters in');
  requireOpen(ctx);
  if (!kase.needsReading) throw new CommandError('conflict', `${kase.ref} has no letter waiting to be read`);
  const letter = letterMessage(found);
  if (!letter) throw new CommandError('conflict', `${kase.ref} has no letter scan`);

  const email = given(input.email);
  const phone = given(input.phone);
  const details = {
    name: given(input.name),
    address: given(input.address),
    email: normaliseEmail(email),
    phone: normalisePhone(phone),
    tenancyRef: given(input.tenancyRef),
  };
  if (phone && !details.phone) throw invalid('phone', 'Enter a UK phone number, like 07700 900123 or 0161 496 0000');
  const { byEmail, byPhone } = known;
  if (byEmail && byPhone && byEmail.id !== byPhone.id) {
    throw invalid('phone', 'This phone number is another resident’s than the email address: check both on the scan');
  }

  const existing = byEmail ?? byPhone;
  let contact: Contact;
  let contactNote: string;
  if (existing && existing.id !== kase.contactId) {
    contact = fillGaps(existing, details);
    contactNote = `the sender is ${existing.name ?? 'a resident already known'}: the case is now theirs`;
  } else {
    const own = (existing ?? found.contact ?? { id: kase.contactId }) as Contact;
    contact = { ...own, ...defined(details) };
    contactNote = 'the sender’s details entered';
  }
  const differing = existing ? differences(existing, details) : [];

  const reading: LetterReading = {
    messageId: letter.id,
    text: input.text,
    readBy: ctx.actor.officerId,
    readAt: ctx.now,
    ocrConfidence: letter.scan?.confidence,
    reasons: kase.needsReading.reasons,
  };
  const { needsReading: _read, ...rest } = kase;
  let next: Case = { ...rest, subject: input.subject, contactId: contact.id, letterReading: reading };

  const entries = [
    ctx.entry('letter-read', `Letter read from the scan: “${input.subject}”; ${contactNote}`, {
      messageId: letter.id,
      subject: input.subject,
      text: input.text,
      ocrConfidence: letter.scan?.confidence,
      reasons: kase.needsReading.reasons,
      previousContactId: kase.contactId,
      contactId: contact.id,
      ...(differing.length ? { unconfirmedDetails: differing } : {}),
    }),
  ];
  if (differing.length) {
    entries.push(
      ctx.entry(
        'contact-details-to-confirm',
        `The letter gives details that differ from ours (${differing.map((d) => d.field).join(', ')}): confirm with the resident before changing them`,
        { details: differing },
      ),
    );
  }

  // The day it arrived in the post, when the officer reading it in can tell: the clock starts then (policy `contactClocks.letter`).
  if (input.arrivedOn) {
    const scannedAt = new Date(letter.receivedAt);
    if (input.arrivedOn > calendarFor(ctx.policy).localDate(scannedAt)) {
      throw invalid('arrivedOn', 'That is after the letter was scanned');
    }
    const receivedAt = letterReceivedAt(ctx.policy, input.arrivedOn, scannedAt).toISOString();
    next = {
      ...next,
      receivedAt,
      targets: computeTargets(ctx.policy, { kind: next.kind, received: new Date(receivedAt) }),
    };
    entries.push(
      ctx.entry(
        'clock-started',
        `The clock runs from when the letter arrived in the post, ${input.arrivedOn}: respond by ${next.targets.respondBy}`,
        { arrivedOn: input.arrivedOn, previousTargets: kase.targets, targets: next.targets },
      ),
    );
  }

  // Ingest classified OCR's garbage; the words are known now. An officer's own classification stands.
  if (kase.classification.decidedBy === 'system') {
    const classification: Classification = {
      ...classify(ctx.policy, asInbound(kase, letter, input, details)),
      decidedBy: 'system',
    };
    if (classification.kind !== kase.kind || classification.category !== kase.classification.category) {
      // The clock still starts at receipt: only the rule that counts from it changes.
      const targets = computeTargets(ctx.policy, {
        kind: classification.kind,
        received: new Date(next.receivedAt),
        acknowledged: kase.acknowledgedAt ? new Date(kase.acknowledgedAt) : undefined,
      });
      next = { ...next, kind: classification.kind, classification, targets };
      entries.push(
        ctx.entry(
          'classified',
          `Classified again from the letter as read: ${classification.category} (${classification.kind}): ${classification.reason}`,
          { ...classification, previous: kase.classification },
        ),
      );
    }
  }
  return { case: next, contact, timeline: entries };
}

/** The first inbound letter on the case: the one whose scan the queue shows. */
export function letterMessage(found: CaseWithHistory) {
  return found.messages.find((m) => m.direction === 'inbound' && m.channel === 'letter');
}

type Details = { name?: string; address?: string; email?: string; phone?: string; tenancyRef?: string };

function defined(details: Details): Details {
  return Object.fromEntries(Object.entries(details).filter(([, v]) => v !== undefined));
}

function fillGaps(contact: Contact, details: Details): Contact {
  const next = { ...contact };
  for (const [key, value] of Object.entries(defined(details)) as [keyof Details, string][]) {
    if (!next[key]) next[key] = value;
  }
  return next;
}

function differences(contact: Contact, details: Details): { field: string; ours: string; letter: string }[] {
  return (Object.entries(defined(details)) as [keyof Details, string][])
    .filter(([key, value]) => contact[key] && contact[key]?.toLowerCase() !== value.toLowerCase())
    .map(([field, letter]) => ({ field, ours: contact[field] as string, letter }));
}

function asInbound(
  kase: Case,
  letter: CaseWithHistory['messages'][number],
  input: CommandInput<'letter-read'>,
  details: Details,
): InboundMessage {
  return {
    channel: 'letter',
    dedupeKey: letter.id,
    receivedAt: kase.receivedAt,
    from: { name: details.name, email: details.email, phone: details.phone, address: details.address },
    to: [],
    subject: input.subject,
    text: input.text,
    attachments: [],
    threading: { inReplyTo: [], references: [] },
    ...(details.tenancyRef ? { form: { tenancyRef: details.tenancyRef } } : {}),
  };
}
