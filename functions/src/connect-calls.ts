/**
 * Calls to the switchboard from Amazon Connect: an EventBridge rule sends each
 * "Amazon Connect Contact Event" of an inbound voice call's end (DISCONNECTED)
 * here; the call becomes one call record (offered, answered or abandoned, the
 * wait) for the monthly report. Keyed by the contact id, so a redelivered event
 * writes the same record again. No caller number is kept.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { type CallRecord, normalisedCall } from '@housing-inbox/core';
import middy from '@middy/core';
import * as z from 'zod';
import { eventBridgeSchema, parsed } from './lib/events.js';
import { createLogger } from './lib/logging.js';
import { createRecordsRuntime, once, type RecordsRuntime } from './lib/store-runtime.js';

const instant = z.string().min(1);

/** The parts of a Connect contact event a call record needs (Amazon Connect Administrator Guide, "Contact events"). */
export const ConnectContactDetail = z.object({
  contactId: z.string().min(1),
  channel: z.string(),
  eventType: z.string(),
  initiationMethod: z.string().optional(),
  initiationTimestamp: instant.optional(),
  disconnectTimestamp: instant.optional(),
  queueInfo: z.object({ queueArn: z.string().optional(), enqueueTimestamp: instant.optional() }).nullish(),
  agentInfo: z.object({ connectedToAgentTimestamp: instant.optional() }).nullish(),
});

export const ConnectContactEvent = eventBridgeSchema(ConnectContactDetail);

/**
 * The call record of an inbound voice call that ended, or null for anything
 * else (a chat, an outbound call, an event before the end). The wait counts
 * from when the call was queued for an answer, else from when it came in.
 */
export function callFromContactEvent(detail: z.infer<typeof ConnectContactDetail>): CallRecord | null {
  if (detail.channel !== 'VOICE' || detail.eventType !== 'DISCONNECTED') return null;
  if (detail.initiationMethod && detail.initiationMethod !== 'INBOUND') return null;
  const offeredAt = detail.queueInfo?.enqueueTimestamp ?? detail.initiationTimestamp;
  if (!offeredAt) return null;
  const answeredAt = detail.agentInfo?.connectedToAgentTimestamp;
  const queue = detail.queueInfo?.queueArn?.split('/').at(-1);
  return normalisedCall({
    callId: detail.contactId,
    offeredAt,
    ...(answeredAt ? { answeredAt } : {}),
    ...(detail.disconnectTimestamp ? { endedAt: detail.disconnectTimestamp } : {}),
    ...(queue ? { queue } : {}),
    outcome: answeredAt ? 'answered' : 'abandoned',
  });
}

export interface HandlerOptions {
  runtime?: () => Pick<RecordsRuntime, 'repository'>;
  logger?: Logger;
}

export function createConnectCallsHandler({
  logger = createLogger(),
  runtime = once(() => createRecordsRuntime(process.env)),
}: HandlerOptions = {}) {
  return middy<z.output<typeof ConnectContactEvent>>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(parsed(ConnectContactEvent))
    .handler(async (event): Promise<void> => {
      const call = callFromContactEvent(event.detail);
      if (!call) {
        logger.debug('not the end of an inbound voice call', { eventType: event.detail.eventType });
        return;
      }
      await runtime().repository.putCalls([call]);
      logger.info('call recorded', { outcome: call.outcome, answered: Boolean(call.answeredAt) });
    });
}

export const handler = createConnectCallsHandler();
