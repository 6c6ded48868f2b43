/**
 * Residents' data rights as use cases, shared by the HTTP API (local and
 * cloud), the CLI (through the local stack) and the retention Lambda:
 * subject access export (UK GDPR Art. 15), erasure (Art. 17), retention after
 * closure (Art. 5(1)(e), the policy's `privacy.retention`) and legal holds that
 * stop both. Every act is appended to the audit trail; an export or erasure is
 * recorded before it is done, so nothing happens that the trail does not show.
 */
import { randomUUID } from 'node:crypto';
import {
  type Actor,
  type AuditEntry,
  type CaseWithHistory,
  CommandError,
  type Contact,
  type ContactRecord,
  type Erasure,
  normaliseEmail,
  normalisePhone,
  subjectAccessSummary,
  withMessageBodies,
} from '@housing-inbox/core';
import type { ErasureView, RetentionView } from '@housing-inbox/core/contracts';
import { type PrivacyDeps, type RetentionOptions, runRetention } from './retention.js';

export type { PrivacyDeps, RetentionOptions } from './retention.js';

export { RETENTION_ACTOR } from './retention.js';

/** Scan pages of the one-off blob reference count an erasure request may spend (it answers an officer). */
const ERASURE_COUNT_PAGES = 10;

export function createPrivacy(deps: PrivacyDeps) {
  const { repository, privacy, clock, audit } = deps;

  const record = (officerId: string, act: Omit<AuditEntry, 'id' | 'at' | 'officerId'>) =>
    audit.record({ id: randomUUID(), at: clock.now().toISOString(), officerId, ...act });

  async function contactOrFail(contactId: string): Promise<Contact> {
    const contact = await repository.getContact(contactId);
    if (!contact) throw new CommandError('not-found', `no contact ${contactId}`);
    return contact;
  }

  async function histories(contactId: string): Promise<CaseWithHistory[]> {
    const cases = await privacy.casesOfContact(contactId);
    const found = await Promise.all(cases.map((c) => repository.getCaseWithHistory(c.ref)));
    // Long bodies kept as blobs read back: the export holds every message whole.
    return Promise.all(
      found.filter((f): f is CaseWithHistory => f !== undefined).map((f) => withMessageBodies(deps.blobs, f)),
    );
  }

  const deleteBlob = (key: string) => deps.blobs.delete(key);

  /** Erases one case's personal data and the files no other record holds; how many were deleted and kept. */
  function eraseOne(ref: string, erasure: Erasure) {
    return privacy.eraseCase(ref, erasure, deleteBlob);
  }

  return {
    /**
     * Everything held about a contact as one zip: `summary.txt` (readable),
     * `contact.json`, and per case `case.json`, `messages.json` (text and the
     * safe HTML), `timeline.json`, `requests.json`, `notices.json` (what was
     * sent) and `files/` (attachments and letter scans, as received).
     * Recorded on the audit trail first. Errors: `not-found`.
     */
    async exportContact(actor: Actor, contactId: string): Promise<{ filename: string; zip: Uint8Array }> {
      const contact = await contactOrFail(contactId);
      // Loaded on the first export: fflate builds its compression tables when loaded, and a subject
      // access request is rare; the HTTP and retention functions need not pay for it at start-up.
      const { strToU8, zipSync } = await import('fflate');
      const cases = await histories(contactId);
      await record(actor.officerId, {
        action: 'exported-contact',
        contactId,
        detail: { cases: cases.map((c) => c.case.ref) },
      });
      const refs = cases.map((c) => c.case.ref);
      const sent = deps.sentCopies ? await deps.sentCopies.list(refs) : [];
      const entries: Record<string, Uint8Array> = {};
      const json = (value: unknown) => strToU8(`${JSON.stringify(value, null, 2)}\n`);
      const files: ContactRecord['files'] = [];
      for (const found of cases) {
        const { case: kase, messages, timeline, requests } = found;
        const dir = `cases/${kase.ref}`;
        for (const m of messages) {
          for (const [i, a] of m.attachments.entries()) {
            const blob = await deps.blobs.get(a.blobKey);
            if (!blob) continue;
            const path = `${dir}/files/${m.id}-${i}-${safeName(a.filename)}`;
            entries[path] = blob.body;
            files.push({
              path,
              caseRef: kase.ref,
              messageId: m.id,
              filename: a.filename,
              contentType: a.contentType,
              size: blob.body.length,
            });
          }
        }
        entries[`${dir}/case.json`] = json(kase);
        entries[`${dir}/messages.json`] = json(messages.map(({ html: _raw, ...m }) => m));
        entries[`${dir}/timeline.json`] = json(timeline);
        entries[`${dir}/requests.json`] = json(requests);
        entries[`${dir}/notices.json`] = json({
          onTheCase: messages.filter((m) => m.direction === 'outbound'),
          copiesSent: sent.filter((s) => s.caseRef === kase.ref),
        });
      }
      const contactTimeline = await repository.listContactTimeline(contactId);
      entries['contact.json'] = json({ contact, timeline: contactTimeline });
      const now = clock.now().toISOString();
      entries['summary.txt'] = strToU8(
        subjectAccessSummary({ contact, contactTimeline, cases, sent, files }, deps.policy.name, now),
      );
      return { filename: `subject-access-${contactId}-${now.slice(0, 10)}.zip`, zip: zipSync(entries, { level: 6 }) };
    },

    /**
     * Erases the contact's personal data: every case's words, messages,
     * attachments, scans and raw payloads, copies of notices sent, the
     * contact's details and its email/phone claims, the cases' thread ids.
     * Cases keep what reports count. Errors: `not-found`; `conflict` while a
     * legal hold stands on the contact or one of its cases.
     */
    async eraseContact(actor: Actor, contactId: string, reason: string): Promise<ErasureView> {
      const contact = await contactOrFail(contactId);
      const cases = await privacy.casesOfContact(contactId);
      const held = [
        contact.legalHold ? 'the contact' : undefined,
        ...cases.filter((c) => c.legalHold).map((c) => c.ref),
      ];
      if (held.some(Boolean)) {
        throw new CommandError(
          'conflict',
          `a legal hold stands on ${held.filter(Boolean).join(', ')}: lift it before erasing`,
        );
      }
      const refs = cases.map((c) => c.ref);
      const at = clock.now().toISOString();
      await record(actor.officerId, { action: 'erased-contact', contactId, detail: { reason, cases: refs } });
      const erasure: Erasure = { at, by: actor.officerId, reason };
      // Records from before blob references were counted: counted now (a small table at once; a
      // large one over a few calls and the retention runs; until then shared-or-not blobs are kept).
      await privacy.countBlobReferences(ERASURE_COUNT_PAGES);
      let blobsDeleted = 0;
      for (const ref of refs) blobsDeleted += (await eraseOne(ref, erasure)).blobsDeleted;
      const sentCopiesErased = deps.sentCopies ? await deps.sentCopies.erase(refs) : 0;
      await privacy.eraseContact(contactId, erasure, deleteBlob);
      return { contactId, at, cases: refs, blobsDeleted, sentCopiesErased };
    },

    /** Applies the retention period (`runRetention` in retention.ts, which the retention function calls alone). */
    runRetention: (options: RetentionOptions = {}): Promise<RetentionView> => runRetention(deps, options),

    /** Places or lifts a legal hold on a contact (on its own timeline and the audit trail). Errors: `not-found`, `conflict`. */
    async holdContact(actor: Actor, contactId: string, input: { hold: boolean; reason: string }): Promise<Contact> {
      const contact = await contactOrFail(contactId);
      if (input.hold === Boolean(contact.legalHold)) {
        throw new CommandError(
          'conflict',
          input.hold ? 'the contact is already on legal hold' : 'the contact is not on legal hold',
        );
      }
      const at = clock.now().toISOString();
      const { legalHold: _lifted, ...rest } = contact;
      const changed: Contact = input.hold
        ? { ...rest, legalHold: { by: actor.officerId, at, reason: input.reason } }
        : rest;
      const type = input.hold ? 'legal-hold-set' : 'legal-hold-lifted';
      await privacy.recordContactChange(changed, {
        id: randomUUID(),
        contactId,
        at,
        type,
        actor: actor.officerId,
        summary: input.hold ? `Legal hold placed: ${input.reason}` : `Legal hold lifted: ${input.reason}`,
        data: { hold: input.hold },
      });
      await record(actor.officerId, { action: type, contactId, detail: { reason: input.reason } });
      return changed;
    },

    /** The contacts an email address or phone number belongs to (subject access starts from what the resident gives). */
    async findContacts(query: { email?: string; phone?: string }) {
      const email = normaliseEmail(query.email);
      const phone = normalisePhone(query.phone);
      const found = [
        ...(email ? [await repository.findContactByEmail(email)] : []),
        ...(phone ? [await repository.findContactByPhone(phone)] : []),
      ].filter((c): c is Contact => c !== undefined);
      const unique = [...new Map(found.map((c) => [c.id, c])).values()];
      return Promise.all(
        unique.map(async (c) => ({
          id: c.id,
          name: c.name ?? null,
          cases: (await privacy.casesOfContact(c.id)).map((k) => k.ref),
          legalHold: Boolean(c.legalHold),
        })),
      );
    },
  };
}

export type Privacy = ReturnType<typeof createPrivacy>;

/** A sender's filename, made safe as a path inside the zip. */
function safeName(filename: string): string {
  return (
    filename
      .replace(/[^\w.-]+/g, '_')
      .replace(/^\.+/, '')
      .slice(0, 100) || 'file'
  );
}
