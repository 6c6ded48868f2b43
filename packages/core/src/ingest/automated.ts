/**
 * Automatic mail (auto-replies, help-desk acknowledgements, list mail, bounces)
 * never opens a case and never gets an acknowledgement: two automatic senders
 * would otherwise answer each other for ever. It is recorded on the case it
 * answers (without reopening it or setting a new target), or listed for
 * operators when it answers none. Addresses whose mail is machine-made are
 * remembered, so no automatic notice goes to them (notice-guard.ts); a
 * person's out-of-office or vacation reply does not mark their address.
 */
import type { CaseMessage } from '../cases.js';
import { normaliseEmail } from '../contacts.js';
import type { AutomatedCategory, InboundMessage } from '../inbound.js';
import type { DeliveryRecord } from '../ports.js';
import { appendToCase } from './append.js';
import type { Thread } from './threading.js';
import type { DeliveryIdentity, IngestDeps, IngestOutcome } from './types.js';

/** Mail in these categories comes from machines, not from a person who is away. */
const MACHINE_CATEGORIES = new Set<AutomatedCategory>([
  'ticket-acknowledgement',
  'mailing-list',
  'bulk',
  'delivery-failure',
]);

export async function fileAutomated(
  deps: IngestDeps,
  message: InboundMessage & { automated: NonNullable<InboundMessage['automated']> },
  caseMessage: CaseMessage,
  identity: DeliveryIdentity,
  thread: Thread | undefined,
): Promise<IngestOutcome> {
  const now = deps.clock.now().toISOString();
  const { kind } = message.automated;
  const delivery: DeliveryRecord = { ...identity, outcome: 'automated', at: now, messageId: caseMessage.id };
  if (thread) {
    await appendToCase(deps, {
      kase: thread.case,
      message,
      caseMessage,
      delivery: { ...delivery, caseRef: thread.case.ref },
      type: 'automated-message-received',
      summary: kind === 'bounce' ? 'Delivery failure notice received' : 'Automatic reply received',
    });
  } else {
    await deps.repository.recordUnmatchedAutomated(caseMessage, delivery);
    deps.log?.('automated-unmatched', { channel: message.channel, kind });
  }
  await rememberSender(deps, message, now);
  return thread
    ? { outcome: 'automated', caseRef: thread.case.ref, messageId: caseMessage.id, kind }
    : { outcome: 'automated', messageId: caseMessage.id, kind };
}

async function rememberSender(
  deps: IngestDeps,
  message: InboundMessage & { automated: NonNullable<InboundMessage['automated']> },
  now: string,
): Promise<void> {
  const address = normaliseEmail(message.from.email);
  const category = message.automated.category;
  if (!address || !category || !MACHINE_CATEGORIES.has(category)) return;
  await deps.repository.rememberAutomatedSender({
    address,
    category,
    reason: message.automated.reason.slice(0, 500),
    lastSeenAt: now,
  });
}
