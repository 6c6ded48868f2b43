import type { CaseMessage, ConfirmableDetail } from '../cases.js';
import { kindForChannel } from '../classify.js';
import { voicemailClock } from '../contact-clocks.js';
import {
  type CommandInput,
  ConfirmDetailsInput,
  ContactUpdateInput,
  FlagInput,
  LogContactInput,
  UnflagInput,
} from '../contracts/commands.js';
import type { Contact } from '../model.js';
import { escalationAsked, needsNewRound, startRound } from '../rounds.js';
import { happenedAt } from './responses.js';
import { type Change, CommandError, type Context, type Runner, requireManager, requireRunner } from './run.js';

export const contactCommands = ({ command }: Runner) => ({
  logContact: command(LogContactInput, 'message-received', decideLogContact),
  flag: command(FlagInput, 'flagged', decideFlag),
  unflag: command(UnflagInput, 'unflagged', decideUnflag),
  updateContact: command(ContactUpdateInput, 'contact-updated', decideContactUpdate),
  confirmDetails: command(ConfirmDetailsInput, 'contact-confirmed', decideConfirmDetails),
});

const LOGGED_AS = { 'phone-message': 'Phone message', voicemail: 'Voicemail', visit: 'Visit' } as const;

export function decideLogContact(ctx: Context, { kind, summary, calledAt }: CommandInput<'log'>): Change {
  const { kase, policy } = ctx;
  // When the call came in, not when it was typed in.
  const at = happenedAt(ctx, calledAt, 'calledAt');
  const channel = kind === 'visit' ? 'in-person' : 'phone';
  const message: CaseMessage = {
    id: ctx.newId(),
    caseRef: kase.ref,
    direction: 'inbound',
    channel,
    receivedAt: at,
    from: {},
    to: [],
    text: summary,
    attachments: [],
    threading: { inReplyTo: [], references: [] },
    logged: { kind, loggedBy: ctx.actor.officerId, ...(calledAt ? { calledAt: at } : {}) },
  };
  const logged = ctx.entry('contact-logged', `${LOGGED_AS[kind]} logged`, {
    messageId: message.id,
    kind,
    calledAt: at,
  });
  const counted = {
    ...kase,
    lastMessageAt: at > kase.lastMessageAt ? at : kase.lastMessageAt,
    messageCount: kase.messageCount + 1,
  };
  // Asking for stage 2 of an answered complaint, by phone or in person, starts stage 2's clock from the call.
  const words = escalationAsked(policy, kase, summary);
  if (!words && !needsNewRound(kase)) {
    return { case: counted, messages: [message], timeline: [logged] };
  }
  // A call after our reply starts a new round, counted from the call (and the officer's return, for a voicemail left while away).
  const owner = ctx.officers.find((o) => o.id === kase.ownerId);
  const clock = kind === 'voicemail' ? voicemailClock(policy, new Date(at), owner) : { received: new Date(at) };
  const round = startRound(policy, counted, {
    received: clock.received,
    notBefore: clock.notBefore,
    kind: words ? 'complaint-stage-2' : kindForChannel(channel),
    because: words ? 'escalation' : 'follow-up',
    now: ctx.now,
    actor: ctx.actor.officerId,
    newId: ctx.newId,
  });
  return { case: round.case, messages: [message], timeline: [logged, ...round.timeline] };
}

export function decideFlag(ctx: Context, { reason }: CommandInput<'flag'>): Change {
  if (ctx.actor.role === 'contributor') throw new CommandError('forbidden', 'contributors cannot flag a contact');
  const contact = ctx.found.contact;
  if (!contact) throw new CommandError('conflict', 'this case has no contact to flag');
  return {
    case: ctx.kase,
    contact: { ...contact, unacceptableBehaviour: { setBy: ctx.actor.officerId, setAt: ctx.now, reason } },
    timeline: [
      ctx.entry('contact-flagged', `Contact flagged under the unacceptable behaviour policy: ${reason}`, { reason }),
    ],
  };
}

export function decideUnflag(ctx: Context, { reason }: CommandInput<'unflag'>): Change {
  requireManager(ctx);
  const contact = ctx.found.contact;
  if (!contact?.unacceptableBehaviour) throw new CommandError('conflict', 'this contact is not flagged');
  const { unacceptableBehaviour: previous, ...rest } = contact;
  return {
    case: ctx.kase,
    contact: rest,
    timeline: [ctx.entry('contact-unflagged', `Unacceptable behaviour flag lifted: ${reason}`, { reason, previous })],
  };
}

/** Only the details given change; empty communication needs or address clear them. */
export function decideContactUpdate(ctx: Context, input: CommandInput<'contact'>): Change {
  requireRunner(ctx);
  const contact = ctx.found.contact;
  if (!contact) throw new CommandError('conflict', 'this case has no contact');
  const next: Contact = { ...contact };
  const changed: string[] = [];
  if (input.preferredChannel !== undefined) {
    next.preferredChannel = input.preferredChannel;
    changed.push(`preferred channel ${input.preferredChannel}`);
  }
  if (input.communicationNeeds !== undefined) {
    next.communicationNeeds = input.communicationNeeds || undefined;
    changed.push('communication needs');
  }
  if (input.largePrint !== undefined) {
    next.largePrint = input.largePrint;
    changed.push(input.largePrint ? 'large print on' : 'large print off');
  }
  if (input.channelsToAvoid !== undefined) {
    next.channelsToAvoid = input.channelsToAvoid;
    changed.push(`channels to avoid: ${input.channelsToAvoid.join(', ') || 'none'}`);
  }
  if (input.address !== undefined) {
    next.address = input.address || undefined;
    changed.push('address');
  }
  return {
    case: ctx.kase,
    contact: next,
    timeline: [ctx.entry('contact-updated', `Contact details updated: ${changed.join('; ')}`, { changed })],
  };
}

/**
 * Details an unauthenticated channel gave, confirmed onto the contact by an officer
 * (or discarded). An email or number another contact holds is refused.
 */
export function decideConfirmDetails(ctx: Context, input: CommandInput<'confirm-details'>): Change {
  requireRunner(ctx);
  const pending = ctx.kase.pendingDetails;
  const contact = ctx.found.contact;
  if (!pending) throw new CommandError('conflict', 'no contact details are waiting to be confirmed on this case');
  if (!contact) throw new CommandError('conflict', 'this case has no contact');
  const { pendingDetails: _, ...rest } = ctx.kase;
  if (input.discard) {
    const fields = Object.keys(pending.details);
    return {
      case: rest,
      timeline: [ctx.entry('contact-details-discarded', `Contact details not taken: ${fields.join(', ')}`, { fields })],
    };
  }
  const chosen = (input.fields ?? (Object.keys(pending.details) as ConfirmableDetail[])).filter(
    (f) => pending.details[f] !== undefined,
  );
  if (chosen.length === 0)
    throw new CommandError('invalid', 'none of those details are waiting', { fields: 'none waiting' });
  const refused = chosen.filter((f) => pending.conflicts?.[f]);
  if (refused.length > 0) {
    const why = refused.map((f) => `${f}: ${pending.conflicts?.[f]}`).join('; ');
    throw new CommandError('conflict', `cannot take ${why}; leave it out or discard it`, { fields: why });
  }
  const next: Contact = { ...contact };
  for (const f of chosen) (next as unknown as Record<string, unknown>)[f] = pending.details[f];
  const left = Object.fromEntries(
    Object.entries(pending.details).filter(([k]) => !chosen.includes(k as ConfirmableDetail)),
  );
  return {
    case: Object.keys(left).length ? { ...ctx.kase, pendingDetails: { ...pending, details: left } } : rest,
    contact: next,
    contactClaims: {
      email: chosen.includes('email') && next.email !== contact.email ? next.email : undefined,
      phone: chosen.includes('phone') && next.phone !== contact.phone ? next.phone : undefined,
    },
    timeline: [
      ctx.entry('contact-details-confirmed', `Contact details confirmed: ${chosen.join(', ')}`, { fields: chosen }),
    ],
  };
}
