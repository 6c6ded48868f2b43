/**
 * Telling officers what is meant for them (issue 14, "never miss a change"): a
 * case assigned or reassigned to them, a department's answer on their case, a
 * target about to be missed. Each is an item in the officer's in-console inbox
 * and an email through the same outbound `Mailer` the residents' notices use.
 * An owner who is away today is covered: the notification goes to whoever
 * covers them (their line manager, as routing sends new work: policy "when
 * that officer is absent they go to the line manager").
 */
import { randomUUID } from 'node:crypto';
import { calendarFor } from './calendar.js';
import { isAway, type Officer } from './cases.js';
import type { Clock } from './clock.js';
import type { LocalDate } from './dates.js';
import type { Mailer } from './outbound.js';
import type { LandlordPolicy } from './policy.js';
import type { CaseRepository } from './ports.js';

export const NOTIFICATION_KINDS = ['assigned', 'reassigned', 'department-answered', 'target-at-risk'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** One item of an officer's inbox. */
export interface OfficerNotification {
  id: string;
  /** Who reads it (the cover officer when the one it was meant for is away). */
  officerId: string;
  kind: NotificationKind;
  caseRef: string;
  summary: string;
  /** ISO-8601 instant. */
  at: string;
  readAt?: string;
  /** The officer it was meant for, when `officerId` covers for them. */
  coverFor?: string;
}

/** What a command, ingest or the timers ask to be told: to whom it is meant, and what. */
export interface NotificationRequest {
  officerId: string;
  kind: NotificationKind;
  caseRef: string;
  summary: string;
}

/**
 * Who reads what is meant for `officerId` today (a local date): the officer, or while they are away
 * their line manager (when active and not away too), else an available manager, else reception.
 * Undefined for an officer not in the directory or one who has left with no cover to be found.
 */
export function coverOf(officers: readonly Officer[], officerId: string, today: LocalDate): Officer | undefined {
  const officer = officers.find((o) => o.id === officerId);
  if (!officer) return undefined;
  if (officer.active && !isAway(officer, today)) return officer;
  const available = (o: Officer | undefined) => (o?.active && !isAway(o, today) ? o : undefined);
  return (
    available(officers.find((o) => o.id === officer.lineManagerId)) ??
    officers.find((o) => o.role === 'manager' && available(o)) ??
    officers.find((o) => o.role === 'reception' && available(o))
  );
}

export interface NotifierDeps {
  policy: LandlordPolicy;
  repository: CaseRepository;
  mailer: Mailer;
  clock: Clock;
  /** Domain of our Message-IDs, e.g. inbox.hightown.example */
  mailDomain: string;
  newId?: () => string;
}

export interface OfficerNotifier {
  /**
   * Records each request in its reader's inbox (the cover officer's when the officer is away) and,
   * unless `email` is false (the timers' owner warning, which is its own email), emails them. The inbox
   * item is written first: an email that fails leaves it in place.
   */
  notify(requests: readonly NotificationRequest[], options?: { email?: boolean }): Promise<OfficerNotification[]>;
  /** Who reads what is meant for `officerId` today (`coverOf`). */
  readerOf(officerId: string): Promise<Officer | undefined>;
  /**
   * Emails the readers of inbox items already written (ingest writes a new case's
   * "assigned to you" in the case's own transaction); a failed email leaves the item.
   */
  email(items: readonly OfficerNotification[]): Promise<void>;
}

/**
 * The inbox items for `requests` (`at`: UTC instant; `today`: the landlord's local date),
 * each given to its reader today (`coverOf`); a request nobody can read is dropped.
 */
export function inboxItems(
  officers: readonly Officer[],
  requests: readonly NotificationRequest[],
  at: string,
  today: LocalDate,
  newId: () => string,
): OfficerNotification[] {
  return requests.flatMap((r) => {
    const reader = coverOf(officers, r.officerId, today);
    if (!reader) return [];
    return [
      {
        id: newId(),
        officerId: reader.id,
        kind: r.kind,
        caseRef: r.caseRef,
        summary: r.summary,
        at,
        ...(reader.id !== r.officerId ? { coverFor: r.officerId } : {}),
      },
    ];
  });
}

export function createOfficerNotifier(deps: NotifierDeps): OfficerNotifier {
  const newId = deps.newId ?? randomUUID;
  const calendar = calendarFor(deps.policy);
  const today = () => calendar.localDate(deps.clock.now());

  const emailAll = async (officers: readonly Officer[], items: readonly OfficerNotification[]) => {
    for (const item of items) {
      const reader = officers.find((o) => o.id === item.officerId);
      if (!reader?.email) continue;
      const meantFor = officers.find((o) => o.id === item.coverFor)?.name;
      try {
        await deps.mailer.sendEmail({
          id: item.id,
          caseRef: item.caseRef,
          purpose: 'other',
          subject: `${item.summary} [${item.caseRef}]`,
          body: [
            `${item.summary}.`,
            meantFor ? `This was meant for ${meantFor}, who is away: you are covering.` : '',
            `Open ${item.caseRef} in the officer console to see it.`,
          ]
            .filter(Boolean)
            .join('\n\n'),
          to: reader.email,
          messageId: `<${item.id}@${deps.mailDomain}>`,
        });
      } catch {
        // The inbox item stands; the console shows it whether or not the email went.
      }
    }
  };

  return {
    async readerOf(officerId) {
      return coverOf(await deps.repository.listOfficers(), officerId, today());
    },
    async notify(requests, options = {}) {
      if (requests.length === 0) return [];
      const officers = await deps.repository.listOfficers();
      const items = inboxItems(officers, requests, deps.clock.now().toISOString(), today(), newId);
      await deps.repository.putNotifications(items);
      if (options.email !== false) await emailAll(officers, items);
      return items;
    },
    async email(items) {
      if (items.length > 0) await emailAll(await deps.repository.listOfficers(), items);
    },
  };
}
