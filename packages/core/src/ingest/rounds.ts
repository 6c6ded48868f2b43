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
import { asksToEscalate, kindForChannel } from '../classify.js';
import { type ContactClock, contactClock } from '../contact-clocks.js';
import type { InboundMessage } from '../inbound.js';
import type { LandlordPolicy } from '../policy.js';
import { needsNewRound, startRound } from '../rounds.js';
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

/** Lines a mail program quoted under a reply: our own words there ("ask us to escalate…") are not the resident's. */
const QUOTE_STARTS = [/^\s*>/, /\bwrote:\s*$/i, /^\s*-{2,}\s*original message\s*-{2,}\s*$/i, /^\s*_{10,}\s*$/];

/** What the resident wrote this time, above any quoted history. */
function ownWords(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const end = lines.findIndex((line) => QUOTE_STARTS.some((p) => p.test(line)));
  return (end === -1 ? lines : lines.slice(0, end)).join('\n');
}

/**
 * The policy's words asking for stage 2 in a message on a stage 1 complaint
 * that was answered (its reply sent, or a later round begun), unless stage 2
 * was asked for already; undefined otherwise.
 */
export function escalationAsked(policy: LandlordPolicy, kase: Case, message: InboundMessage): string | undefined {
  if (kase.kind !== 'complaint-stage-1' || !policy.targets['complaint-stage-2']) return undefined;
  if (kase.round?.because === 'escalation') return undefined;
  const answered = kase.status === 'answered' || Boolean(kase.respondedAt) || (kase.round?.n ?? 1) > 1;
  if (!answered) return undefined;
  return asksToEscalate(policy, `${message.subject ?? ''}\n${ownWords(message.text)}`);
}

/** The case after a resident's message, with what the timeline says about its clocks. */
export async function clocksAfter(
  deps: IngestDeps,
  kase: Case,
  message: InboundMessage,
  messageId: string,
): Promise<{ case: Case; timeline: TimelineEntry[] }> {
  const words = escalationAsked(deps.policy, kase, message);
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
