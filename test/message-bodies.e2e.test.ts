/**
 * Long bodies in the blob store (issue 16, write units): an email over 4 KB is kept once as a
 * blob (`bodies/<sha-256>`) and its message item holds a preview. Every reader on the local
 * stack shows it as before: the case view, the resident's page, the letters to read, the
 * subject access export; a merge moves it, a redelivery stores nothing twice, and erasure and
 * retention delete it with the last record that holds it.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parseEmail } from '@housing-inbox/channels';
import { BODY_PREVIEW_BYTES, inboundMessageSchema, ingestMessage } from '@housing-inbox/core';
import type { LocalStack } from '@housing-inbox/local';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MANAGER, startHightown } from './support/cases.js';
import { apiAs } from './support/http.js';
import { ingestEmail, rawEmail } from './support/mail.js';

/** About 12 KB of a resident's words, its end marked so a cut shows. */
const longText = (who: string, end: string) =>
  `${Array.from(
    { length: 120 },
    (_, i) => `${i + 1}. ${who} wrote again about the repairs to the kitchen window that were promised.`,
  ).join('\n')}\n${end}`;

const LENA = { from: '"Lena Long" <lena.long@resident.example>', text: longText('Lena', 'END-OF-LENA-1') };
const MO = { from: '"Mo Same" <mo.same@resident.example>' };
/** The resident's words (acknowledgements sent meanwhile are messages too). */
const inboundTexts = (messages: { direction: string; text: string }[]) =>
  messages.filter((m) => m.direction === 'inbound').map((m) => m.text);

describe('long message bodies in the blob store', () => {
  let stack: LocalStack;
  let stop: () => Promise<void>;
  const api = apiAs(() => stack);
  const lenaRaw = rawEmail({ id: 'lena-1', subject: 'Kitchen window', body: LENA.text, from: LENA.from });
  let lenaCase: string;
  let lenaContact: string;
  let moCase: string;

  /** The body blobs in the stack's blob folder. */
  async function bodyBlobs(): Promise<string[]> {
    const dir = join(stack.dataDir, 'blobs', 'bodies');
    const names = await readdir(dir).catch(() => [] as string[]);
    return names.filter((n) => !n.includes('.')).sort();
  }
  /** What the parser makes of a raw email's text: what a message kept in its item showed. */
  const parsedText = async (raw: string) =>
    (await parseEmail(new TextEncoder().encode(raw), { receivedAt: stack.clock.now().toISOString() })).text;

  beforeAll(async () => {
    ({ stack, stop } = await startHightown('bodies'));
    const filed = await ingestEmail(stack, lenaRaw);
    expect(filed.outcome).toBe('created');
    lenaCase = filed.caseRef;
    lenaContact = (await stack.repository.getCase(lenaCase))?.contactId as string;
    // Mo sends the same words (a campaign letter): one blob for both.
    const mo = await ingestEmail(
      stack,
      rawEmail({ id: 'mo-1', subject: 'Kitchen windows too', body: LENA.text, from: MO.from }),
    );
    moCase = mo.caseRef;
  });
  afterAll(async () => {
    await stop?.();
  });

  it('keeps a long body once as a blob and only its first lines in the message item', async () => {
    const stored = (await stack.repository.getCaseWithHistory(lenaCase))?.messages[0];
    expect(stored?.bodyKey).toMatch(/^bodies\/[0-9a-f]{64}$/);
    expect(Buffer.byteLength(stored?.text ?? '')).toBeLessThanOrEqual(BODY_PREVIEW_BYTES);
    expect(stored?.text.startsWith('1. Lena wrote again')).toBe(true);
    // Two residents, the same words: one blob, named by both messages.
    const mo = (await stack.repository.getCaseWithHistory(moCase))?.messages[0];
    expect(mo?.bodyKey).toBe(stored?.bodyKey);
    expect(await bodyBlobs()).toEqual([stored?.bodyKey?.slice('bodies/'.length)]);
  });

  it('shows the message whole on the case, exactly as a message kept in its item', async () => {
    const kase = (await api(MANAGER, 'GET', `/api/cases/${lenaCase}`)).body;
    expect(kase.messages[0].text).toBe(await parsedText(lenaRaw));
    expect(kase.messages[0].text.endsWith('END-OF-LENA-1')).toBe(true);
    expect(kase.messages[0]).not.toHaveProperty('bodyKey');
  });

  it('shows it whole on the resident’s page', async () => {
    const resident = (await api(MANAGER, 'GET', `/api/contacts/${lenaContact}`)).body;
    expect(inboundTexts(resident.messages)).toEqual([await parsedText(lenaRaw)]);
  });

  it('stores nothing twice when the same email is delivered again', async () => {
    const before = await bodyBlobs();
    expect((await ingestEmail(stack, lenaRaw)).outcome).toBe('duplicate');
    expect(await bodyBlobs()).toEqual(before);
    const messages = (await stack.repository.getCaseWithHistory(lenaCase))?.messages ?? [];
    expect(inboundTexts(messages)).toHaveLength(1);
  });

  it('lists a long letter to read with its whole text', async () => {
    const text = longText('Nora', 'END-OF-NORA');
    const letter = inboundMessageSchema().parse({
      channel: 'letter',
      dedupeKey: 'letter:nora-1',
      receivedAt: stack.clock.now().toISOString(),
      from: { name: 'Nora Post', address: '4 Pine Road, Hightown' },
      to: [],
      subject: 'Letter about the kitchen window',
      text,
      scan: { method: 'ocr', confidence: 41, needsReading: { reasons: ['OCR confidence 41 is below 60'] } },
    });
    const filed = await ingestMessage(stack.ingest, letter);
    expect(filed.outcome).toBe('created');
    const listed = (await api(MANAGER, 'GET', '/api/letters/needs-reading')).body.items;
    const nora = listed.find((i: { ref: string }) => i.ref === (filed as { caseRef: string }).caseRef);
    expect(nora.letter.text).toBe(text);
  });

  it('exports the message whole for a subject access request', async () => {
    const zip = await download(`/api/contacts/${lenaContact}/export`);
    const messages = JSON.parse(strFromU8(zip[`cases/${lenaCase}/messages.json`] as Uint8Array));
    expect(messages[0].text).toBe(await parsedText(lenaRaw));
    expect(messages[0]).not.toHaveProperty('bodyKey');
    expect(strFromU8(zip['summary.txt'] as Uint8Array)).toContain('END-OF-LENA-1');
  });

  it('moves the body with its message when a case is merged, and shows it whole on the survivor', async () => {
    // Lena writes again (other words, a second case), merged into her first.
    const second = longText('Lena', 'END-OF-LENA-2');
    const raw = rawEmail({ id: 'lena-2', subject: 'Bathroom extractor fan', body: second, from: LENA.from });
    const filed = await ingestEmail(stack, raw);
    expect(filed.outcome).toBe('created');
    const merged = await api(MANAGER, 'POST', `/api/cases/${lenaCase}/merge`, {
      from: filed.caseRef,
      reason: 'Same resident, same visit',
    });
    expect(merged.status).toBe(200);
    const texts = inboundTexts((await api(MANAGER, 'GET', `/api/cases/${lenaCase}`)).body.messages);
    expect(texts.sort()).toEqual([await parsedText(lenaRaw), await parsedText(raw)].sort());
    expect(await bodyBlobs()).toHaveLength(3);
  });

  it('erasure deletes a body no other record holds and keeps one another resident’s message shares', async () => {
    const shared = (await stack.repository.getCaseWithHistory(moCase))?.messages[0]?.bodyKey as string;
    const erased = await api(MANAGER, 'POST', `/api/contacts/${lenaContact}/erase`, { reason: 'Article 17' });
    expect(erased.status).toBe(200);
    // Lena's second body is gone; the words Mo sent too stay for Mo's case, whole.
    expect(await bodyBlobs()).toHaveLength(2);
    expect(await bodyBlobs()).toContain(shared.slice('bodies/'.length));
    const lena = (await api(MANAGER, 'GET', `/api/cases/${lenaCase}`)).body;
    expect(JSON.stringify(lena.messages)).not.toContain('Lena wrote');
    const mo = (await api(MANAGER, 'GET', `/api/cases/${moCase}`)).body;
    expect(mo.messages[0].text.endsWith('END-OF-LENA-1')).toBe(true);
  });

  it('retention deletes the body of a case past its period', async () => {
    const close = await api(MANAGER, 'POST', `/api/cases/${moCase}/close`, { reason: 'Answered' });
    expect(close.status).toBe(200);
    await stack.clock.set(new Date('2033-06-01T10:00:00Z'));
    const run = await api(MANAGER, 'POST', '/api/retention', {});
    expect(run.body.erased).toContain(moCase);
    // The letter's body (an open case) is all that is left.
    const left = await bodyBlobs();
    expect(left).toHaveLength(1);
    const nora = (await api(MANAGER, 'GET', '/api/letters/needs-reading')).body.items[0];
    expect(nora.letter.text.endsWith('END-OF-NORA')).toBe(true);
  });

  async function download(path: string): Promise<Record<string, Uint8Array>> {
    const officer = stack.officers.find((o) => o.id === MANAGER);
    const { signLocalToken } = await import('@housing-inbox/api');
    const { readSecret } = await import('@housing-inbox/local');
    const res = await fetch(`${stack.httpUrl}${path}`, {
      headers: { authorization: `Bearer ${signLocalToken(officer as never, readSecret(stack.dataDir))}` },
    });
    expect(res.status).toBe(200);
    return unzipSync(new Uint8Array(await res.arrayBuffer()));
  }
});
