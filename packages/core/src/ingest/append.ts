/**
 * A message added to the case it continues, written whole with the case in one
 * transaction. A resident writing again after our reply puts the case back in
 * front of its owner with a new round and its own target; one asking for stage
 * 2 of an answered complaint starts stage 2's clock (`rounds.ts`; the earlier
 * outcome stays on the timeline). Automatic mail is recorded and changes
 * nothing — it never reopens an answered case.
 */
import { type Case, type CaseMessage, type TimelineEntry, withActivity } from '../cases.js';
import type { InboundMessage } from '../inbound.js';
import type { DeliveryRecord, PendingPlan } from '../ports.js';
import { describeOffered, pendingAfter, type Sender } from './contacts.js';
import { channelLabel, entryOn } from './labels.js';
import { linksFor } from './links.js';
import { clocksAfter } from './rounds.js';
import type { Mention } from './threading.js';
import type { IngestDeps } from './types.js';

export interface AppendInput {
  kase: Case;
  message: InboundMessage;
  caseMessage: CaseMessage;
  delivery: DeliveryRecord;
  /** The timeline entry that records the message. */
  type: 'message-received' | 'automated-message-received';
  summary: string;
  sender?: Sender;
  mentions?: Mention[];
  /** Set when the timers must plan again (a resident's message; not automatic mail). */
  pendingPlan?: PendingPlan;
}

export async function appendToCase(deps: IngestDeps, input: AppendInput): Promise<void> {
  const { kase, caseMessage, message, sender } = input;
  const now = deps.clock.now().toISOString();
  const isAutomated = input.type === 'automated-message-received';
  const entry = (type: string, summary: string, data?: Record<string, unknown>, actor?: string) =>
    entryOn(deps, kase.ref, type, summary, data, actor);
  const links = linksFor(deps, kase.ref, caseMessage.id, input.mentions ?? []);
  const offered = isAutomated ? undefined : sender?.offered;
  const pendingDetails = pendingAfter(kase.pendingDetails, offered, {
    channel: message.channel,
    messageId: caseMessage.id,
    at: now,
  });
  const counted: Case = {
    ...kase,
    lastMessageAt: isAutomated ? kase.lastMessageAt : caseMessage.receivedAt,
    messageCount: kase.messageCount + 1,
    updatedAt: now,
    ...(offered && pendingDetails ? { pendingDetails } : {}),
    ...(links.own.length ? { linked: [...(kase.linked ?? []), ...links.own] } : {}),
    // "The resident wrote" stays on the owner's queue row until they open the case.
    ...(isAutomated ? {} : { activity: withActivity(kase, 'resident-wrote', now) }),
  };
  // Automatic mail changes no clock; a resident's message may start a round (a follow-up, or stage 2 asked for).
  const clocks = isAutomated
    ? { case: counted, timeline: [] }
    : await clocksAfter(deps, counted, message, caseMessage.id);

  const entries: TimelineEntry[] = [
    entry(input.type, input.summary, { messageId: caseMessage.id }, isAutomated ? 'system' : 'resident'),
    ...clocks.timeline,
    ...links.entries,
  ];
  if (offered) {
    entries.push(
      entry(
        'contact-details-pending',
        `New contact details from ${channelLabel(message.channel)} wait for an officer to confirm: ${describeOffered(offered)}`,
        { messageId: caseMessage.id, fields: Object.keys(offered.details), conflicts: offered.conflicts },
      ),
    );
  }
  await deps.repository.appendMessage({
    caseRef: kase.ref,
    expectedUpdatedAt: kase.updatedAt,
    // As read: the store diffs the lookup items against it instead of reading the case again.
    before: kase,
    case: clocks.case,
    // Only an officer's logged contact changes the record (contacts.ts); anyone else's details wait on the case.
    contact: sender?.known && sender.write.contact !== sender.known ? sender.write : undefined,
    message: { ...caseMessage, caseRef: kase.ref },
    timeline: entries,
    delivery: input.delivery,
    threadIds: message.threading.messageId ? [message.threading.messageId] : [],
    links: links.writes,
    pendingPlan: input.pendingPlan,
  });
}
