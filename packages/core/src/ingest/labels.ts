/** How ingest words what it records: channel labels, subjects, timeline entries. */
import { randomUUID } from 'node:crypto';
import type { TimelineEntry } from '../cases.js';
import type { InboundMessage } from '../inbound.js';
import type { Channel } from '../model.js';
import type { IngestDeps } from './types.js';

const CHANNEL_LABELS: Record<Channel, string> = {
  email: 'an email',
  sms: 'a text message',
  letter: 'a letter',
  'web-form': 'the web form',
  phone: 'a phone message',
  'in-person': 'a visit',
};

export function channelLabel(channel: Channel): string {
  return CHANNEL_LABELS[channel];
}

export function receivedSummary(message: Pick<InboundMessage, 'channel'>): string {
  return `Received ${channelLabel(message.channel)}`;
}

export function subjectOf(message: InboundMessage): string {
  const subject = message.subject?.trim();
  if (subject) return subject.slice(0, 200);
  const firstLine = message.text.trim().split('\n')[0]?.trim() ?? '';
  return firstLine.length > 80 ? `${firstLine.slice(0, 77)}…` : firstLine || `(${channelLabel(message.channel)})`;
}

/** A timeline entry on `caseRef`, now, by `actor` (the system unless said otherwise). */
export function entryOn(
  deps: Pick<IngestDeps, 'newId' | 'clock'>,
  caseRef: string,
  type: string,
  summary: string,
  data?: Record<string, unknown>,
  actor = 'system',
): TimelineEntry {
  return {
    id: deps.newId?.() ?? randomUUID(),
    caseRef,
    at: deps.clock.now().toISOString(),
    type,
    actor,
    summary,
    data,
  };
}
