import { PutObjectCommand } from '@aws-sdk/client-s3';
import { MessageRejected, SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { PublishCommand } from '@aws-sdk/client-sns';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApiHandler } from '../src/http-api.js';
import { cloudOutbound, outboundEnvironmentSchema, senderClients } from '../src/lib/outbound.js';
import { cognitoClaims, type HttpOptions, httpApiEvent, residentForm } from './support/events.js';
import { FROM_ADDRESS, invoke, lambdaContext, startTestbed, type Testbed } from './support/testbed.js';

const manager = cognitoClaims({
  sub: '0b1e4a52-7c4f-4a41-9a7e-3f1d2a9c8e10',
  email: 'grace.patel@hightown.example',
  'cognito:groups': '[manager]',
});

const resident = residentForm;

describe('sending the collated reply from the HTTP API function', () => {
  let bed: Testbed;
  let handler: ReturnType<typeof createHttpApiHandler>;

  beforeAll(async () => {
    bed = await startTestbed();
    handler = createHttpApiHandler({ runtime: () => bed.runtime, logger: bed.logger });
  });
  afterEach(() => {
    bed.ses.resetHistory();
    bed.sns.resetHistory();
    bed.s3.resetHistory();
  });
  afterAll(async () => {
    await bed.stop();
  });

  const call = async (options: HttpOptions) => {
    const result = (await invoke(
      handler,
      httpApiEvent(options),
      lambdaContext('http-api'),
    )) as APIGatewayProxyStructuredResultV2;
    const text = result.isBase64Encoded ? Buffer.from(result.body ?? '', 'base64').toString('utf8') : result.body;
    return { ...result, text: text ?? '', body: result.body, json: () => JSON.parse(text ?? 'null') };
  };

  /** A resident's web form, then the manager takes the case: the reply is the manager's to send. */
  const caseFor = async (fields: Record<string, string>): Promise<string> => {
    const contact = await call({
      method: 'POST',
      path: '/contact',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...resident, ...fields }),
    });
    expect(contact.statusCode).toBe(201);
    const { ref } = contact.json() as { ref: string };
    const take = await call({ method: 'POST', path: `/api/cases/${ref}/take`, body: '{}', claims: manager });
    expect(take.statusCode).toBe(200);
    return ref;
  };

  const reply = (ref: string, body = 'Thank you for writing. Your partner can be added: the form is enclosed.') =>
    call({ method: 'POST', path: `/api/cases/${ref}/reply`, body: JSON.stringify({ body }), claims: manager });

  it('emails the reply through SES once, from the landlord’s address, with the case reference in the subject', async () => {
    // Prepare
    const ref = await caseFor({ preferredChannel: 'email' });
    bed.ses.resetHistory();

    // Act
    const res = await reply(ref);

    // Assess
    expect(res.statusCode).toBe(200);
    expect(bed.ses).toHaveReceivedCommandTimes(SendEmailCommand, 1);
    expect(bed.ses).toHaveReceivedCommandWith(SendEmailCommand, {
      FromEmailAddress: `"Hightown" <${FROM_ADDRESS}>`,
      Destination: { ToAddresses: [resident.email] },
      ConfigurationSetName: 'housing-inbox-outbound',
      Content: {
        Simple: expect.objectContaining({
          Subject: { Data: expect.stringContaining(ref), Charset: 'UTF-8' },
          Body: expect.objectContaining({
            Text: { Data: expect.stringContaining('form is enclosed'), Charset: 'UTF-8' },
          }),
        }),
      },
    });
    expect(bed.sns).not.toHaveReceivedAnyCommand();
    // On the case: the message as sent, with SES's id.
    const kase = (await call({ path: `/api/cases/${ref}`, claims: manager })).json();
    expect(kase.timeline).toContainEqual(
      expect.objectContaining({
        type: 'notice-sent',
        data: expect.objectContaining({ channel: 'email', providerMessageId: '0102019a-ses-test-message' }),
      }),
    );
  });

  it('texts the reply through SNS to the resident’s mobile, as the landlord’s sender ID', async () => {
    // A resident of their own: a form naming someone's known email or number only proposes a
    // preference, for an officer to confirm.
    const ref = await caseFor({
      email: 'tomasz.sms@example.net',
      phone: '07700 900433',
      preferredChannel: 'sms',
      message: 'Can you text me when the repair is booked?',
    });
    // The officer routing chose was emailed that the case is theirs: the reply is what is checked.
    bed.ses.resetHistory();

    const res = await reply(ref, 'Your repair is booked for Tuesday morning.');

    expect(res.statusCode).toBe(200);
    expect(bed.sns).toHaveReceivedCommandExactlyOnceWith(PublishCommand, {
      PhoneNumber: '+447700900433',
      Message: expect.stringContaining('Your repair is booked'),
      MessageAttributes: expect.objectContaining({
        'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: 'Hightown' },
        'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
      }),
    });
    expect(bed.ses).not.toHaveReceivedAnyCommand();
  });

  it('puts a letter in letters/outgoing/ that the officer opens from the case', async () => {
    const ref = await caseFor({
      email: 'tomasz.letter@example.net',
      phone: '07700 900434',
      preferredChannel: 'letter',
      message: 'Please write to me about my rent account.',
    });

    const res = await reply(ref, 'Your rent account is up to date.');

    expect(res.statusCode).toBe(200);
    expect(bed.s3).toHaveReceivedCommandWith(PutObjectCommand, {
      Key: expect.stringMatching(/^letters\/outgoing\/\d{4}-\d{2}-\d{2}\/[\w-]+\.pdf$/),
      ContentType: 'application/pdf',
      Metadata: expect.objectContaining({ 'case-ref': ref }),
    });
    // The letter is the reply's attachment: the console opens it through the attachment route.
    const kase = (await call({ path: `/api/cases/${ref}`, claims: manager })).json();
    const sent = kase.messages.find((m: { direction: string }) => m.direction === 'outbound');
    expect(sent.attachments[0].blobKey).toMatch(/^letters\/outgoing\//);
    const pdf = await call({ path: `/api/cases/${ref}/attachments/${sent.id}/0`, claims: manager });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers?.['content-type']).toBe('application/pdf');
    expect(
      Buffer.from(pdf.body ?? '', 'base64')
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');
  });

  it('records a send SES refuses on the case as failed, after core’s own retries, and tells the officer', async () => {
    const ref = await caseFor({ preferredChannel: 'email', message: 'When is my gas safety check?' });
    bed.ses.resetHistory();
    bed.ses
      .on(SendEmailCommand)
      .rejects(new MessageRejected({ message: 'Email address is not verified.', $metadata: {} }));

    try {
      const res = await reply(ref, 'Your gas safety check is due in March.');

      expect(res.statusCode).toBe(409);
      expect(res.json().error.message).toMatch(/could not be sent.*Email address is not verified/);
      // Three attempts, all core's: the SES client itself does not retry (maxAttempts 1).
      expect(bed.ses).toHaveReceivedCommandTimes(SendEmailCommand, 3);
      const kase = (await call({ path: `/api/cases/${ref}`, claims: manager })).json();
      expect(kase.timeline).toContainEqual(
        expect.objectContaining({
          type: 'notice-failed',
          data: expect.objectContaining({ reason: expect.stringContaining('MessageRejected') }),
        }),
      );
    } finally {
      bed.ses.on(SendEmailCommand).resolves({ MessageId: '0102019a-ses-test-message' });
    }
  });

  it('keeps the resident’s details and the reply out of the logs', () => {
    const logs = bed.logs();
    for (const personal of ['Nowak', resident.email, '900432', '900433', 'Rowan Court', 'rent account', 'gas safety']) {
      expect(logs).not.toContain(personal);
    }
  });
});

describe('cloud senders from the environment', () => {
  const policy = { name: 'Hightown' } as never;
  const clock = { now: () => new Date('2026-12-01T10:00:00Z') };

  it('build SES, SNS and S3 clients that make one attempt, so core’s notice retries are the only ones', async () => {
    const clients = senderClients();

    for (const client of Object.values(clients)) expect(await client.config.maxAttempts()).toBe(1);
    // A client handed in (tests) is used as it is.
    const given = new SESv2Client({ region: 'eu-west-2' });
    expect(senderClients({ sesv2: given }).sesv2).toBe(given);
  });

  it('refuse to send from a function with no FROM_ADDRESS (the ingest functions), with the reason', async () => {
    const ports = cloudOutbound({ env: outboundEnvironmentSchema.parse({}), policy, bucketName: 'b', clock });

    await expect(ports.mailer.sendEmail({} as never)).rejects.toThrow(/does not send email: FROM_ADDRESS is not set/);
    await expect(ports.sms.sendSms({} as never)).rejects.toThrow(/FROM_ADDRESS/);
    await expect(ports.letters.queueLetter({} as never)).rejects.toThrow(/FROM_ADDRESS/);
  });

  it('refuses an environment whose FROM_ADDRESS is not an address', () => {
    expect(() => outboundEnvironmentSchema.parse({ FROM_ADDRESS: 'housing' })).toThrow(/not an email address/);
  });
});
