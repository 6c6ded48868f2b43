import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEDUPE_KEY_MAX, parseEmail, parseSms } from '../src/index.js';
import { caseFile, RECEIVED } from './fixtures.js';

interface Content {
  subject: string;
  body: string;
  fromName: string;
  attachment?: Uint8Array;
}

const crlf = (lines: string[]) => new TextEncoder().encode(lines.join('\r\n'));
const b64 = (s: string | Uint8Array) => Buffer.from(s).toString('base64');

/** An email as a resident's server writes it, with the trace headers servers on the way add. */
function email(content: Content, trace: string[] = [], messageId?: string): Uint8Array {
  const headers = [
    `From: =?UTF-8?B?${b64(content.fromName)}?= <resident@example.org>`,
    'To: Hightown Housing <contact@hightown.example>',
    'Date: Mon, 30 Nov 2026 09:12:00 +0000',
    `Subject: =?UTF-8?B?${b64(content.subject)}?=`,
    ...(messageId ? [`Message-ID: ${messageId}`] : []),
    'MIME-Version: 1.0',
  ];
  const text = [
    'Content-Type: text/plain; charset="utf-8"',
    'Content-Transfer-Encoding: base64',
    '',
    b64(content.body),
  ];
  if (!content.attachment) return crlf([...trace, ...headers, ...text]);
  return crlf([
    ...trace,
    ...headers,
    'Content-Type: multipart/mixed; boundary="b1"',
    '',
    '--b1',
    ...text,
    '--b1',
    'Content-Type: application/pdf; name="photo.pdf"',
    'Content-Disposition: attachment; filename="photo.pdf"',
    'Content-Transfer-Encoding: base64',
    '',
    b64(content.attachment),
    '--b1--',
    '',
  ]);
}

const words = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).filter((s) => /\p{L}/u.test(s));
const content: fc.Arbitrary<Content> = fc.record({
  subject: words.map((s) => s.replace(/\p{C}/gu, '')).filter((s) => s.trim().length > 0),
  body: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 300 }).filter((s) => s.trim().length > 0),
  fromName: words.map((s) => s.replace(/\p{C}/gu, '')),
  attachment: fc.option(fc.uint8Array({ minLength: 1, maxLength: 64 }), { nil: undefined }),
});

const traceHeader = fc.oneof(
  fc
    .tuple(fc.domain(), fc.ipV4(), fc.integer({ min: 0, max: 59 }))
    .map(
      ([host, ip, s]) =>
        `Received: from ${host} (${host} [${ip}])\r\n\tby mx.hightown.example; Mon, 30 Nov 2026 09:12:${String(s).padStart(2, '0')} +0000`,
    ),
  fc.emailAddress().map((a) => `Return-Path: <${a}>`),
  fc.constant('Return-Path: <>'),
  fc.stringMatching(/^[A-Za-z0-9-]{1,20}$/).map((n) => `X-${n}: ${n.toLowerCase()} spam-score=0.1`),
  fc.constant('DKIM-Signature: v=1; a=rsa-sha256; d=example.org; s=s1; b=AbC123=='),
  fc.constant('Authentication-Results: mx.hightown.example; spf=pass smtp.mailfrom=example.org'),
);

async function digestOf(raw: Uint8Array): Promise<string | undefined> {
  return (await parseEmail(raw, { receivedAt: RECEIVED })).contentDigest;
}

describe('contentDigest: what identifies a delivery besides its Message-ID', () => {
  it('is sha-256 hex', async () => {
    expect(await digestOf(caseFile('14a-resident-email.eml'))).toMatch(/^[0-9a-f]{64}$/);
  });

  it('stays the same when servers on the way add or reorder Received, Return-Path and X- headers', async () => {
    await fc.assert(
      fc.asyncProperty(content, fc.array(traceHeader, { maxLength: 6 }), async (c, trace) => {
        const plain = await digestOf(email(c));
        const traced = await digestOf(email(c, trace, '<same@example.org>'));
        const reordered = await digestOf(email(c, [...trace].reverse()));
        expect(traced).toBe(plain);
        expect(reordered).toBe(plain);
      }),
      { numRuns: 60 },
    );
  });

  it('differs when the subject, the text, the sender or an attachment differs', async () => {
    await fc.assert(
      fc.asyncProperty(content, fc.constantFrom('subject', 'body', 'fromName', 'attachment'), async (c, field) => {
        const changed: Content =
          field === 'attachment'
            ? { ...c, attachment: Uint8Array.from([...(c.attachment ?? []), 1]) }
            : { ...c, [field]: `${c[field]} again` };
        expect(await digestOf(email(changed))).not.toBe(await digestOf(email(c)));
      }),
      { numRuns: 60 },
    );
  });
});

describe('dedupeKey: a delivery is the same only when its Message-ID and content are', () => {
  it('keeps two different emails that a broken client gave the same Message-ID apart (cases 02a, 02b)', async () => {
    const first = await parseEmail(caseFile('02a-reused-message-id-first.eml'), { receivedAt: RECEIVED });
    const second = await parseEmail(caseFile('02b-reused-message-id-second.eml'), { receivedAt: RECEIVED });

    expect(second.threading.messageId).toBe(first.threading.messageId);
    expect(second.contentDigest).not.toBe(first.contentDigest);
    expect(second.dedupeKey).not.toBe(first.dedupeKey);
  });

  it('recognises an email without a Message-ID redelivered with one more Received header', async () => {
    const c = { subject: 'Bins', body: 'The bins were not collected.', fromName: 'A Resident' };
    const once = await parseEmail(email(c), { receivedAt: RECEIVED, deliveryId: 'smtp-1' });
    const again = await parseEmail(email(c, ['Received: from relay.example.net by mx.hightown.example']), {
      receivedAt: RECEIVED,
      deliveryId: 'smtp-2',
    });

    expect(again.dedupeKey).toBe(once.dedupeKey);
    expect(once.dedupeKey).toBe(`sha256:${once.contentDigest}`);
    expect([once.transportId, again.transportId]).toEqual(['smtp-1', 'smtp-2']);
  });

  it('bounds a key built from a 2,100-character Message-ID', async () => {
    const id = `<${'a'.repeat(2_090)}@example.org>`;
    const message = await parseEmail(email({ subject: 'Long', body: 'Hello', fromName: 'X' }, [], id), {
      receivedAt: RECEIVED,
    });

    expect(message.dedupeKey).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(message.threading.messageId).toBe(id);
  });

  it('bounds a key built from a 2,100-character SMS inboundMessageId, keeping the id itself as transportId', () => {
    const id = 'x'.repeat(2_100);
    const sms = parseSms(
      {
        originationNumber: '+447700900201',
        destinationNumber: '+447700900100',
        messageBody: 'Hi',
        inboundMessageId: id,
      },
      { receivedAt: RECEIVED },
    );

    expect(sms.dedupeKey.length).toBeLessThanOrEqual(DEDUPE_KEY_MAX);
    expect(sms.transportId).toBe(id);
  });
});
