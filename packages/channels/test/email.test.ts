import { UnparseableInput } from '@housing-inbox/core';
import { describe, expect, it } from 'vitest';
import { parseEmail, splitQuotedReply } from '../src/index.js';
import { fixture, RECEIVED } from './fixtures.js';

const parse = (name: string, deliveryId?: string) => parseEmail(fixture(name), { receivedAt: RECEIVED, deliveryId });
const mime = (text: string) => new TextEncoder().encode(text.replace(/\n/g, '\r\n'));

describe('parseEmail: what an officer reads', () => {
  it('takes the text part of a multipart/alternative mail, keeps the HTML as received and a safe copy', async () => {
    const message = await parse('multipart-alternative.eml');

    expect(message.channel).toBe('email');
    expect(message.from).toEqual({ name: 'Priya Sharma', email: 'priya.sharma@example.com' });
    expect(message.to).toEqual(['customer.services@hightown.example']);
    expect(message.subject).toBe('Leaking kitchen tap - 27 Larch Close');
    expect(message.text).toMatch(/^Hello,\n\nThe kitchen tap at 27 Larch Close has been leaking since the weekend/);
    expect(message.text).toContain('My mobile is 07700 900214.');
    expect(message.html).toContain('<style>p { font-family: Arial; }</style>');
    expect(message.safeHtml).toContain('<b>leaking since the weekend</b>');
    expect(message.safeHtml).not.toContain('<style');
    expect(message.receivedAt).toBe(RECEIVED);
    expect(message.automated).toBeUndefined();
  });

  it.each([
    [
      'quoted-printable UTF-8',
      'quoted-printable.eml',
      'Service charge – Kingfisher Court',
      'Daniel O’Connor',
      ['I’m writing because my service charge statement for 2025–26 shows £1,245.60 for “communal cleaning”'],
    ],
    [
      'base64 UTF-8',
      'base64.eml',
      'Direct debit form',
      'Grace Mensah',
      ['Please find attached my completed direct debit form for my rent at 5 Rowan Walk.'],
    ],
    [
      'ISO-8859-1 quoted-printable',
      'iso-8859-1.eml',
      'Chaudière en panne - café Elm Parade',
      'Amélie Laurent',
      ['I run the café at the community centre', 'hire was £85.00'],
    ],
    [
      'Windows-1252 8bit (Outlook)',
      'windows-1252.eml',
      'Rent taken twice – refund please',
      'Sean Murphy',
      ['I’ve been charged €40 by my bank', 'twice this month – £475 on the 1st', '“Account number” on my letter'],
    ],
  ])('decodes %s into the characters the resident typed', async (_label, file, subject, name, phrases) => {
    const message = await parse(file);

    expect(message.subject).toBe(subject);
    expect(message.from.name).toBe(name);
    for (const phrase of phrases) expect(message.text).toContain(phrase);
    expect(message.text).not.toMatch(/[\u0080-\u009f\ufffd]/);
  });

  it('keeps a PDF attachment with its bytes', async () => {
    const message = await parse('base64.eml');

    expect(message.attachments).toHaveLength(1);
    const [form] = message.attachments;
    expect(form).toMatchObject({ filename: 'Direct debit form.pdf', contentType: 'application/pdf', inline: false });
    expect(new TextDecoder().decode(form?.content?.subarray(0, 8))).toBe('%PDF-1.4');
    expect(form?.size).toBe(form?.content?.byteLength);
  });

  it('keeps an inline photo with the Content-ID its HTML refers to', async () => {
    const message = await parse('inline-image.eml');

    expect(message.attachments).toEqual([
      expect.objectContaining({
        filename: 'bathroom.png',
        contentType: 'image/png',
        contentId: 'ii_m7q2bathroom01',
        inline: true,
      }),
    ]);
    const png = message.attachments[0]?.content;
    expect(Array.from(png?.subarray(0, 4) ?? [])).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(message.safeHtml).toContain('src="cid:ii_m7q2bathroom01"');
    expect(message.text).toContain('This is the mould on the ceiling of our bathroom at 8 Willow Court.');
  });

  it('keeps a forwarded message in the text, where the officer can read what was passed on', async () => {
    const message = await parse('forwarded.eml');

    expect(message.subject).toBe('Fwd: Noise from flat above');
    expect(message.from.email).toBe('ruth.adeyemi@example.org');
    expect(message.text).toContain('Forwarding this from Mrs Patel');
    expect(message.text).toContain('the people in flat 12 are playing loud music every night until 2am');
    expect(splitQuotedReply(message.text).quoted).toBeUndefined();
  });

  it('derives readable text from an HTML-only mail and makes the HTML safe to display', async () => {
    const message = await parse('html-only.eml');

    expect(message.text).toBe(
      [
        'Complaint about my repair',
        '',
        'I reported a broken front door lock three weeks ago and nobody has come.',
        '',
        '- First reported: 16 February',
        '- Chased: 23 February & 2 March',
        '',
        'click here or see my photos.',
        '',
        'Mark Davies',
        '31 Oak Street',
      ].join('\n'),
    );
    expect(message.html).toContain('<script>');
    const safe = message.safeHtml ?? '';
    expect(safe).toContain('<strong>broken front door lock</strong>');
    expect(safe).toContain('href="https://www.example.org/repairs"');
    expect(safe).toContain('rel="noopener noreferrer nofollow"');
    expect(safe).toContain('src="data:image/png;base64,iVBORw0KGgo="');
    for (const unsafe of [/<script/i, /<style/i, /<iframe/i, /<form/i, /<input/i, /\son\w+=/i, /javascript:/i]) {
      expect(safe).not.toMatch(unsafe);
    }
    expect(safe).not.toContain('data:text/html');
    expect(safe).not.toContain('tracker.example');
    expect(safe).not.toContain('Newsletter');
  });
});

describe('parseEmail: threads', () => {
  it('reads the Message-ID, In-Reply-To and References of an Outlook reply', async () => {
    const message = await parse('outlook-reply.eml');

    expect(message.threading).toEqual({
      messageId: '<AM9PR02MB7154E2D1C0A8B6F1D2E3A4B5C6D7E8F9@AM9PR02MB7154.eurprd02.prod.outlook.com>',
      inReplyTo: ['<ack-HT-2026-000123.1@hightown.example>'],
      references: ['<ack-HT-2026-000123.0@hightown.example>', '<ack-HT-2026-000123.1@hightown.example>'],
    });
    expect(message.subject).toBe('RE: Your repair request HT-2026-000123');
  });

  it('keys a delivery on the Message-ID and the content digest, so a redelivery is recognised', async () => {
    const first = await parse('gmail-reply.eml', 'ses-1');
    const again = await parse('gmail-reply.eml', 'ses-2');

    expect(first.dedupeKey).toBe(`<CAKq8Fw=Rp3Lx0Ze+7v@mail.gmail.com>#${first.contentDigest}`);
    expect(again.dedupeKey).toBe(first.dedupeKey);
    expect([first.transportId, again.transportId]).toEqual(['ses-1', 'ses-2']);
  });

  it('falls back to the content digest when there is no Message-ID, whichever connection delivered it', async () => {
    const raw = mime('From: a.resident@example.com\nSubject: Bins\n\nThe bins were not collected.\n');

    const first = await parseEmail(raw, { receivedAt: RECEIVED, deliveryId: 'smtp-session-1' });
    const again = await parseEmail(raw, { receivedAt: RECEIVED, deliveryId: 'smtp-session-2' });

    expect(first.dedupeKey).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(again.dedupeKey).toBe(first.dedupeKey);
    expect(first.threading).toEqual({ inReplyTo: [], references: [] });
  });

  it('normalises the time of receipt to UTC', async () => {
    const message = await parseEmail(fixture('forwarded.eml'), { receivedAt: '2026-03-16T10:30:00+01:00' });
    expect(message.receivedAt).toBe('2026-03-16T09:30:00.000Z');
  });
});

describe('parseEmail: auto-replies and bounces are recognised, with the reason', () => {
  it('recognises a delivery status notification, says which address failed and threads it on our message', async () => {
    const message = await parse('bounce-dsn.eml');

    expect(message.automated).toEqual({
      kind: 'bounce',
      category: 'delivery-failure',
      reason:
        'delivery status notification: failed for k.brown@example.net (5.1.1 Recipient address rejected: User unknown in virtual mailbox table)',
    });
    expect(message.threading.inReplyTo).toEqual(['<ack-HT-2026-000140.0@hightown.example>']);
    expect(message.text).toContain('could not\nbe delivered to one or more recipients');
  });

  it('recognises an Exchange out-of-office reply', async () => {
    const message = await parse('out-of-office.eml');

    expect(message.automated).toEqual({
      kind: 'auto-reply',
      category: 'out-of-office',
      reason: 'Auto-Submitted: auto-generated',
    });
    expect(message.threading.inReplyTo).toEqual(['<ack-HT-2026-000152.0@hightown.example>']);
  });

  const headed = (headers: string, subject = 'Re: Your enquiry') =>
    mime(
      `From: Sam Lee <sam.lee@example.com>\nMessage-ID: <x1@example.com>\nSubject: ${subject}\n${headers}\n\nBody\n`,
    );

  it.each([
    [
      'Auto-Submitted: auto-replied',
      headed('Auto-Submitted: auto-replied'),
      'auto-reply',
      'Auto-Submitted: auto-replied',
    ],
    ['X-Autoreply', headed('X-Autoreply: yes'), 'auto-reply', 'X-Autoreply: yes'],
    ['X-Autorespond', headed('X-Autorespond: on holiday'), 'auto-reply', 'X-Autorespond: on holiday'],
    ['Precedence: auto_reply', headed('Precedence: auto_reply'), 'auto-reply', 'Precedence: auto_reply'],
    ['Precedence: bulk', headed('Precedence: bulk'), 'auto-reply', 'Precedence: bulk'],
    ['Precedence: junk', headed('Precedence: junk'), 'auto-reply', 'Precedence: junk'],
    [
      'an "Out of Office" subject answering our message',
      headed('In-Reply-To: <ack-1@hightown.example>', 'Out of Office: Your enquiry'),
      'auto-reply',
      'is an out-of-office reply (English) and it answers another message',
    ],
    [
      'an "Automatic reply" subject answering our message',
      headed('References: <ack-1@hightown.example>', 'Automatic reply: Rent'),
      'auto-reply',
      'is an out-of-office reply (English)',
    ],
    [
      'a postmaster sender',
      mime('From: postmaster@example.net\nSubject: Delivery failure\n\nNo such user\n'),
      'bounce',
      'sent by the mail system (postmaster@example.net)',
    ],
    [
      'a MAILER-DAEMON sender',
      mime('From: MAILER-DAEMON@example.net\nSubject: failure notice\n\nSorry\n'),
      'bounce',
      'sent by the mail system',
    ],
  ])('%s', async (_label, raw, kind, reason) => {
    const message = await parseEmail(raw, { receivedAt: RECEIVED });
    expect(message.automated?.kind).toBe(kind);
    expect(message.automated?.reason).toContain(reason);
  });

  it.each([
    ['Auto-Submitted: no', headed('Auto-Submitted: no')],
    ['an out-of-hours repair', headed('', 'Out of office hours repair needed - no heating')],
    ['an ordinary reply', headed('', 'Re: Your repair request HT-2026-000123')],
    ['an "Out of Office" subject with nothing else to show it', headed('', 'Out of Office: Your enquiry')],
  ])('does not mistake %s for an automatic message', async (_label, raw) => {
    const message = await parseEmail(raw, { receivedAt: RECEIVED });
    expect(message.automated).toBeUndefined();
  });
});

describe('parseEmail: what it refuses', () => {
  it.each([
    ['an empty delivery', new Uint8Array(), 'the email is empty'],
    ['bytes with no headers or body', mime('\n\n'), 'the email has no'],
  ])('refuses %s with a reason', async (_label, raw, reason) => {
    const attempt = parseEmail(raw, { receivedAt: RECEIVED });
    await expect(attempt).rejects.toBeInstanceOf(UnparseableInput);
    await expect(attempt).rejects.toThrow(reason);
  });

  it('refuses a receipt time that is not an instant', async () => {
    await expect(parseEmail(fixture('forwarded.eml'), { receivedAt: 'yesterday' })).rejects.toThrow(
      'receivedAt "yesterday" is not an ISO-8601 instant',
    );
  });
});
