/**
 * Inputs for fuzzing ingest, per channel, as fast-check arbitraries: the
 * fixtures of test/fixtures/cases/ingest and packages/channels/test/fixtures
 * mutated (bytes flipped, inserted, deleted, truncated, lines replaced, JSON
 * values swapped), and inputs generated from scratch (emails with random
 * headers, encodings and bodies; web forms valid by the form's schema, then
 * changed, random or byte-mutated; letters as PDFs with a text layer of random
 * text). A few letters are images, which go through OCR (slow), so their share
 * is kept small.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { PDFDocument, StandardFonts } from 'pdf-lib';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SHARED_CASES = join(ROOT, 'test/fixtures/cases/ingest');
const CHANNEL_FIXTURES = join(ROOT, 'packages/channels/test/fixtures');

const fill = (template: string): string =>
  template
    .replaceAll('{{RUN}}', 'fuzz')
    .replaceAll('{{DATE}}', 'Tue, 01 Dec 2026 10:00:00 +0000')
    .replaceAll('{{PHONE_A}}', '+447700900123')
    .replaceAll('{{PHONE_B}}', '+447700900456')
    .replaceAll('{{N}}', '1')
    .replaceAll('{{REF}}', 'HT-2026-000001')
    .replaceAll('{{REPLY_MSGID}}', '<reply-1@inbox.test>')
    .replaceAll('{{REPLY_SUBJECT}}', 'Re: your message');

const files = (dir: string, ext: string): Uint8Array[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith(ext))
    .sort()
    .map((f) => new TextEncoder().encode(fill(readFileSync(join(dir, f), 'latin1'))));

export const emailSeeds: Uint8Array[] = [...files(SHARED_CASES, '.eml'), ...files(CHANNEL_FIXTURES, '.eml')];
export const smsSeeds: string[] = readdirSync(SHARED_CASES)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => fill(readFileSync(join(SHARED_CASES, f), 'utf8')));
const imageSeeds: { bytes: Uint8Array; type: string }[] = [
  { bytes: readFileSync(join(CHANNEL_FIXTURES, 'letter-damp-scan.png')), type: 'image/png' },
  { bytes: readFileSync(join(CHANNEL_FIXTURES, 'letter-rent-photo.jpg')), type: 'image/jpeg' },
];

// ── byte mutations ───────────────────────────────────────────────────────────

type Mutation =
  | { kind: 'flip'; at: number; value: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'repeat'; at: number; length: number; times: number }
  | { kind: 'line'; at: number; text: string };

const position = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
/** Text with control characters, non-ASCII, lone surrogates' replacements and very long runs. */
export const nastyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.constantFrom(
    '',
    ' ',
    '=?UTF-8?B?4pyT?=',
    '=?x?Q?=ZZ?=',
    '\u0000',
    '\r\n\r\n',
    '--b--',
    'STOP',
    'START',
    'HT-2026-000001',
  ),
  fc.integer({ min: 1000, max: 30_000 }).map((n) => 'A'.repeat(n)),
);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: position, value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: position, bytes: fc.uint8Array({ maxLength: 64 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: position, length: fc.integer({ min: 1, max: 200 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: position }),
  fc.record({
    kind: fc.constant('repeat' as const),
    at: position,
    length: fc.integer({ min: 1, max: 80 }),
    times: fc.integer({ min: 2, max: 50 }),
  }),
  fc.record({ kind: fc.constant('line' as const), at: position, text: nastyText }),
);

function apply(bytes: Uint8Array, m: Mutation): Uint8Array {
  const at = Math.floor(m.at * (bytes.length + 1));
  const cat = (...parts: Uint8Array[]) => {
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let i = 0;
    for (const p of parts) {
      out.set(p, i);
      i += p.length;
    }
    return out;
  };
  switch (m.kind) {
    case 'flip': {
      const out = bytes.slice();
      if (at < out.length) out[at] = m.value;
      return out;
    }
    case 'insert':
      return cat(bytes.subarray(0, at), m.bytes, bytes.subarray(at));
    case 'delete':
      return cat(bytes.subarray(0, at), bytes.subarray(at + m.length));
    case 'truncate':
      return bytes.subarray(0, at);
    case 'repeat': {
      const piece = bytes.subarray(at, at + m.length);
      return cat(bytes.subarray(0, at), ...Array.from({ length: m.times }, () => piece), bytes.subarray(at));
    }
    case 'line': {
      // Replaces the line around `at` (a header, a boundary, a body line) with the text.
      const text = new TextDecoder('latin1').decode(bytes);
      const start = text.lastIndexOf('\n', at - 1) + 1;
      const end = text.indexOf('\n', at);
      return new TextEncoder().encode(`${text.slice(0, start)}${m.text}${end < 0 ? '' : text.slice(end)}`);
    }
  }
}

/** A seed with 1–8 mutations applied. */
const mutated = (seeds: readonly Uint8Array[]) =>
  fc
    .tuple(fc.constantFrom(...seeds), fc.array(mutation, { minLength: 1, maxLength: 8 }))
    .map(([seed, ms]) => ms.reduce(apply, seed));

// ── email ────────────────────────────────────────────────────────────────────

const address = fc.oneof(
  fc.emailAddress(),
  fc.constantFrom('ada@resident.example', 'mailer-daemon@x.example', 'noreply@x.example', '<>', 'not an address', ''),
);
const generatedEmail = fc
  .record({
    fromName: nastyText,
    from: address,
    subject: nastyText,
    messageId: fc.oneof(
      fc.uuid().map((u) => `<${u}@x.example>`),
      nastyText,
    ),
    headers: fc.array(
      fc.tuple(
        fc.constantFrom(
          'Auto-Submitted',
          'X-Auto-Response-Suppress',
          'In-Reply-To',
          'References',
          'Precedence',
          'Reply-To',
          'X-Random',
        ),
        nastyText,
      ),
      { maxLength: 4 },
    ),
    contentType: fc.constantFrom(
      'text/plain; charset=utf-8',
      'text/plain; charset=windows-1252',
      'text/plain; charset=x-unknown',
      'text/html; charset=utf-8',
      'multipart/mixed; boundary=b',
      'multipart/alternative; boundary="b"',
      'application/ms-tnef',
      '',
    ),
    encoding: fc.constantFrom('7bit', 'base64', 'quoted-printable', 'x-uue', ''),
    body: nastyText,
    parts: fc.array(
      fc.tuple(fc.constantFrom('text/plain', 'text/html', 'application/pdf', 'image/png', 'message/rfc822'), nastyText),
      {
        maxLength: 3,
      },
    ),
  })
  .map((e) => {
    const multipart = e.contentType.startsWith('multipart/');
    const body = multipart
      ? `${e.parts.map(([t, b]) => `--b\r\nContent-Type: ${t}\r\nContent-Transfer-Encoding: ${e.encoding}\r\n\r\n${b}\r\n`).join('')}--b--\r\n`
      : e.body;
    return new TextEncoder().encode(
      [
        `From: "${e.fromName}" <${e.from}>`,
        'To: contact@hightown.example',
        `Subject: ${e.subject}`,
        `Message-ID: ${e.messageId}`,
        'MIME-Version: 1.0',
        ...e.headers.map(([k, v]) => `${k}: ${v}`),
        `Content-Type: ${e.contentType}`,
        `Content-Transfer-Encoding: ${e.encoding}`,
        '',
        body,
      ].join('\r\n'),
    );
  });

/** Raw emails: 70% fixtures mutated, 30% generated. */
export const emailInput: fc.Arbitrary<Uint8Array> = fc.oneof(
  { weight: 7, arbitrary: mutated(emailSeeds) },
  { weight: 3, arbitrary: generatedEmail },
);

// ── SMS (two-way SMS inbound JSON) ──────────────────────────────────────────

const phone = fc.oneof(
  fc.constantFrom('+447700900123', '+447700900456', '07700 900123', '+1', '', 'not-a-number'),
  fc.stringMatching(/^\+44[0-9]{6,12}$/),
);
const smsField = fc.constantFrom(
  'originationNumber',
  'destinationNumber',
  'messageBody',
  'inboundMessageId',
  'messageKeyword',
  'previousPublishedMessageId',
  'extra',
);
const smsObject = fc
  .tuple(
    fc.constantFrom(...smsSeeds),
    fc.array(
      fc.oneof(
        fc.record({ field: smsField, value: fc.jsonValue() }),
        fc.record({ field: fc.constant('messageBody'), value: nastyText }),
        fc.record({ field: fc.constant('originationNumber'), value: phone }),
        fc.record({ field: fc.constant('inboundMessageId'), value: fc.oneof(fc.uuid(), nastyText) }),
        fc.record({ field: smsField, value: fc.constant(undefined) }),
      ),
      { minLength: 1, maxLength: 5 },
    ),
  )
  .map(([seed, changes]) => {
    const body = JSON.parse(seed) as Record<string, unknown>;
    for (const c of changes) {
      if (c.value === undefined) delete body[c.field];
      else body[c.field] = c.value;
    }
    return new TextEncoder().encode(JSON.stringify(body));
  });

/** SMS bodies as bytes: mostly JSON with values swapped, some with the bytes mutated. */
export const smsInput: fc.Arbitrary<Uint8Array> = fc.oneof(
  { weight: 8, arbitrary: smsObject },
  { weight: 2, arbitrary: mutated(smsSeeds.map((s) => new TextEncoder().encode(s))) },
);

// ── web form bodies ─────────────────────────────────────────────────────────

const formField = fc.constantFrom(
  'name',
  'email',
  'phone',
  'address',
  'tenancyRef',
  'category',
  'message',
  'preferredChannel',
  'communicationNeeds',
  'website',
  '__proto__',
  'constructor',
);
const formValue = fc.oneof(
  nastyText,
  fc.emailAddress(),
  phone,
  fc.constantFrom('email', 'sms', 'letter', 'phone', 'repairs', 'rent', 'complaint', 'other', 'HT123456'),
);
/** Random pairs: fields repeated, unknown, missing, huge; almost never a form that can be filed. */
const randomForm: fc.Arbitrary<string> = fc
  .array(fc.tuple(fc.oneof({ weight: 5, arbitrary: formField }, { weight: 1, arbitrary: nastyText }), formValue), {
    maxLength: 12,
  })
  .map((pairs) => new URLSearchParams(pairs).toString());

/** Text a resident might type: plain words, accents and other scripts, emoji, line breaks, some with odd bytes. */
const residentText = (minLength: number, maxLength: number) =>
  fc
    .oneof(
      { weight: 3, arbitrary: fc.lorem({ maxCount: Math.max(1, Math.floor(maxLength / 8)), mode: 'words' }) },
      { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength, maxLength }) },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          'The boiler has stopped working and we have no hot water.',
          'Black mould is back in the bedroom.\r\nPlease send someone.',
          'Ich spreche wenig Englisch — bitte schreiben Sie mir.',
          'Mae’r gawod wedi torri 🚿',
          'My rent payment of £412.50 was taken twice',
          '<script>alert(1)</script> the hall light is out',
        ),
      },
    )
    .map((t) => t.slice(0, maxLength))
    .filter((t) => t.trim().length >= minLength);

const residentName = fc.oneof(
  fc.constantFrom(
    'Ada Lovelace',
    'Siobhán O’Neill',
    'Zoë Ng',
    'Mohammed Al-Sayed',
    '李小龍',
    'J. Smith',
    'Mx Taylor-Ray',
  ),
  residentText(1, 200),
);
const residentEmail = fc
  .tuple(
    fc.stringMatching(/^[a-z0-9][a-z0-9._+-]{0,20}[a-z0-9]$/),
    fc.constantFrom('example.com', 'resident.example', 'mail.co.uk'),
  )
  .filter(([local]) => !local.includes('..'))
  .map(([local, domain]) => `${local}@${domain}`);
const residentPhone = fc.oneof(
  fc.integer({ min: 0, max: 999 }).map((n) => `07700 900${String(n).padStart(3, '0')}`),
  fc.integer({ min: 0, max: 999 }).map((n) => `+44 7700 900${String(n).padStart(3, '0')}`),
  fc.integer({ min: 0, max: 9999 }).map((n) => `(0121) 496 ${String(n).padStart(4, '0')}`),
  fc.stringMatching(/^07[0-9]{9}$/),
);

/**
 * A form a resident could really send, by the form's schema (CONTRACTS.md "Web form fields", packages/channels
 * web-form.ts): a name and a message, an email or a phone (or both), the optional fields within their limits,
 * a category of the policy's, a reply channel that the fields make possible; the honeypot empty.
 */
export function validForm(categories: readonly string[]): fc.Arbitrary<Record<string, string>> {
  return fc
    .record(
      {
        name: residentName,
        message: residentText(1, 2000),
        contact: fc.oneof(
          fc.record({ email: residentEmail }),
          fc.record({ phone: residentPhone }),
          fc.record({ email: residentEmail, phone: residentPhone }),
        ),
        address: fc.constantFrom('12 Example Road, Hightown HT1 2AB', 'Flat 3, 4 Canal Street\nHightown', ''),
        tenancyRef: fc.oneof(
          fc.constant(''),
          fc.integer({ min: 0, max: 999_999 }).map((n) => `HT${n}`),
        ),
        category: fc.constantFrom('', ...categories),
        preferredChannel: fc.constantFrom('', 'email', 'sms', 'letter', 'phone'),
        communicationNeeds: fc.oneof(fc.constant(''), residentText(1, 1000)),
        website: fc.constant(''),
      },
      { requiredKeys: ['name', 'message', 'contact'] },
    )
    .map(({ contact, ...rest }) => {
      const form: Record<string, string> = { ...rest, ...contact };
      // A reply channel the form cannot serve is a field error, not a valid form: dropped here.
      const wants = form.preferredChannel;
      const serves =
        (wants === 'email' && form.email) ||
        ((wants === 'sms' || wants === 'phone') && form.phone) ||
        (wants === 'letter' && form.address?.trim());
      if (wants && !serves) delete form.preferredChannel;
      return form;
    });
}

/** One change to a valid form: a field emptied, overlong, repeated, poisoned, unknown, or the honeypot filled. */
const formChange = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), field: formField, value: formValue }),
  fc.record({ kind: fc.constant('drop' as const), field: formField }),
  fc.record({ kind: fc.constant('repeat' as const), field: formField, value: formValue }),
  fc.record({ kind: fc.constant('long' as const), field: formField, length: fc.integer({ min: 100, max: 12_000 }) }),
);

const encodeForm = (form: Record<string, string>, extra: [string, string][] = []) =>
  new URLSearchParams([...Object.entries(form), ...extra]).toString();

/**
 * Form bodies, urlencoded as a browser posts them: 30% valid forms (filed), 30% valid forms with one to
 * three changes (most refused against a field, some still valid), 30% random pairs, 10% the urlencoded bytes
 * of a valid form mutated (broken escapes, truncation). `categories` are the policy's category ids.
 */
export function formInput(categories: readonly string[]): fc.Arbitrary<string> {
  const valid = validForm(categories);
  const changed = fc.tuple(valid, fc.array(formChange, { minLength: 1, maxLength: 3 })).map(([form, changes]) => {
    const f = { ...form };
    const extra: [string, string][] = [];
    for (const c of changes) {
      if (c.kind === 'set') f[c.field] = c.value;
      else if (c.kind === 'drop') delete f[c.field];
      else if (c.kind === 'repeat') extra.push([c.field, c.value]);
      else f[c.field] = 'x'.repeat(c.length);
    }
    return encodeForm(f, extra);
  });
  const bytesMutated = fc
    .tuple(valid, fc.array(mutation, { minLength: 1, maxLength: 4 }))
    .map(([form, ms]) => new TextDecoder().decode(ms.reduce(apply, new TextEncoder().encode(encodeForm(form)))));
  return fc.oneof(
    { weight: 3, arbitrary: valid.map((f) => encodeForm(f)) },
    { weight: 3, arbitrary: changed },
    { weight: 3, arbitrary: randomForm },
    { weight: 1, arbitrary: bytesMutated },
  );
}

// ── letters ─────────────────────────────────────────────────────────────────

const letterLine = fc.oneof(
  nastyText.map((t) => t.slice(0, 120)),
  fc.constantFrom(
    'Dear Sir or Madam,',
    '12 Example Road, Hightown HT1 2AB',
    'Tel: 07700 900123',
    'ada@resident.example',
    'Tenancy ref: HT123456',
    'Re: damp in the back bedroom',
    'HT-2026-000001',
  ),
);

/** A PDF with a text layer of `lines` (characters Helvetica cannot encode are dropped). */
async function textPdf(lines: string[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595, 842]);
  let y = 800;
  for (const line of lines) {
    const encodable = [...line].filter((ch) => {
      try {
        font.encodeText(ch);
        return ch >= ' ';
      } catch {
        return false;
      }
    });
    page.drawText(encodable.join(''), { x: 40, y, size: 11, font });
    y -= 14;
  }
  return doc.save({ useObjectStreams: false });
}

export interface LetterInput {
  kind: 'text-pdf' | 'mutated-pdf' | 'image';
  /** Bytes, or the lines of a text PDF still to be made (pdf-lib is async). */
  lines?: string[];
  mutations?: Mutation[];
  bytes?: Uint8Array;
  contentType: string;
}

/**
 * Letters: mostly PDFs with a text layer of random lines (fast: no OCR), 2% of them with their
 * bytes mutated (may fall to OCR or fail to open), and images at `imageWeight` per 1,000.
 */
export function letterInput(imageWeight = 1): fc.Arbitrary<LetterInput> {
  // The first line is always readable, so the text layer is never empty (an empty one goes to OCR).
  const lines = fc.array(letterLine, { maxLength: 30 }).map((l) => ['Dear Sir or Madam,', ...l]);
  const images = fc
    .tuple(
      fc.constantFrom(...imageSeeds),
      fc.array(
        mutation.filter((m) => m.kind === 'flip' || m.kind === 'truncate'),
        { maxLength: 2 },
      ),
    )
    .map(([seed, m]): LetterInput => ({ kind: 'image', bytes: seed.bytes, mutations: m, contentType: seed.type }));
  return fc.oneof(
    {
      weight: 980 - imageWeight,
      arbitrary: lines.map((l): LetterInput => ({ kind: 'text-pdf', lines: l, contentType: 'application/pdf' })),
    },
    {
      weight: 20,
      arbitrary: fc
        .tuple(lines, fc.array(mutation, { minLength: 1, maxLength: 4 }))
        .map(
          ([l, m]): LetterInput => ({ kind: 'mutated-pdf', lines: l, mutations: m, contentType: 'application/pdf' }),
        ),
    },
    ...(imageWeight > 0 ? [{ weight: imageWeight, arbitrary: images }] : []),
  );
}

/** The file's bytes for a letter input. */
export async function letterBytes(input: LetterInput): Promise<Uint8Array> {
  const base = input.bytes ?? (await textPdf(input.lines ?? []));
  return (input.mutations ?? []).reduce(apply, base);
}
