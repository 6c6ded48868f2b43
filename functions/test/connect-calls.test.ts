import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnectCallsHandler } from '../src/connect-calls.js';
import { invoke, lambdaContext, startTestbed, type Testbed } from './support/testbed.js';

/** An "Amazon Connect Contact Event" as EventBridge delivers it (the parts a call record reads). */
function contactEvent(detail: Record<string, unknown>) {
  return {
    version: '0',
    id: 'b7f1c3a4-5d6e-4f70-8a9b-0c1d2e3f4a5b',
    'detail-type': 'Amazon Connect Contact Event',
    source: 'aws.connect',
    account: '111122223333',
    time: '2026-12-01T09:03:00Z',
    region: 'eu-west-2',
    resources: ['arn:aws:connect:eu-west-2:111122223333:instance/abc'],
    detail: {
      contactId: 'contact-1',
      channel: 'VOICE',
      eventType: 'DISCONNECTED',
      initiationMethod: 'INBOUND',
      initiationTimestamp: '2026-12-01T09:00:00.000Z',
      disconnectTimestamp: '2026-12-01T09:03:00.000Z',
      queueInfo: {
        queueArn: 'arn:aws:connect:eu-west-2:111122223333:instance/abc/queue/switchboard',
        enqueueTimestamp: '2026-12-01T09:00:05.000Z',
      },
      agentInfo: { connectedToAgentTimestamp: '2026-12-01T09:00:17.000Z' },
      ...detail,
    },
  };
}

describe('Amazon Connect contact events → call records', () => {
  let bed: Testbed;
  let handler: ReturnType<typeof createConnectCallsHandler>;

  beforeAll(async () => {
    bed = await startTestbed();
    handler = createConnectCallsHandler({ runtime: () => bed.runtime, logger: bed.logger });
  });
  afterAll(async () => {
    await bed.stop();
  });

  it('records an answered and an abandoned call once each, whatever EventBridge redelivers', async () => {
    await invoke(handler, contactEvent({}), lambdaContext());
    await invoke(handler, contactEvent({}), lambdaContext());
    await invoke(handler, contactEvent({ contactId: 'contact-2', agentInfo: null }), lambdaContext());
    // Not the end of an inbound voice call: nothing recorded.
    await invoke(handler, contactEvent({ contactId: 'contact-3', eventType: 'QUEUED' }), lambdaContext());
    await invoke(handler, contactEvent({ contactId: 'contact-4', channel: 'CHAT' }), lambdaContext());

    const { calls } = await bed.runtime.repository.listMonth('2026-12');
    expect(calls.sort((a, b) => a.callId.localeCompare(b.callId))).toEqual([
      {
        callId: 'contact-1',
        offeredAt: '2026-12-01T09:00:05.000Z',
        answeredAt: '2026-12-01T09:00:17.000Z',
        endedAt: '2026-12-01T09:03:00.000Z',
        queue: 'switchboard',
        outcome: 'answered',
      },
      {
        callId: 'contact-2',
        offeredAt: '2026-12-01T09:00:05.000Z',
        endedAt: '2026-12-01T09:03:00.000Z',
        queue: 'switchboard',
        outcome: 'abandoned',
      },
    ]);
  });

  it('refuses an event that is not a contact event (a wiring fault: thrown, so it is retried and kept)', async () => {
    await expect(invoke(handler, { source: 'aws.connect', detail: {} }, lambdaContext())).rejects.toThrow();
  });
});
