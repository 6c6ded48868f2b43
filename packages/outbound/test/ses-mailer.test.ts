import 'aws-sdk-client-mock-vitest/extend';
import { MessageRejected, SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { OutboundEmail } from '@housing-inbox/core';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { OutboundSendError, renderEmailHtml, SesMailer, sesMessageIdDomains } from '../src/index.js';

const reply: OutboundEmail = {
  id: 'b7f0c2d4-reply',
  caseRef: 'HT-2026-00042',
  purpose: 'reply',
  subject: 'Your repair request [HT-2026-00042]',
  body: 'Dear Ms Resident,\n\nOur surveyor will visit on 4 December.\n\nYours sincerely,\nHightown Housing',
  to: 'rosa.resident@resident.example',
  messageId: '<b7f0c2d4-reply@inbox.hightown.example>',
  inReplyTo: '<CAF=abc123@mail.resident.example>',
  references: ['<CAF=abc123@mail.resident.example>'],
};

describe('SesMailer', () => {
  const ses = mockClient(SESv2Client);
  afterEach(() => ses.reset());

  const mailer = (region = 'eu-west-2', extra: Partial<ConstructorParameters<typeof SesMailer>[0]> = {}) =>
    new SesMailer({
      fromAddress: 'housing@hightown.example',
      fromName: 'Hightown Housing',
      configurationSetName: 'housing-inbox',
      awsSdkV3Client: new SESv2Client({ region }),
      ...extra,
    });

  it('sends one Simple email: case in the subject and a header, thread headers, text and escaped HTML', async () => {
    // Prepare
    ses.on(SendEmailCommand).resolves({ MessageId: '0100019abc-1234-000000' });

    // Act
    const receipt = await mailer().sendEmail(reply);

    // Assess
    const expected = {
      FromEmailAddress: '"Hightown Housing" <housing@hightown.example>',
      Destination: { ToAddresses: ['rosa.resident@resident.example'] },
      Content: {
        Simple: {
          Subject: { Data: 'Your repair request [HT-2026-00042]', Charset: 'UTF-8' },
          Body: {
            Text: { Data: reply.body, Charset: 'UTF-8' },
            Html: { Data: renderEmailHtml(reply.body), Charset: 'UTF-8' },
          },
          Headers: [
            { Name: 'X-Housing-Inbox-Case', Value: 'HT-2026-00042' },
            { Name: 'In-Reply-To', Value: '<CAF=abc123@mail.resident.example>' },
            {
              Name: 'References',
              Value: '<CAF=abc123@mail.resident.example> <b7f0c2d4-reply@inbox.hightown.example>',
            },
          ],
        },
      },
      EmailTags: [
        { Name: 'case', Value: 'HT-2026-00042' },
        { Name: 'purpose', Value: 'reply' },
      ],
      ConfigurationSetName: 'housing-inbox',
    };
    expect(ses).toHaveReceivedCommandExactlyOnceWith(SendEmailCommand, expected);
    expect(ses.commandCalls(SendEmailCommand)[0]?.args[0].input).toStrictEqual(expected);
    expect(receipt).toEqual({
      providerMessageId: '0100019abc-1234-000000',
      threadIds: ['<b7f0c2d4-reply@inbox.hightown.example>', '<0100019abc-1234-000000@eu-west-2.amazonses.com>'],
    });
  });

  it.each([
    { region: 'eu-west-2', domains: ['eu-west-2.amazonses.com'] },
    { region: 'eu-west-1', domains: ['eu-west-1.amazonses.com'] },
    { region: 'us-east-1', domains: ['email.amazonses.com', 'us-east-1.amazonses.com'] },
  ])('threads replies by the Message-ID SES writes in $region', async ({ region, domains }) => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-id-1' });
    const receipt = await mailer(region).sendEmail(reply);
    expect(sesMessageIdDomains(region)).toEqual(domains);
    expect(receipt.threadIds).toEqual([reply.messageId, ...domains.map((d) => `<ses-id-1@${d}>`)]);
  });

  it('uses the Message-ID domains it is given instead of guessing from the region', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-id-2' });
    const receipt = await mailer('eu-west-2', { messageIdDomains: ['mail.example'] }).sendEmail(reply);
    expect(receipt.threadIds).toEqual([reply.messageId, '<ses-id-2@mail.example>']);
  });

  it('starts a thread with only our Message-ID in References, and marks timer notices as automatic', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-id-3' });
    const acknowledgement: OutboundEmail = {
      ...reply,
      purpose: 'acknowledgement',
      subject: 'We have your message',
      inReplyTo: undefined,
      references: undefined,
    };
    await mailer().sendEmail(acknowledgement);
    const input = ses.commandCalls(SendEmailCommand)[0]?.args[0].input;
    // The subject gains the case reference when the caller's lacks it.
    expect(input?.Content?.Simple?.Subject?.Data).toBe('We have your message [HT-2026-00042]');
    expect(input?.Content?.Simple?.Headers).toEqual([
      { Name: 'X-Housing-Inbox-Case', Value: 'HT-2026-00042' },
      { Name: 'References', Value: '<b7f0c2d4-reply@inbox.hightown.example>' },
      { Name: 'Auto-Submitted', Value: 'auto-generated' },
    ]);
  });

  it('keeps a long References header under the SES limit, keeping the first and latest ids', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-id-4' });
    const references = Array.from({ length: 40 }, (_, i) => `<message-${i}-${'x'.repeat(20)}@mail.resident.example>`);
    await mailer().sendEmail({ ...reply, references, inReplyTo: references.at(-1) });
    const headers = ses.commandCalls(SendEmailCommand)[0]?.args[0].input.Content?.Simple?.Headers ?? [];
    const value = headers.find((h) => h.Name === 'References')?.Value ?? '';
    expect(value.length).toBeLessThanOrEqual(900);
    expect(value.startsWith(references[0] as string)).toBe(true);
    expect(value.endsWith(`${references.at(-1)} ${reply.messageId}`)).toBe(true);
  });

  it('escapes the HTML alternative and keeps paragraphs and line breaks', () => {
    expect(renderEmailHtml('Rent <£100> & "fees"\nsecond line\n\nNew paragraph')).toContain(
      '<p>Rent &lt;£100&gt; &amp; &quot;fees&quot;<br>\nsecond line</p>\n<p>New paragraph</p>',
    );
  });

  it('encodes a sender name that is not plain ASCII', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-id-5' });
    await mailer('eu-west-2', { fromName: 'Tai Cymru – Housing' }).sendEmail(reply);
    const from = ses.commandCalls(SendEmailCommand)[0]?.args[0].input.FromEmailAddress;
    expect(from).toBe(
      `=?UTF-8?B?${Buffer.from('Tai Cymru – Housing').toString('base64')}?= <housing@hightown.example>`,
    );
  });

  it('throws a clear error when SES refuses, naming the case and the reason', async () => {
    ses.on(SendEmailCommand).rejects(new MessageRejected({ message: 'Email address is not verified.', $metadata: {} }));
    const sending = mailer().sendEmail(reply);
    await expect(sending).rejects.toThrow(OutboundSendError);
    await expect(sending).rejects.toThrow(
      'SES did not send email b7f0c2d4-reply for case HT-2026-00042: MessageRejected: Email address is not verified.',
    );
  });

  it('refuses, without calling SES, a message that could not thread or be delivered', async () => {
    await expect(mailer().sendEmail({ ...reply, messageId: 'no-angle-brackets' })).rejects.toThrow(
      'is not of the form <id@domain>',
    );
    await expect(mailer().sendEmail({ ...reply, to: 'not an address' })).rejects.toThrow('is not an email address');
    await expect(mailer().sendEmail({ ...reply, caseRef: 'HT–2026', subject: 'x HT–2026' })).rejects.toThrow(
      'printable ASCII',
    );
    expect(ses).not.toHaveReceivedCommand(SendEmailCommand);
  });

  it.each([
    ['two @ signs', '<a@b@c.example>', true],
    ['no @ at all', '<20261201.abc.resident-pc>', true],
    ['non-ASCII', '<ŵyr@post.cymru>', false],
    ['a space', '<a b@c.example>', false],
    ['no angle brackets', 'abc@c.example', false],
  ])(
    'still answers a resident whose Message-ID has %s, threading by it only when a header can carry it',
    async (_label, odd, kept) => {
      ses.on(SendEmailCommand).resolves({ MessageId: '0100019abc-1234-000000' });

      await mailer().sendEmail({ ...reply, inReplyTo: odd, references: [odd] });

      const headers = ses.commandCalls(SendEmailCommand)[0]?.args[0].input.Content?.Simple?.Headers ?? [];
      expect(headers.find((h) => h.Name === 'In-Reply-To')?.Value).toBe(kept ? odd : undefined);
      expect(headers.find((h) => h.Name === 'References')?.Value).toBe(
        kept ? `${odd} ${reply.messageId}` : reply.messageId,
      );
    },
  );
});
