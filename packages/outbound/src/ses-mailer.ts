/**
 * Email through Amazon SES v2 (SendEmail, Simple content). SES writes its own
 * Message-ID over ours, so a resident's reply may quote either: the receipt's
 * threadIds carry both, and References carries ours forward (email-format.ts).
 */
import {
  SESv2Client,
  type SESv2ClientConfig,
  SendEmailCommand,
  type SendEmailCommandInput,
} from '@aws-sdk/client-sesv2';
import type { Mailer, OutboundEmail, SendReceipt } from '@housing-inbox/core';
import { checkEmail, describeError, OutboundSendError } from './checks.js';
import { emailHeaders, emailSubject, formatFromAddress, renderEmailHtml } from './email-format.js';

export interface SesMailerOptions {
  /** A verified SES identity of the landlord, e.g. housing@hightown.example. */
  fromAddress: string;
  /** Shown as the sender, e.g. "Hightown Housing". */
  fromName?: string;
  /** Where residents' replies go, when not to fromAddress (e.g. the SES receiving address). */
  replyToAddresses?: string[];
  /** For SES event publishing (bounces, complaints, deliveries). */
  configurationSetName?: string;
  awsSdkV3Client?: SESv2Client;
  clientConfig?: SESv2ClientConfig;
  /**
   * Domains SES writes its Message-IDs with, when the default guess from the
   * client's region (`<region>.amazonses.com`, plus `email.amazonses.com` in
   * us-east-1) is not right for the account.
   */
  messageIdDomains?: string[];
}

/** SES's own Message-ID domains for a region. AWS does not document the form; these are what it stamps today. */
export function sesMessageIdDomains(region: string): string[] {
  return region === 'us-east-1' ? ['email.amazonses.com', 'us-east-1.amazonses.com'] : [`${region}.amazonses.com`];
}

export class SesMailer implements Mailer {
  readonly #ses: SESv2Client;
  readonly #options: SesMailerOptions;
  #domains?: Promise<string[]>;

  constructor(options: SesMailerOptions) {
    this.#options = options;
    this.#ses = options.awsSdkV3Client ?? new SESv2Client(options.clientConfig ?? {});
  }

  /** The command sent for a message (exported for tests and for operators checking what goes out). */
  commandInput(message: OutboundEmail): SendEmailCommandInput {
    const { fromAddress, fromName, replyToAddresses, configurationSetName } = this.#options;
    return {
      FromEmailAddress: formatFromAddress(fromAddress, fromName),
      Destination: { ToAddresses: [message.to] },
      ...(replyToAddresses?.length ? { ReplyToAddresses: replyToAddresses } : {}),
      Content: {
        Simple: {
          Subject: { Data: emailSubject(message), Charset: 'UTF-8' },
          Body: {
            Text: { Data: message.body, Charset: 'UTF-8' },
            Html: { Data: renderEmailHtml(message.body), Charset: 'UTF-8' },
          },
          Headers: emailHeaders(message),
        },
      },
      EmailTags: [
        { Name: 'case', Value: tagValue(message.caseRef) },
        { Name: 'purpose', Value: tagValue(message.purpose) },
      ],
      ...(configurationSetName ? { ConfigurationSetName: configurationSetName } : {}),
    };
  }

  async sendEmail(message: OutboundEmail): Promise<SendReceipt> {
    checkEmail(message);
    let input: SendEmailCommandInput;
    let domains: string[];
    try {
      input = this.commandInput(message);
      // Before sending: a failure after SES has accepted the email would make the caller send it again.
      domains = await this.#messageIdDomains();
    } catch (err) {
      throw new OutboundSendError(
        'email',
        `email ${message.id} for case ${message.caseRef} not sent: ${describeError(err)}`,
        { cause: err },
      );
    }
    let messageId: string | undefined;
    try {
      ({ MessageId: messageId } = await this.#ses.send(new SendEmailCommand(input)));
    } catch (err) {
      throw new OutboundSendError(
        'email',
        `SES did not send email ${message.id} for case ${message.caseRef}: ${describeError(err)}`,
        { cause: err },
      );
    }
    if (!messageId) {
      throw new OutboundSendError('email', `SES gave no message id for email ${message.id} (case ${message.caseRef})`);
    }
    return {
      providerMessageId: messageId,
      threadIds: [message.messageId, ...domains.map((d) => `<${messageId}@${d}>`)],
    };
  }

  #messageIdDomains(): Promise<string[]> {
    if (this.#options.messageIdDomains?.length) return Promise.resolve(this.#options.messageIdDomains);
    this.#domains ??= (async () => {
      const region = this.#ses.config.region as string | (() => Promise<string>) | undefined;
      const resolved = typeof region === 'function' ? await region() : region;
      if (!resolved) throw new Error('the SES client has no region, so replies cannot be threaded by SES Message-ID');
      return sesMessageIdDomains(resolved);
    })();
    return this.#domains;
  }
}

/** SES tag values: letters, digits, "_" and "-" only. */
function tagValue(value: string): string {
  return value.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 256) || '_';
}
