/**
 * Logging without personal data. Functions log ids, channels and outcomes only:
 * never names, addresses, email addresses, phone numbers or message text. The
 * case reference becomes the correlation id as soon as it is known.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import type { IngestDeps, IngestOutcome } from '@housing-inbox/core';

export function createLogger(): Logger {
  return new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'housing-inbox' });
}

/** Fields that may reach a log line; anything else the domain reports is dropped. */
const SAFE_FIELDS = new Set([
  'caseRef',
  'channel',
  'kind',
  'via',
  'outcome',
  'quarantineId',
  'messageId',
  'sesMessageId',
  'snsMessageId',
  'objectKey',
  'status',
  'route',
]);

export function safeFields(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([k, v]) => SAFE_FIELDS.has(k) && v !== undefined));
}

/** The ingest use case's `log` port, onto Powertools. */
export function ingestLog(logger: Logger): NonNullable<IngestDeps['log']> {
  return (event, fields) => {
    const safe = safeFields(fields);
    if (typeof safe.caseRef === 'string') logger.setCorrelationId(safe.caseRef);
    logger.info(event, safe);
  };
}

/** One line per delivery saying what became of it; the quarantine reason stays in the store, not the log. */
export function logOutcome(logger: Logger, outcome: IngestOutcome, fields: Record<string, unknown> = {}): void {
  const caseRef = 'caseRef' in outcome ? outcome.caseRef : undefined;
  if (caseRef) logger.setCorrelationId(caseRef);
  const quarantineId = outcome.outcome === 'quarantined' ? outcome.quarantineId : undefined;
  const line = safeFields({ ...fields, outcome: outcome.outcome, caseRef, quarantineId });
  if (outcome.outcome === 'quarantined') logger.warn('delivery-quarantined', line);
  else logger.info('delivery-accepted', line);
}
