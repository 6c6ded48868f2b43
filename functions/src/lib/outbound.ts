/**
 * Outbound in the cloud, until the SES v2 / SNS / letter-queue adapters are
 * wired in: every send fails with a plain reason. The notice sender records a
 * failed send on the case (visible to the officer, retried by the next timer
 * run) instead of pretending a resident was told something.
 */
import type { OutboundPorts, SendReceipt } from '@housing-inbox/core';

export class OutboundNotConfigured extends Error {
  override name = 'OutboundNotConfigured';
}

const refuse = (channel: string) => async (): Promise<SendReceipt> => {
  throw new OutboundNotConfigured(`outbound ${channel} is not configured in this deployment yet`);
};

export const outboundNotConfigured: OutboundPorts = {
  mailer: { sendEmail: refuse('email') },
  sms: { sendSms: refuse('SMS') },
  letters: { queueLetter: refuse('letters') },
};
