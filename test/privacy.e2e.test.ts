/**
 * Residents' data rights (issue 12, items 6, 7 and 9) on the local stack: a
 * subject access export holds everything about one contact and nothing about
 * another; erasure removes the contact's words, details and files from the
 * case, its messages, the blob store and the outbox while the monthly report's
 * counts stay; a legal hold stops it; managers alone may do any of it, and
 * every act is on the audit trail.
 */

import { join } from 'node:path';
import type { LocalStack } from '@housing-inbox/local';
import { FileBlobStore } from '@housing-inbox/store';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailCaseOwnedBy, MANAGER, startHightown } from './support/cases.js';
import { apiAs } from './support/http.js';
import { ingestEmail, rawEmail, rawEmailWithFile } from './support/mail.js';

const OWNER = 'customer-services-officer-1';
/** Words only Petra's record holds, and only Otto's. */
const PETRA = {
  name: 'Petra Privatova',
  email: 'petra.privatova@resident.example',
  street: 'Acacia Crescent',
  word: 'Xylophonic',
};
const OTTO = { name: 'Otto Otherson', email: 'otto.otherson@resident.example', word: 'Quagmirical' };
/** A PNG's first bytes and a marker: what the export must give back byte for byte. */
const SCAN = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('scan-of-tenancy-agreement'),
]);

function petraEmail(): string {
  return rawEmailWithFile(
    {
      id: 'petra-1',
      from: `"${PETRA.name}" <${PETRA.email}>`,
      subject: `${PETRA.word} parking permit`,
      body: `I am ${PETRA.name} of 12 ${PETRA.street}. My permit (${PETRA.word}) runs out; my tenancy agreement is attached.`,
    },
    { filename: 'tenancy.png', contentType: 'image/png', bytes: SCAN },
  );
}

describe('subject access and erasure', () => {
  let stack: LocalStack;
  let stop: () => Promise<void>;
  const api = apiAs(() => stack);
  let petraCase: string;
  let ottoCase: string;
  let contactId: string;

  async function download(as: string, path: string) {
    const officer = stack.officers.find((o) => o.id === as);
    const { signLocalToken } = await import('@housing-inbox/api');
    const { readSecret } = await import('@housing-inbox/local');
    const res = await fetch(`${stack.httpUrl}${path}`, {
      headers: { authorization: `Bearer ${signLocalToken(officer as never, readSecret(stack.dataDir))}` },
    });
    return {
      status: res.status,
      type: res.headers.get('content-type'),
      bytes: new Uint8Array(await res.arrayBuffer()),
    };
  }

  async function exportOf(id: string): Promise<Record<string, Uint8Array>> {
    const res = await download(MANAGER, `/api/contacts/${id}/export`);
    expect(res.status).toBe(200);
    expect(res.type).toBe('application/zip');
    return unzipSync(res.bytes);
  }

  const allText = (files: Record<string, Uint8Array>) =>
    Object.values(files)
      .map((b) => strFromU8(b))
      .join('\n');

  beforeAll(async () => {
    ({ stack, stop } = await startHightown('privacy'));
    petraCase = await emailCaseOwnedBy(stack, OWNER, 'petra-1', `${PETRA.word} parking permit`, petraEmail());
    ottoCase = await emailCaseOwnedBy(
      stack,
      OWNER,
      'otto-1',
      `${OTTO.word} bin collection`,
      rawEmail({
        id: 'otto-1',
        subject: `${OTTO.word} bin collection`,
        body: `${OTTO.word}: bins`,
        from: `"${OTTO.name}" <${OTTO.email}>`,
      }),
    );
    const reply = await api(OWNER, 'POST', `/api/cases/${petraCase}/reply`, {
      body: `Dear ${PETRA.name}, your ${PETRA.word} permit is renewed.`,
    });
    expect(reply.status).toBe(200);
    contactId = reply.body.contact.id;
  });
  afterAll(async () => {
    await stop?.();
  });

  it('finds the contact by the email address or phone number the resident gives', async () => {
    const found = await api(MANAGER, 'GET', `/api/contacts?email=${encodeURIComponent(PETRA.email.toUpperCase())}`);
    expect(found.status).toBe(200);
    expect(found.body.items).toEqual([{ id: contactId, name: PETRA.name, cases: [petraCase], legalHold: false }]);
  });

  it('exports everything held about the contact, and nothing about anyone else', async () => {
    const files = await exportOf(contactId);
    const dir = `cases/${petraCase}`;
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining([
        'summary.txt',
        'contact.json',
        `${dir}/case.json`,
        `${dir}/messages.json`,
        `${dir}/timeline.json`,
        `${dir}/requests.json`,
        `${dir}/notices.json`,
      ]),
    );
    const contact = JSON.parse(strFromU8(files['contact.json'] as Uint8Array));
    expect(contact.contact).toMatchObject({ id: contactId, name: PETRA.name, email: PETRA.email });
    expect(JSON.parse(strFromU8(files[`${dir}/case.json`] as Uint8Array))).toMatchObject({
      ref: petraCase,
      subject: `${PETRA.word} parking permit`,
    });
    const messages = JSON.parse(strFromU8(files[`${dir}/messages.json`] as Uint8Array));
    expect(messages.find((m: { direction: string }) => m.direction === 'inbound').text).toContain(PETRA.street);
    const sentTexts = messages
      .filter((m: { direction: string }) => m.direction === 'outbound')
      .map((m: { text: string }) => m.text);
    expect(sentTexts).toEqual(expect.arrayContaining([expect.stringContaining('permit is renewed')]));
    const timeline = JSON.parse(strFromU8(files[`${dir}/timeline.json`] as Uint8Array));
    expect(timeline.map((t: { type: string }) => t.type)).toContain('case-opened');
    const notices = JSON.parse(strFromU8(files[`${dir}/notices.json`] as Uint8Array));
    expect(notices.copiesSent).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          to: PETRA.email,
          purpose: 'reply',
          body: expect.stringContaining('permit is renewed'),
        }),
      ]),
    );
    // The attachment, byte for byte.
    const scanPath = Object.keys(files).find((p) => p.startsWith(`${dir}/files/`) && p.endsWith('tenancy.png'));
    expect(scanPath).toBeDefined();
    expect(Buffer.from(files[scanPath as string] as Uint8Array)).toEqual(SCAN);
    // A readable summary of the same.
    const summary = strFromU8(files['summary.txt'] as Uint8Array);
    expect(summary).toContain(PETRA.name);
    expect(summary).toContain(petraCase);
    expect(summary).toContain(scanPath);
    // Nothing of Otto's.
    const text = allText(files);
    for (const word of [OTTO.name, OTTO.email, OTTO.word, ottoCase]) expect(text).not.toContain(word);
  });

  it('records the export on the audit trail: who, when, which contact', async () => {
    const { items } = (await api(MANAGER, 'GET', '/api/audit?type=export')).body;
    expect(items[0]).toMatchObject({
      officerId: MANAGER,
      action: 'exported-contact',
      contactId,
      at: expect.stringMatching(/^2026-12-01T/),
    });
    expect(items[0].detail.cases).toEqual([petraCase]);
  });

  it.each([OWNER, 'hightown-reception', 'property-services-contributor'])(
    'refuses every data-rights route to %s (403)',
    async (as) => {
      expect((await download(as, `/api/contacts/${contactId}/export`)).status).toBe(403);
      expect((await api(as, 'GET', `/api/contacts?email=${PETRA.email}`)).status).toBe(403);
      expect((await api(as, 'POST', `/api/contacts/${contactId}/erase`, { reason: 'asked' })).status).toBe(403);
      expect((await api(as, 'POST', `/api/contacts/${contactId}/legal-hold`, { hold: true, reason: 'x' })).status).toBe(
        403,
      );
      // A case the caller may not open is not found; one they may open is refused.
      expect([403, 404]).toContain(
        (await api(as, 'POST', `/api/cases/${petraCase}/legal-hold`, { hold: true, reason: 'x' })).status,
      );
      expect((await api(as, 'POST', '/api/retention', { dryRun: true })).status).toBe(403);
      expect((await api(as, 'GET', '/api/audit?type=disclosure')).status).toBe(403);
    },
  );

  it('will not erase while a legal hold stands on the contact or one of its cases', async () => {
    const held = await api(MANAGER, 'POST', `/api/contacts/${contactId}/legal-hold`, {
      hold: true,
      reason: 'Claim before the court',
    });
    expect(held.status).toBe(200);
    expect(held.body.legalHold).toMatchObject({ by: MANAGER, reason: 'Claim before the court' });
    expect((await api(MANAGER, 'POST', `/api/contacts/${contactId}/erase`, { reason: 'asked' })).status).toBe(409);
    expect(
      (await api(MANAGER, 'POST', `/api/contacts/${contactId}/legal-hold`, { hold: false, reason: 'Settled' })).status,
    ).toBe(200);

    const caseHold = await api(MANAGER, 'POST', `/api/cases/${petraCase}/legal-hold`, {
      hold: true,
      reason: 'Ombudsman enquiry',
    });
    expect(caseHold.status).toBe(200);
    expect(caseHold.body.legalHold).toMatchObject({ reason: 'Ombudsman enquiry' });
    expect(caseHold.body.timeline.map((t: { type: string }) => t.type)).toContain('legal-hold-set');
    const refused = await api(MANAGER, 'POST', `/api/contacts/${contactId}/erase`, { reason: 'asked' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain(petraCase);
    expect(
      (await api(MANAGER, 'POST', `/api/cases/${petraCase}/legal-hold`, { hold: false, reason: 'Closed' })).status,
    ).toBe(200);

    const { items } = (await api(MANAGER, 'GET', '/api/audit?type=legal-hold')).body;
    expect(items.map((i: { action: string }) => i.action)).toEqual([
      'legal-hold-lifted',
      'legal-hold-set',
      'legal-hold-lifted',
      'legal-hold-set',
    ]);
    expect((await api(MANAGER, 'GET', `/api/cases/${petraCase}`)).body.legalHold).toBeNull();
  });

  it('erases the contact’s personal data everywhere, keeps the monthly counts, and a second export shows nothing personal', async () => {
    const before = (await api(MANAGER, 'GET', '/api/reports/monthly?month=2026-12')).body;
    const kase = (await api(MANAGER, 'GET', `/api/cases/${petraCase}`)).body;
    const inbound = kase.messages.find((m: { direction: string }) => m.direction === 'inbound');
    const blobs = new FileBlobStore(join(stack.dataDir, 'blobs'));
    const scanKey = inbound.attachments[0].blobKey;
    expect(await blobs.get(scanKey)).toBeDefined();

    const found = async (q: string) =>
      ((await api(MANAGER, 'GET', `/api/search?q=${encodeURIComponent(q)}`)).body.items as { ref: string }[]).map(
        (i) => i.ref,
      );
    expect(await found(PETRA.name)).toContain(petraCase);
    expect(await found(PETRA.email)).toContain(petraCase);

    const erased = await api(MANAGER, 'POST', `/api/contacts/${contactId}/erase`, {
      reason: 'Article 17 request of 1 December',
    });
    expect(erased.status).toBe(200);
    expect(erased.body).toMatchObject({ contactId, cases: [petraCase] });
    expect(erased.body.sentCopiesErased).toBeGreaterThanOrEqual(1);
    expect(erased.body.blobsDeleted).toBeGreaterThanOrEqual(2);

    // The case and its messages: no name, address, email or words left; what reports count is kept.
    const after = (await api(MANAGER, 'GET', `/api/cases/${petraCase}`)).body;
    const caseText = JSON.stringify(after);
    for (const word of [PETRA.name, PETRA.email, PETRA.street, PETRA.word, 'permit is renewed'])
      expect(caseText).not.toContain(word);
    expect(after).toMatchObject({
      ref: petraCase,
      channel: 'email',
      kind: kase.kind,
      receivedAt: kase.receivedAt,
      targets: kase.targets,
      subject: '[erased]',
    });
    expect(after.erased).toMatchObject({ by: MANAGER, reason: 'Article 17 request of 1 December' });
    expect(after.contact).toEqual(expect.objectContaining({ id: contactId }));
    expect(after.contact.name).toBeUndefined();
    expect(after.messages).toHaveLength(kase.messages.length);
    expect(
      after.messages.every(
        (m: { text: string; attachments: unknown[] }) => m.text === '[erased]' && m.attachments.length === 0,
      ),
    ).toBe(true);
    // The blob store: the scan and the raw email are gone.
    expect(await blobs.get(scanKey)).toBeUndefined();
    if (inbound.rawKey) expect(await blobs.get(inbound.rawKey)).toBeUndefined();
    // The outbox: the reply's copy keeps only that it was sent.
    const outbox = (await fetch(`${stack.httpUrl}/local/outbox`).then((r) => r.json())) as {
      items: { caseRef: string; to: string; body: string; purpose: string }[];
    };
    const sent = outbox.items.filter((i) => i.caseRef === petraCase);
    expect(sent.map((i) => i.purpose)).toContain('reply');
    expect(sent.every((i) => i.to === '[erased]' && i.body === '[erased]')).toBe(true);
    expect(JSON.stringify(outbox)).not.toContain(PETRA.email);
    // Search no longer finds the case by the name or the email address (their hashed tokens are gone).
    expect(await found(PETRA.name)).not.toContain(petraCase);
    expect(await found(PETRA.email)).not.toContain(petraCase);
    // The email address no longer finds anyone.
    expect((await api(MANAGER, 'GET', `/api/contacts?email=${PETRA.email}`)).body.items).toEqual([]);
    // A second export holds nothing personal.
    const text = allText(await exportOf(contactId));
    for (const word of [PETRA.name, PETRA.email, PETRA.street, PETRA.word]) expect(text).not.toContain(word);
    expect(text).toContain('[erased]');
    // Otto is untouched.
    expect((await api(MANAGER, 'GET', `/api/cases/${ottoCase}`)).body.subject).toBe(`${OTTO.word} bin collection`);
    // The month's figures are the same.
    const report = (await api(MANAGER, 'GET', '/api/reports/monthly?month=2026-12')).body;
    // (`generatedAt` and an unfinished month's `monthEnd.at` are when the report was asked for.)
    const counts = (r: typeof report) => ({ ...r, generatedAt: null, monthEnd: { ...r.monthEnd, at: null } });
    expect(counts(report)).toEqual(counts(before));
    // On the audit trail.
    const { items } = (await api(MANAGER, 'GET', '/api/audit?type=erasure')).body;
    expect(items[0]).toMatchObject({
      officerId: MANAGER,
      action: 'erased-contact',
      contactId,
      detail: { reason: 'Article 17 request of 1 December', cases: [petraCase] },
    });
  });
  describe('a file several residents sent (one blob, counted per case)', () => {
    /** The same leaflet (and later the same photo) sent by more than one resident: one blob by content. */
    const LEAFLET = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from('estate-newsletter-leaflet')]);
    const PHOTO = Buffer.concat([SCAN.subarray(0, 8), Buffer.from('photo-of-the-damp-stairwell')]);
    const blobs = () => new FileBlobStore(join(stack.dataDir, 'blobs'));

    /** A resident's email with the file: the case, its contact and the file's message and blob key. */
    async function sends(
      id: string,
      subject: string,
      file: { filename: string; contentType: string; bytes: Buffer },
      sender = id,
    ) {
      const raw = rawEmailWithFile(
        { id, subject, body: `${subject}: see the file.`, from: `<${sender}@resident.example>` },
        file,
      );
      const { caseRef } = await ingestEmail(stack, raw);
      const kase = (await api(MANAGER, 'GET', `/api/cases/${caseRef}`)).body;
      const message = kase.messages.find((m: { attachments: unknown[] }) => m.attachments.length > 0);
      return {
        ref: caseRef as string,
        contactId: kase.contact.id as string,
        messageId: message.id as string,
        blobKey: message.attachments[0].blobKey as string,
      };
    }
    const erase = async (contact: string) =>
      expect(
        (await api(MANAGER, 'POST', `/api/contacts/${contact}/erase`, { reason: 'Article 17 request' })).status,
      ).toBe(200);
    const fileOf = (c: { ref: string; messageId: string }) =>
      download(MANAGER, `/api/cases/${c.ref}/attachments/${c.messageId}/0`);

    it('erasing one resident leaves the other’s copy whole, and erasing the other removes the file', async () => {
      const leaflet = { filename: 'newsletter.pdf', contentType: 'application/pdf', bytes: LEAFLET };
      const nina = await sends('nina-1', 'Newsletter question', leaflet);
      const nils = await sends('nils-1', 'Newsletter complaint', leaflet);
      expect(nils.blobKey).toBe(nina.blobKey);

      await erase(nina.contactId);
      const kept = await fileOf(nils);
      expect(kept.status).toBe(200);
      expect(Buffer.from(kept.bytes)).toEqual(LEAFLET);
      expect((await fileOf(nina)).status).toBe(404);
      expect(await blobs().get(nina.blobKey)).toBeDefined();

      await erase(nils.contactId);
      expect((await fileOf(nils)).status).toBe(404);
      expect(await blobs().get(nils.blobKey)).toBeUndefined();
    });

    it('a merged case keeps its file after the absorbed case’s resident is erased; the file goes with the last', async () => {
      const photo = { filename: 'stairwell.png', contentType: 'image/png', bytes: PHOTO };
      // Mona sends the photo twice (two cases); her second case is merged into Bert's.
      const first = await sends('mona-1', 'Damp stairwell', photo, 'mona');
      const second = await sends('mona-2', 'Stairwell again', photo, 'mona');
      expect(second.contactId).toBe(first.contactId);
      const bert = await emailCaseOwnedBy(stack, OWNER, 'bert-1', 'Stairwell smells of damp');
      const merged = await api(MANAGER, 'POST', `/api/cases/${bert}/merge`, {
        from: second.ref,
        reason: 'Same stairwell',
      });
      expect(merged.status).toBe(200);
      const moved = { ref: bert, messageId: second.messageId };
      expect(Buffer.from((await fileOf(moved)).bytes)).toEqual(PHOTO);

      await erase(first.contactId);
      const kept = await fileOf(moved);
      expect(kept.status).toBe(200);
      expect(Buffer.from(kept.bytes)).toEqual(PHOTO);

      // The merge moved the reference with the message: erasing Bert, the last holder, removes the file.
      await erase(merged.body.contact.id);
      expect(await blobs().get(first.blobKey)).toBeUndefined();
    });
  });
});
