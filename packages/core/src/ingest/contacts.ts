/**
 * Who sent a message, as a contact. Anyone can type a resident's email address
 * or phone number into the web form, or text from a number we know; so a
 * contact found by email or phone is matched, never rewritten by the message.
 * Details that are new or differ are held on the case (`pendingDetails`) for an
 * officer to confirm (`confirm-details`); until then replies go where the
 * resident last asked. Only what an officer logs (a phone message, a visit)
 * fills the contact's gaps directly.
 */
import { randomUUID } from 'node:crypto';
import { CONFIRMABLE_DETAILS, type ConfirmableDetail, type PendingContactDetails } from '../cases.js';
import { normaliseEmail, normalisePhone } from '../contacts.js';
import type { InboundMessage } from '../inbound.js';
import type { Contact } from '../model.js';
import type { ContactWrite } from '../ports.js';
import type { IngestDeps, Resident } from './types.js';

export interface Sender {
  /** The contact as it is written with the message: new, or the matched one unchanged. */
  write: ContactWrite;
  /** The contact as matched before this message; undefined for a new one. */
  known?: Contact;
  /** What the message said about the contact that differs from the record, for an officer. */
  offered?: Pick<PendingContactDetails, 'details' | 'conflicts'>;
}

/** From, as the parser gave it. */
const fromHeader = (message: InboundMessage): Resident | undefined =>
  message.from.email ? { email: message.from.email, name: message.from.name } : undefined;

/** The details a message gives about its sender. */
export function detailsOf(deps: IngestDeps, message: InboundMessage): Partial<Pick<Contact, ConfirmableDetail>> {
  const resident = message.channel === 'email' ? (deps.residentOf ?? fromHeader)(message) : undefined;
  const details = {
    name: (message.channel === 'email' ? resident?.name : message.from.name)?.trim() || undefined,
    email: normaliseEmail(message.channel === 'email' ? resident?.email : message.from.email),
    phone: normalisePhone(message.from.phone),
    address: message.from.address?.trim() || undefined,
    tenancyRef: message.form?.tenancyRef,
    preferredChannel: message.form?.preferredChannel,
    communicationNeeds: message.form?.communicationNeeds,
  };
  return Object.fromEntries(Object.entries(details).filter(([, v]) => v !== undefined));
}

const same = (a: string, b: string) =>
  a.replace(/\s+/g, ' ').trim().toLowerCase() === b.replace(/\s+/g, ' ').trim().toLowerCase();

export async function resolveSender(deps: IngestDeps, message: InboundMessage): Promise<Sender> {
  const { repository } = deps;
  const details = detailsOf(deps, message);
  const byEmail = details.email ? await repository.findContactByEmail(details.email) : undefined;
  const byPhone = details.phone ? await repository.findContactByPhone(details.phone) : undefined;
  const known = byEmail ?? byPhone;
  if (!known) {
    const contact: Contact = { id: deps.newId?.() ?? randomUUID(), ...details };
    return { write: { contact, isNew: true, claimEmail: details.email, claimPhone: details.phone } };
  }

  // A number that is another contact's stays theirs: it is noted, never claimed.
  const conflicts: PendingContactDetails['conflicts'] = {};
  if (byPhone && byPhone.id !== known.id) conflicts.phone = 'this number belongs to another contact';

  if (message.logged) return { write: officerLogged(known, details, conflicts), known };

  const offered: PendingContactDetails['details'] = {};
  for (const key of CONFIRMABLE_DETAILS) {
    const given = details[key];
    const held = known[key];
    if (given === undefined || (held !== undefined && same(String(held), String(given)))) continue;
    // Mail clients show the same person under many display names: only a first name counts.
    if (key === 'name' && message.channel === 'email' && held) continue;
    (offered as Record<string, unknown>)[key] = given;
  }
  const hasOffer = Object.keys(offered).length > 0;
  return {
    write: { contact: known, isNew: false, before: known },
    known,
    offered: hasOffer ? { details: offered, ...(Object.keys(conflicts).length ? { conflicts } : {}) } : undefined,
  };
}

/** An officer logged the contact: the details they wrote fill the record's gaps, and a stated preference replaces the old one. */
function officerLogged(
  known: Contact,
  details: Partial<Pick<Contact, ConfirmableDetail>>,
  conflicts: PendingContactDetails['conflicts'],
): ContactWrite {
  const merged: Contact = { ...known };
  for (const key of ['name', 'email', 'phone', 'address', 'tenancyRef', 'communicationNeeds'] as const) {
    if (key === 'phone' && conflicts?.phone) continue;
    if (!merged[key] && details[key]) merged[key] = details[key];
  }
  if (details.preferredChannel) merged.preferredChannel = details.preferredChannel;
  return {
    contact: merged,
    isNew: false,
    before: known,
    claimEmail: merged.email && !known.email ? merged.email : undefined,
    claimPhone: merged.phone && !known.phone ? merged.phone : undefined,
  };
}

/** What is pending on a case after this message: earlier pending details, overlaid by the new ones. */
export function pendingAfter(
  previous: PendingContactDetails | undefined,
  offered: Sender['offered'],
  where: Pick<PendingContactDetails, 'channel' | 'messageId' | 'at'>,
): PendingContactDetails | undefined {
  if (!offered) return previous;
  const conflicts = { ...previous?.conflicts, ...offered.conflicts };
  return {
    details: { ...previous?.details, ...offered.details },
    ...(Object.keys(conflicts).length ? { conflicts } : {}),
    ...where,
  };
}

export function describeOffered(offered: NonNullable<Sender['offered']>): string {
  const names: Record<ConfirmableDetail, string> = {
    name: 'name',
    email: 'email address',
    phone: 'phone number',
    address: 'address',
    tenancyRef: 'tenancy reference',
    preferredChannel: 'preferred way to reply',
    communicationNeeds: 'communication needs',
  };
  return Object.keys(offered.details)
    .map((k) => names[k as ConfirmableDetail])
    .join(', ');
}
