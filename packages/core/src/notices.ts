/**
 * Sending a notice about a case: to the resident on the channel that suits
 * them, or to staff. The notice is claimed first (so timers and retries never
 * send it twice), sent with retries, then recorded on the case as an outbound
 * message and a timeline entry with the provider's id. A send that still fails
 * is recorded as failed on the case, and the claim is given back.
 */

import { randomUUID } from 'node:crypto';
import pRetry from 'p-retry';
import type { Case, CaseMessage, NoticePurpose, TimelineEntry } from './cases.js';
import type { Clock } from './clock.js';
import { addressOf, type OutboundPart, residentDelivery } from './delivery.js';
import type { Contact } from './model.js';
import { automaticNoticeGuard, type NoticeGuard } from './notice-guard.js';
import type { OfficerNotifier } from './notifications.js';
import type { OutboundChannel, OutboundPorts, SendReceipt } from './outbound.js';
import { type LandlordPolicy, responseMeasure } from './policy.js';
import type { CaseRepository } from './ports.js';
import { WriteConflictError } from './ports.js';
import { effectiveRespondBy, isWithin, policyRespondBy } from './targets.js';

export type NoticeAudience = 'resident' | 'owner' | 'manager';
export type StaffNoticePurpose = 'owner-warning' | 'manager-alert';

export interface Notice {
  caseRef: string;
  audience: NoticeAudience;
  purpose: NoticePurpose | StaffNoticePurpose;
  subject: string;
  body: string;
  /** Sent at most once per case with this key (e.g. "acknowledgement", "delay-update:2026-12-15:1"). */
  key?: string;
  /** 'system' for timers, else the officer sending it. */
  sentBy: string;
}

export type NoticeResult =
  | { status: 'sent'; channel: OutboundChannel; messageId: string; providerMessageId: string }
  | { status: 'skipped'; reason: string }
  | { status: 'already-sent' }
  | { status: 'failed'; reason: string };

export interface NoticeSender {
  send(notice: Notice): Promise<NoticeResult>;
}

export interface NoticeDeps {
  policy: LandlordPolicy;
  repository: CaseRepository;
  outbound: OutboundPorts;
  clock: Clock;
  /** Domain of our Message-IDs, e.g. inbox.hightown.example */
  mailDomain: string;
  newId?: () => string;
  /** How many times to try a provider before recording a failure (default 3). */
  attempts?: number;
  /**
   * Milliseconds before the first retry (default 1,000; tests 0); each later one waits
   * twice as long, scaled by a random 1–2 so many cases failing together spread out.
   */
  retryDelayMs?: number;
  /** Holds back automatic notices to machines and past the daily limit (notice-guard.ts). */
  guard?: NoticeGuard;
  /** The owner's warning also goes in their in-console inbox (or their cover's). */
  notifier?: OfficerNotifier;
}

export function createNoticeSender(deps: NoticeDeps): NoticeSender {
  const newId = deps.newId ?? randomUUID;
  const attempts = Math.max(1, deps.attempts ?? 3);
  const retryDelayMs = deps.retryDelayMs ?? 1_000;
  const guard = deps.guard ?? automaticNoticeGuard(deps);

  /** The provider's call with exponential backoff and jitter (p-retry); the last failure is thrown. */
  function withRetries(send: () => Promise<SendReceipt>): Promise<SendReceipt> {
    return pRetry(send, {
      retries: attempts - 1,
      factor: 2,
      minTimeout: retryDelayMs,
      maxTimeout: 30_000,
      randomize: retryDelayMs > 0,
    });
  }

  async function deliver(
    kase: Case,
    contact: Contact | undefined,
    notice: Notice,
    id: string,
    messageId: string,
    lastInboundId: string | undefined,
  ): Promise<{ channel: OutboundChannel; to: string; receipt: SendReceipt; reason: string } | { skipped: string }> {
    if (notice.audience !== 'resident') {
      const officerId = notice.audience === 'owner' ? kase.ownerId : (await lineManagerOf(kase.ownerId))?.id;
      // An owner who is away today is covered: their warning goes to whoever covers them.
      const officer = !officerId
        ? undefined
        : notice.audience === 'owner' && deps.notifier
          ? await deps.notifier.readerOf(officerId)
          : await deps.repository.getOfficer(officerId);
      if (!officer?.email) return { skipped: `no ${notice.audience} with an email address for ${kase.ref}` };
      const receipt = await withRetries(() =>
        deps.outbound.mailer.sendEmail({
          id,
          caseRef: kase.ref,
          purpose: 'other',
          subject: notice.subject,
          body: notice.body,
          to: officer.email,
          messageId,
        }),
      );
      return { channel: 'email', to: officer.email, receipt, reason: `the case ${notice.audience}` };
    }
    const planned = residentDelivery(deps.policy, kase, contact, notice);
    if ('skipped' in planned) return planned;
    const [main, ...pointers] = planned.parts;
    const held = await guard(kase, notice, { channel: main.channel, to: addressOf(main) });
    if (held) return { skipped: held };
    const purpose = notice.purpose as NoticePurpose;
    const receipt = await withRetries(() => sendPart(main, kase.ref, purpose, id, messageId, lastInboundId));
    for (const [i, part] of pointers.entries()) {
      await withRetries(() => sendPart(part, kase.ref, purpose, `${id}-pointer${i ? `-${i}` : ''}`, messageId));
    }
    return { channel: main.channel, to: addressOf(main), receipt, reason: planned.reason };
  }

  /** One part as its port takes it. */
  function sendPart(
    part: OutboundPart,
    caseRef: string,
    purpose: NoticePurpose,
    id: string,
    messageId: string,
    lastInboundId?: string,
  ): Promise<SendReceipt> {
    const base = { id, caseRef, purpose, subject: part.subject, body: part.body };
    if (part.channel === 'email') {
      return deps.outbound.mailer.sendEmail({
        ...base,
        to: part.to,
        messageId,
        inReplyTo: lastInboundId,
        references: lastInboundId ? [lastInboundId] : undefined,
      });
    }
    if (part.channel === 'sms') return deps.outbound.sms.sendSms({ ...base, to: part.to });
    return deps.outbound.letters.queueLetter({ ...base, to: part.to, largePrint: part.largePrint });
  }

  async function lineManagerOf(officerId: string | undefined) {
    const officer = officerId ? await deps.repository.getOfficer(officerId) : undefined;
    if (officer?.lineManagerId) return deps.repository.getOfficer(officer.lineManagerId);
    return (await deps.repository.listOfficers()).find((o) => o.role === 'manager' && o.active);
  }

  async function record(
    notice: Notice,
    update: (kase: Case) => { case: Case; timeline: TimelineEntry[]; messages: CaseMessage[]; threadIds: string[] },
  ) {
    for (let attempt = 1; attempt <= 4; attempt++) {
      const current = await deps.repository.getCase(notice.caseRef);
      if (!current) throw new Error(`case ${notice.caseRef} does not exist`);
      const next = update(current);
      try {
        await deps.repository.commitCaseChange({ ...next, expectedUpdatedAt: current.updatedAt });
        return;
      } catch (err) {
        if (!(err instanceof WriteConflictError) || attempt === 4) throw err;
      }
    }
  }

  return {
    async send(notice) {
      const found = await deps.repository.getCaseWithHistory(notice.caseRef);
      if (!found) throw new Error(`case ${notice.caseRef} does not exist`);
      const now = deps.clock.now().toISOString();
      if (notice.key && !(await deps.repository.claimNotice(notice.caseRef, notice.key, now))) {
        return { status: 'already-sent' };
      }
      const id = newId();
      const messageId = `<${id}@${deps.mailDomain}>`;
      const lastInbound = [...found.messages].reverse().find((m) => m.direction === 'inbound' && m.threading.messageId);
      const entry = (type: string, summary: string, data: Record<string, unknown>): TimelineEntry => ({
        id: newId(),
        caseRef: notice.caseRef,
        at: now,
        type,
        actor: notice.sentBy,
        summary,
        data: { purpose: notice.purpose, audience: notice.audience, noticeKey: notice.key, ...data },
      });

      let outcome: Awaited<ReturnType<typeof deliver>>;
      try {
        outcome = await deliver(found.case, found.contact, notice, id, messageId, lastInbound?.threading.messageId);
      } catch (err) {
        const reason = (err as Error)?.message ?? String(err);
        if (notice.key) await deps.repository.releaseNotice(notice.caseRef, notice.key);
        await record(notice, (kase) => ({
          case: { ...kase, updatedAt: now },
          timeline: [
            entry('notice-failed', `${describe(notice)} could not be sent after ${attempts} attempts`, { reason }),
          ],
          messages: [],
          threadIds: [],
        }));
        return { status: 'failed', reason };
      }
      if ('skipped' in outcome) {
        await record(notice, (kase) => ({
          case: { ...kase, updatedAt: now },
          timeline: [
            entry('notice-skipped', `${describe(notice)} not sent: ${outcome.skipped}`, { reason: outcome.skipped }),
          ],
          messages: [],
          threadIds: [],
        }));
        return { status: 'skipped', reason: outcome.skipped };
      }

      const { channel, to, receipt, reason } = outcome;
      const message: CaseMessage = {
        id,
        caseRef: notice.caseRef,
        direction: 'outbound',
        channel: channel === 'letter' ? 'letter' : channel,
        receivedAt: now,
        from: { name: deps.policy.name },
        to: [to],
        subject: notice.subject,
        text: notice.body,
        attachments: receipt.blobKey
          ? [
              {
                filename: `${notice.caseRef}-${id}.pdf`,
                contentType: 'application/pdf',
                size: 0,
                blobKey: receipt.blobKey,
                inline: false,
              },
            ]
          : [],
        threading: { messageId: channel === 'email' ? messageId : undefined, inReplyTo: [], references: [] },
        purpose: notice.purpose === 'owner-warning' || notice.purpose === 'manager-alert' ? 'other' : notice.purpose,
        sentBy: notice.sentBy,
        providerMessageId: receipt.providerMessageId,
      };
      await record(notice, (kase) => ({
        case: applySent(kase, notice, now, deps.policy),
        timeline: [
          entry('notice-sent', `${describe(notice)} sent by ${channel} (${reason})`, {
            channel,
            messageId: id,
            providerMessageId: receipt.providerMessageId,
          }),
        ],
        // Staff notices are on the timeline; only what the resident receives joins the case's messages.
        messages: notice.audience === 'resident' ? [message] : [],
        threadIds: channel === 'email' ? [messageId, ...(receipt.threadIds ?? [])] : [],
      }));
      if (notice.purpose === 'owner-warning' && found.case.ownerId) {
        // The warning email is the notice itself: the inbox item goes beside it, with no second email.
        await deps.notifier?.notify(
          [
            {
              officerId: found.case.ownerId,
              kind: 'target-at-risk',
              caseRef: notice.caseRef,
              summary: `${notice.caseRef}: a target is about to be missed`,
            },
          ],
          { email: false },
        );
      }
      return { status: 'sent', channel, messageId: id, providerMessageId: receipt.providerMessageId };
    },
  };
}

const DESCRIPTIONS: Record<Notice['purpose'], string> = {
  acknowledgement: 'Acknowledgement',
  reply: 'Reply',
  'delay-update': 'Delay update',
  extension: 'Extension notice',
  other: 'Message',
  'owner-warning': 'Warning to the owner',
  'manager-alert': 'Alert to the manager',
};

function describe(notice: Notice): string {
  return DESCRIPTIONS[notice.purpose];
}

/** What sending does to the case: an acknowledgement stops the acknowledgement target, a reply the response target. */
function applySent(kase: Case, notice: Notice, now: string, policy: LandlordPolicy): Case {
  const next: Case = { ...kase, updatedAt: now };
  if (notice.audience !== 'resident') return next;
  if (notice.purpose === 'acknowledgement' && !kase.acknowledgedAt) {
    next.acknowledgedAt = now;
    // A response counted from the acknowledgement (the English complaint stages) starts now,
    // not at the acknowledgement deadline it was first counted from (CONTRACTS.md).
    next.targets = { ...kase.targets, respondBy: policyRespondBy(policy, kase, now) };
  }
  if (notice.purpose === 'reply') {
    // A full reply also counts as the acknowledgement (Blairtummock: acknowledge OR reply).
    next.acknowledgedAt ??= now;
    // A repair is met by the repair done, a hazard by its investigation: a letter about it is not the response.
    if (responseMeasure(policy, kase.round?.kind ?? kase.kind) !== 'reply') return next;
    next.respondedAt = now;
    next.status = 'answered';
    next.responseOutcome = isWithin(policy, effectiveRespondBy(kase, policy), now) ? 'met' : 'missed';
    next.responseMethod = 'reply';
  }
  return next;
}
