import { describe, expect, it } from 'vitest';
import { parseEmail } from '../src/index.js';
import { CASE_VALUES, caseFile, RECEIVED } from './fixtures.js';

const mime = (s: string) => new TextEncoder().encode(s.replace(/\n/g, '\r\n'));

/** An email from a resident's address, with the headers, subject and body a case needs. */
function mail({
  headers = '',
  subject = 'Your repair request',
  body = 'Hello',
  from = 'Sam Lee <sam.lee@example.com>',
}) {
  const extra = headers ? `${headers}\n` : '';
  return mime(
    `From: ${from}\nTo: contact@hightown.example\nMessage-ID: <m1@example.com>\nSubject: ${subject}\n${extra}Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n${body}\n`,
  );
}

const parse = (raw: Uint8Array) => parseEmail(raw, { receivedAt: RECEIVED });
const REPLY = 'In-Reply-To: <ack-HT-2026-000123.0@hightown.example>';

describe('automatic mail: recognised by its headers alone', () => {
  it.each([
    ['Auto-Submitted: auto-replied', 'auto-reply'],
    ['Auto-Submitted: auto-generated', 'auto-reply'],
    ['Auto-Submitted: auto-notified; owner-email="x@example.com"', 'auto-reply'],
    ['X-Auto-Response-Suppress: All', 'auto-reply'],
    ['X-Auto-Response-Suppress: DR, RN, NRN, OOF, AutoReply', 'auto-reply'],
    ['X-MS-Exchange-Inbox-Rules-Loop: sam.lee@example.com', 'auto-reply'],
    ['Precedence: auto_reply', 'auto-reply'],
    ['Precedence: bulk', 'bulk'],
    ['Precedence: junk', 'bulk'],
    ['Precedence: list', 'mailing-list'],
    ['X-Autoreply: yes', 'auto-reply'],
    ['X-Autorespond: on holiday', 'auto-reply'],
    ['X-Autoreply-From: sam.lee@example.com', 'auto-reply'],
    ['List-Id: Tenants forum <forum.lists.example.org>', 'mailing-list'],
    ['List-Unsubscribe: <mailto:leave@lists.example.org>', 'bulk'],
    ['Return-Path: <>', 'auto-reply'],
  ])('%s', async (header, category) => {
    const message = await parse(mail({ headers: header }));

    expect(message.automated).toMatchObject({ kind: 'auto-reply', category });
    expect(message.automated?.reason).toContain(header.split(':')[0]);
  });

  it('calls a header-marked reply out-of-office when its words say so', async () => {
    const message = await parse(
      mail({
        headers: 'Auto-Submitted: auto-replied',
        subject: 'Abwesenheitsnotiz: Ihre Anfrage',
        body: 'Ich bin nicht im Büro.',
      }),
    );
    expect(message.automated).toMatchObject({ kind: 'auto-reply', category: 'out-of-office' });
  });

  it.each([
    ['Auto-Submitted: no', mail({ headers: 'Auto-Submitted: no' })],
    ['a Return-Path with an address', mail({ headers: 'Return-Path: <sam.lee@example.com>' })],
    [
      'List-Unsubscribe on a relayed web form whose Reply-To is the resident',
      mail({
        from: 'Hightown website <noreply@forms.example.org>',
        headers: 'Reply-To: Ann Resident <ann@example.net>\nList-Unsubscribe: <mailto:u@forms.example.org>',
      }),
    ],
  ])('is not fooled by %s', async (_label, raw) => {
    expect((await parse(raw)).automated).toBeUndefined();
  });
});

/** Each language's out-of-office subject as Exchange/Outlook or webmail writes it, and a sentence from its body. */
const LANGUAGES: [string, string, string][] = [
  ['English', 'Automatic reply: Your repair request', 'I am out of the office until Monday.'],
  ['English', 'Out of Office: Your repair request', 'I am on annual leave.'],
  ['English', 'Autoreply: Your repair request', 'This is an automatic reply.'],
  ['Welsh', 'Ateb awtomatig: Eich cais atgyweirio', "Rydw i allan o'r swyddfa tan ddydd Llun."],
  ['Welsh', 'Allan o’r swyddfa: Eich cais', 'Rydw i ar wyliau.'],
  ['German', 'Automatische Antwort: Ihre Reparaturanfrage', 'Ich bin bis 11. Januar nicht im Büro.'],
  ['German', 'Abwesenheitsnotiz: Ihre Reparaturanfrage', 'Ich bin im Urlaub.'],
  ['French', 'Réponse automatique : Votre demande', 'Je suis absent du bureau.'],
  ['French', 'Absence du bureau: Votre demande', 'Je suis en congé.'],
  ['Spanish', 'Respuesta automática: Su solicitud', 'Estoy fuera de la oficina.'],
  ['Spanish', 'Fuera de la oficina: Su solicitud', 'Estoy de vacaciones.'],
  ['Dutch', 'Automatisch antwoord: Uw verzoek', 'Ik ben afwezig tot maandag.'],
  ['Dutch', 'Afwezig: Uw verzoek', 'Ik ben met vakantie.'],
  ['Polish', 'Odpowiedź automatyczna: Twoje zgłoszenie', 'Jestem poza biurem.'],
  ['Polish', 'Automatyczna odpowiedź: Twoje zgłoszenie', 'Jestem na urlopie.'],
  ['Italian', 'Risposta automatica: La sua richiesta', 'Sono fuori sede.'],
  ['Italian', 'Fuori sede: La sua richiesta', 'Sono in ferie.'],
  ['Portuguese', 'Resposta automática: O seu pedido', 'Estou fora do escritório.'],
  ['Portuguese', 'Fora do escritório: O seu pedido', 'Estou de férias.'],
];

describe('automatic mail: an out-of-office subject with a second sign', () => {
  it.each(LANGUAGES)('%s "%s", answering our message', async (language, subject) => {
    const message = await parse(mail({ headers: REPLY, subject, body: 'Thanks.' }));

    expect(message.automated).toMatchObject({ kind: 'auto-reply', category: 'out-of-office' });
    expect(message.automated?.reason).toContain(`(${language})`);
    expect(message.automated?.reason).toContain('answers another message');
  });

  it.each(LANGUAGES)('%s "%s", with an out-of-office body and no reply headers', async (language, subject, body) => {
    const message = await parse(mail({ subject, body }));

    expect(message.automated).toMatchObject({ kind: 'auto-reply', category: 'out-of-office' });
    expect(message.automated?.reason).toContain('its text reads as one');
    expect(message.automated?.reason).toContain(`(${language})`);
  });

  it.each(LANGUAGES)('%s "%s" alone, with an ordinary body, is a resident', async (_language, subject) => {
    const message = await parse(mail({ subject, body: 'The boiler has been leaking since Tuesday.' }));
    expect(message.automated).toBeUndefined();
  });

  it('recognises the Exchange shape: subject = phrase + Thread-Topic', async () => {
    const message = await parse(
      mail({
        headers: 'Thread-Topic: Parking permit',
        subject: 'Automatische Antwort: Parking permit',
        body: 'Danke.',
      }),
    );
    expect(message.automated?.reason).toContain('Thread-Topic');
  });

  it('recognises case 14b: a German Exchange out-of-office without Auto-Submitted', async () => {
    const message = await parse(caseFile('14b-german-exchange-oof.eml'));

    expect(message.automated).toMatchObject({ kind: 'auto-reply', category: 'out-of-office' });
    expect(message.automated?.reason).toContain('X-Auto-Response-Suppress: All');
    expect(message.threading.inReplyTo).toEqual([CASE_VALUES.REPLY_MSGID]);
    expect(message.text).toContain('nicht im Büro');
  });

  it.each([
    ['Auto: car park barrier broken', 'The barrier has been stuck open for a week.'],
    ['Out of office hours repair needed - no heating', 'No heating since last night.'],
    ['Automatic reply not received - still waiting', 'I never got an answer from you.'],
    ['Absent neighbour: water coming through my ceiling', 'Flat 3 is away and water is leaking.'],
    ['Re: Out of office', 'Thanks, I will call back on Monday.'],
  ])('keeps a resident whose subject only sounds automatic: "%s"', async (subject, body) => {
    expect((await parse(mail({ subject, body }))).automated).toBeUndefined();
  });

  it('keeps case 14a, the resident whose Exchange later answers for them', async () => {
    expect((await parse(caseFile('14a-resident-email.eml'))).automated).toBeUndefined();
  });
});

describe('automatic mail: help-desk ticket acknowledgements', () => {
  it.each(['1', '2', '3'])('recognises case 04, delivery %s of the ping-pong', async (n) => {
    const message = await parse(caseFile('04-helpdesk-ping-pong.eml', { N: n }));

    expect(message.automated).toMatchObject({ kind: 'auto-reply', category: 'ticket-acknowledgement' });
    expect(message.automated?.reason).toContain(`ticket la-47${n} has been created`);
  });

  it.each([
    [
      'Zendesk',
      '[Request received] Your repair request',
      'Your request (#48213) has been received and is being reviewed by our support staff.',
      'Lettings <support@agency.example.com>',
    ],
    [
      'Freshdesk',
      'Ticket Received - Your repair request',
      'We have received your email. This is an automated acknowledgement.',
      'Lettings <help@agency.example.com>',
    ],
    [
      'ServiceNow',
      'Incident INC0012345 -- your request',
      'Incident INC0012345 has been opened on your behalf. Please do not reply to this email.',
      'Service Desk <it@council.example.gov.uk>',
    ],
  ])('recognises a %s acknowledgement', async (_desk, subject, body, from) => {
    const message = await parse(mail({ subject, body, from }));
    expect(message.automated).toMatchObject({ category: 'ticket-acknowledgement' });
  });

  it.each([
    [
      'a reply quoting our acknowledgement',
      'Re: [HT-2026-000123] Thank you for contacting Hightown',
      'It is still leaking.\n\nOn Mon, 30 Nov 2026 at 09:00, Hightown wrote:\n> We have received your message. Your case HT-2026-000123 has been created.',
    ],
    [
      'a complaint that mentions a case number',
      'Complaint about case #12345',
      'Case 12345 was opened in January and nobody has come.',
    ],
    ['a thank-you from a resident', 'Thank you for contacting me yesterday', 'The plumber came and it is fixed.'],
  ])('keeps %s', async (_label, subject, body) => {
    expect((await parse(mail({ subject, body }))).automated).toBeUndefined();
  });
});
