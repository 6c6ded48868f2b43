/**
 * What a resident's message does to the clocks of the case it continues:
 * - after our reply, a new round with its own target, counted from when the
 *   contact happened (`contactClock`), nothing of the earlier round carried
 *   over (`startRound`);
 * - on a stage 1 complaint that was answered, words asking for stage 2 (the
 *   policy's `complaints.escalationWords`, in any channel) start an escalation
 *   round: the owner is asked to escalate, and stage 2's acknowledgement clock
 *   runs from this message (Complaint Handling Code: acknowledged within 5
 *   working days of the request; SPSO model procedure: 3);
 * - otherwise the clocks run on unchanged.
 */
import { randomUUID } from 'node:crypto';
import type { Case, TimelineEntry } from '../cases.js';
import { kindForChannel } from '../classify.js';
import { type ContactClock, contactClock } from '../contact-clocks.js';
import type { InboundMessage } from '../inbound.js';
import { escalationAsked, needsNewRound, startRound } from '../rounds.js';
import type { IngestDeps } from './types.js';

/**
 * Where the message's clock starts: a logged call when it came in, a letter
 * the day it arrived, anything else at receipt. A voicemail is the staff
 * member's whose phone took it, who logs it: left while they were away, it
 * counts from their next working day where the policy says so (Hightown).
 */
export async function clockOf(deps: IngestDeps, message: InboundMessage): Promise<ContactClock> {
  const loggedBy = message.logged?.kind === 'voicemail' ? message.logged.loggedBy : undefined;
  const officer = loggedBy ? (await deps.repository.listOfficers()).find((o) => o.id === loggedBy) : undefined;
  return contactClock(deps.policy, message, officer);
}

/** The case after a resident's message, with what the timeline says about its clocks. */
export async function clocksAfter(
  deps: IngestDeps,
  kase: Case,
  message: InboundMessage,
  messageId: string,
): Promise<{ case: Case; timeline: TimelineEntry[] }> {
  const words = escalationAsked(deps.policy, kase, `${message.subject ?? ''}\n${message.text}`);
  if (!words && !needsNewRound(kase)) return { case: kase, timeline: [] };
  const clock = await clockOf(deps, message);
  const round = startRound(deps.policy, kase, {
    received: clock.received,
    notBefore: clock.notBefore,
    kind: words ? 'complaint-stage-2' : kindForChannel(message.channel),
    because: words ? 'escalation' : 'follow-up',
    now: deps.clock.now().toISOString(),
    newId: deps.newId ?? randomUUID,
  });
  const timeline = round.timeline.map((entry) => ({
    ...entry,
    summary: words ? `${entry.summary} (they wrote "${words}")` : entry.summary,
    data: {
      ...entry.data,
      messageId,
      ...(words ? { words, requestedAt: clock.received.toISOString(), ownerId: kase.ownerId } : {}),
      ...(clock.reason ? { clock: clock.reason } : {}),
    },
  }));
  return { case: round.case, timeline };
}
