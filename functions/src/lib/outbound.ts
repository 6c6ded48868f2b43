/**
 * Sending to residents and staff from the cloud: email through SES v2, text
 * messages through SNS, letters as PDFs put under `letters/outgoing/` in the
 * payload bucket (the print-and-post supplier collects them there, and the
 * officer console opens them from the case by the same key). The adapters are
 * @housing-inbox/outbound's; this file only reads their settings from the
 * environment CDK gives the functions that send (`ResidentSending` in infra).
 *
 * Every client makes one attempt. Core's notice sender retries a failed send
 * itself and records the failure on the case when it gives up; SDK retries
 * underneath would multiply the attempts, and a retried SendEmail whose first
 * answer was lost would email the resident twice.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SNSClient } from '@aws-sdk/client-sns';
import type { Clock, LandlordPolicy, Mailer, OutboundPorts, SendReceipt } from '@housing-inbox/core';
import {
  type PutLetterObject,
  S3LetterPrinter,
  SesMailer,
  SnsSmsSender,
  s3PutObject,
} from '@housing-inbox/outbound/senders';
import * as z from 'zod';

/** One attempt per send: the notice sender's retries are the only ones. */
export const ONE_ATTEMPT = { maxAttempts: 1 } as const;

const optionalText = z.string().min(1).optional();

export const outboundEnvironmentSchema = z.object({
  /** The landlord's address on SES (a verified identity); unset on functions that do not send. */
  FROM_ADDRESS: z.email('FROM_ADDRESS is not an email address').optional(),
  /** Shown as the sender; the policy's landlord name when unset. */
  FROM_NAME: optionalText,
  SES_CONFIGURATION_SET: optionalText,
  SMS_SENDER_ID: optionalText,
  SMS_ORIGINATION_NUMBER: optionalText,
  /** Folder of the payload bucket letters are put in. */
  LETTERS_PREFIX: z.string().min(1).default('letters/outgoing'),
  /** The landlord's postal address for the letterhead, lines separated by commas. */
  LETTER_ADDRESS: optionalText,
  LETTER_PHONE: optionalText,
});

export type OutboundEnvironment = z.output<typeof outboundEnvironmentSchema>;

/** Clients a caller may hand in (tests: mocked ones); otherwise each is built with one attempt. */
export interface OutboundClients {
  sesv2?: SESv2Client;
  sns?: SNSClient;
  s3?: S3Client;
}

/** The clients the senders use: those given, and one-attempt clients for the rest. */
export function senderClients(given: OutboundClients = {}): Required<OutboundClients> {
  return { ...messagingClients(given), s3: given.s3 ?? new S3Client(ONE_ATTEMPT) };
}

/** SES's and SNS's: those given, and one-attempt clients for the rest (no S3: `cloudSenders`). */
function messagingClients(given: OutboundClients = {}): Required<Omit<OutboundClients, 's3'>> {
  return { sesv2: given.sesv2 ?? new SESv2Client(ONE_ATTEMPT), sns: given.sns ?? new SNSClient(ONE_ATTEMPT) };
}

export class NotASender extends Error {
  override name = 'NotASender';
}

const refuse = (channel: string) => async (): Promise<SendReceipt> => {
  throw new NotASender(`this function does not send ${channel}: FROM_ADDRESS is not set in its environment`);
};

/**
 * What a function CDK did not make a sender gets (the ingest functions): a
 * send fails with a plain reason and is recorded on the case as failed,
 * rather than reaching SES without the settings or permissions to succeed.
 */
export const notASender: OutboundPorts = {
  mailer: { sendEmail: refuse('email') },
  sms: { sendSms: refuse('text messages') },
  letters: { queueLetter: refuse('letters') },
};

export interface CloudOutboundOptions {
  env: OutboundEnvironment;
  policy: LandlordPolicy;
  bucketName: string;
  clock: Clock;
  clients?: OutboundClients;
}

/**
 * Email alone (SES), for a function that sends nothing else (ingest tells
 * officers by email); `notASender`'s mailer when this function has no FROM_ADDRESS.
 */
export function cloudMailer({
  env,
  policy,
  sesv2,
}: {
  env: OutboundEnvironment;
  policy: LandlordPolicy;
  sesv2?: SESv2Client;
}): Mailer {
  if (!env.FROM_ADDRESS) return notASender.mailer;
  return new SesMailer({
    fromAddress: env.FROM_ADDRESS,
    fromName: env.FROM_NAME ?? policy.name,
    configurationSetName: env.SES_CONFIGURATION_SET,
    awsSdkV3Client: sesv2 ?? new SESv2Client(ONE_ATTEMPT),
  });
}

/** SES, SNS and S3 senders from the environment, or `notASender` when this function has no FROM_ADDRESS. */
export function cloudOutbound(options: CloudOutboundOptions): OutboundPorts {
  if (!options.env.FROM_ADDRESS) return notASender;
  return cloudSenders({ ...options, putLetter: s3PutObject(senderClients(options.clients).s3) });
}

/**
 * The same senders with letters put through `putLetter` instead of an S3
 * client built here, so a function that posts letters rarely need not carry
 * S3 (timer-act.ts: the client is loaded with the first letter, letter-put.ts).
 */
export function cloudSenders({
  env,
  policy,
  bucketName,
  clock,
  clients,
  putLetter,
}: CloudOutboundOptions & { putLetter: PutLetterObject }): OutboundPorts {
  if (!env.FROM_ADDRESS) return notASender;
  const { sesv2, sns } = messagingClients(clients);
  return {
    mailer: cloudMailer({ env, policy, sesv2 }),
    sms: new SnsSmsSender({
      senderId: env.SMS_SENDER_ID,
      originationNumber: env.SMS_ORIGINATION_NUMBER,
      awsSdkV3Client: sns,
    }),
    letters: new S3LetterPrinter({
      bucketName,
      prefix: env.LETTERS_PREFIX,
      clock,
      landlord: {
        name: policy.name,
        addressLines: (env.LETTER_ADDRESS ?? '')
          .split(',')
          .map((line) => line.trim())
          .filter(Boolean),
        phone: env.LETTER_PHONE,
        email: env.FROM_ADDRESS,
      },
      putObject: putLetter,
    }),
  };
}
