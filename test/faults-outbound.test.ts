/**
 * SES and SNS failing while a notice is sent: a failure that clears is retried and the resident
 * gets the notice once; one that does not clear is recorded on the case's timeline with its
 * reason ("notice-failed") and its once-only key is released, so sending it again later (the
 * replay) delivers it exactly once.
 */
import { createNoticeSender, type Notice, type OutboundPorts } from '@housing-inbox/core';
import { describe, expect, it } from 'vitest';
import { ingestBedPerTest } from './support/ingest.js';
import { rawEmail } from './support/mail.js';

/** Outbound ports whose email (SES) and SMS (SNS) sends fail while `failing()` says so. */
function flakyOutbound(failing: (channel: 'email' | 'sms', attempt: number) => boolean) {
  const attempts = { email: 0, sms: 0 };
  const delivered: { channel: string; to: string; purpose: string }[] = [];
  const send = async (channel: 'email' | 'sms', to: string, purpose: string) => {
    attempts[channel]++;
    if (failing(channel, attempts[channel])) {
      throw Object.assign(new Error(channel === 'email' ? 'Maximum sending rate exceeded.' : 'Service unavailable'), {
        name: channel === 'email' ? 'TooManyRequestsException' : 'InternalErrorException',
        $metadata: { httpStatusCode: channel === 'email' ? 429 : 500 },
      });
    }
    delivered.push({ channel, to, purpose });
    return { providerMessageId: `${channel}-${delivered.length}` };
  };
  const ports: OutboundPorts = {
    mailer: { sendEmail: (m) => send('email', m.to, m.purpose) },
    sms: { sendSms: (m) => send('sms', m.to, m.purpose) },
    letters: { queueLetter: async () => ({ providerMessageId: 'letter' }) },
  };
  return { ports, attempts, delivered };
}

describe('notices while SES or SNS fail', () => {
  const bed = ingestBedPerTest();

  const caseFrom = async (from: string) => {
    const outcome = await bed.email(
      rawEmail({ id: `n-${Math.random()}`, subject: 'Damp', body: 'Mould again.', from }),
    );
    return (outcome as { caseRef: string }).caseRef;
  };
  const acknowledgement = (caseRef: string): Notice => ({
    caseRef,
    audience: 'resident',
    purpose: 'acknowledgement',
    subject: 'We have your message',
    body: 'We will answer within 10 working days.',
    key: 'acknowledgement',
    sentBy: 'system',
  });
  const senderWith = (ports: OutboundPorts) =>
    createNoticeSender({
      policy: bed.deps.policy,
      repository: bed.store.repository,
      outbound: ports,
      clock: bed.clock,
      mailDomain: 'inbox.test',
      retryDelayMs: 0, // the backoff between attempts, not waited for in a test
    });

  it('retries an SES failure that clears and sends the acknowledgement once', async () => {
    // Prepare
    const ref = await caseFrom('"Ann" <ann@resident.example>');
    const outbound = flakyOutbound((channel, attempt) => channel === 'email' && attempt < 3);

    // Act
    const result = await senderWith(outbound.ports).send(acknowledgement(ref));

    // Assess
    expect(result).toMatchObject({ status: 'sent', channel: 'email' });
    expect(outbound.attempts.email).toBe(3);
    expect(outbound.delivered).toEqual([{ channel: 'email', to: 'ann@resident.example', purpose: 'acknowledgement' }]);
    const timeline = (await bed.store.repository.getCaseWithHistory(ref))?.timeline.map((t) => t.type);
    expect(timeline).not.toContain('notice-failed');
  });

  it('records a send SNS keeps refusing on the case with its reason, and a later replay sends it once', async () => {
    // Prepare: a resident who texts, so the acknowledgement goes by SMS
    const sms = await bed.sms({
      originationNumber: '+447700900321',
      destinationNumber: '+447700900100',
      messageBody: 'Hi the boiler is broken at 5 Ash Walk',
      inboundMessageId: `fault-${Math.random()}`,
    });
    const ref = (sms as { caseRef: string }).caseRef;
    let down = true;
    const outbound = flakyOutbound((channel) => down && channel === 'sms');

    // Act
    const failed = await senderWith(outbound.ports).send(acknowledgement(ref));
    down = false;
    const replayed = await senderWith(outbound.ports).send(acknowledgement(ref));
    const again = await senderWith(outbound.ports).send(acknowledgement(ref));

    // Assess
    expect(failed).toMatchObject({ status: 'failed' });
    const history = await bed.store.repository.getCaseWithHistory(ref);
    const failure = history?.timeline.find((t) => t.type === 'notice-failed');
    expect(failure?.data).toMatchObject({
      purpose: 'acknowledgement',
      noticeKey: 'acknowledgement',
      reason: 'Service unavailable',
    });
    expect(replayed).toMatchObject({ status: 'sent', channel: 'sms' });
    expect(again).toEqual({ status: 'already-sent' });
    expect(outbound.delivered).toEqual([{ channel: 'sms', to: '+447700900321', purpose: 'acknowledgement' }]);
  });
});
