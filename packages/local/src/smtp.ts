/**
 * The local SMTP server: accepts mail for any recipient and ingests it as the email channel.
 * Mail carrying SES's verdict headers (`X-SES-Spam-Verdict: FAIL`, `Authentication-Results: … dmarc=fail`)
 * is quarantined as the cloud would, so release can be tried locally.
 */
import type { AddressInfo } from 'node:net';
import { mailVerdictHold, parseEmail, verdictsFromHeaders } from '@housing-inbox/channels';
import { acceptDelivery, type Clock, HeldByVerdict, type IngestDeps } from '@housing-inbox/core';
import { SMTPServer } from 'smtp-server';
import type { Logger } from './log.js';

const MAX_EMAIL_BYTES = 25 * 1024 * 1024;

export interface SmtpServer {
  port: number;
  close(): Promise<void>;
}

export async function startSmtpServer(deps: {
  ingest: IngestDeps;
  clock: Clock;
  log: Logger;
  port: number;
}): Promise<SmtpServer> {
  const { ingest, clock, log } = deps;
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: MAX_EMAIL_BYTES,
    banner: 'housing-inbox local SMTP',
    // Loopback only: a reverse DNS lookup would only add a second of delay per connection.
    disableReverseLookup: true,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
          callback(Object.assign(new Error('message too large'), { responseCode: 552 }));
          return;
        }
        const raw = new Uint8Array(Buffer.concat(chunks));
        acceptDelivery(ingest, {
          channel: 'email',
          raw,
          contentType: 'message/rfc822',
          parse: (bytes) => {
            // SES's verdicts as it writes them into stored mail: loopback cannot check a sender itself.
            const hold = mailVerdictHold(verdictsFromHeaders(bytes));
            if (hold) throw new HeldByVerdict(hold.reason, 'email', hold.verdict);
            return parseEmail(bytes, { receivedAt: clock.now().toISOString(), deliveryId: session.id });
          },
        }).then(
          (outcome) =>
            callback(
              null,
              `accepted: ${outcome.outcome}${'caseRef' in outcome && outcome.caseRef ? ` ${outcome.caseRef}` : ''}`,
            ),
          (err) => {
            log.error('email-ingest-failed', { error: (err as Error)?.message });
            callback(Object.assign(new Error('temporary failure, please retry'), { responseCode: 451 }));
          },
        );
      });
    },
  });
  const port = await new Promise<number>((resolvePort, reject) => {
    smtp.once('error', reject);
    smtp.listen(deps.port, '127.0.0.1', () => resolvePort((smtp.server.address() as AddressInfo).port));
  });
  return { port, close: () => new Promise<void>((done) => smtp.close(() => done())) };
}
