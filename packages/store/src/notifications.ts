/**
 * Never miss a change (issue 14): officers' inboxes and the cases' new-activity
 * markers. An inbox is two partitions, unread and read (`keys.notification`):
 * the unread one is what the console's badge counts (only what its reader may
 * still open), so the count reads the officer's backlog, never the read history;
 * marking read moves an
 * item from one to the other in one transaction.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Case, OfficerNotification } from '@housing-inbox/core';
import { getCases } from './case-reads.js';
import { keys, queries } from './keys.js';
import { type Item, type Role, strip, type Table, type TransactItem } from './table.js';

/** An unread inbox item as stored. */
export function notificationItem(n: OfficerNotification): Item {
  return { ...keys.notification(n.officerId, 'unread', n.at, n.id), entity: 'notification', ...n };
}

/** Unread inbox items for another write's transaction (a new case's "assigned to you"). */
export function notificationItems(table: Table, items: readonly OfficerNotification[]): [Role, TransactItem][] {
  return items.map((n) => ['other', table.put(notificationItem(n))]);
}

/** Items marked read in one transaction: a delete and a put each. */
const MARKS_PER_BATCH = 50;
/** Read notifications looked at to fill a page, at most: their cases may be hidden now. */
const READ_LOOKED_AT = 400;

export class Notifications {
  constructor(private readonly table: Table) {}

  async put(items: readonly OfficerNotification[]): Promise<void> {
    for (const n of items) await this.table.write(notificationItem(n));
  }

  /**
   * The inbox as `visible` lets its reader see it: unread first, newest first, then the latest
   * read, `limit` in all (1–200); `unread` counts the unread ones whose case the reader may
   * still open. A notification whose case was restricted, moved or erased since it was sent
   * is neither listed nor counted. Reads the unread partition whole (the officer's backlog,
   * not the table), its cases in one BatchGetItem per 100, and read ones a page at a time.
   */
  async list(
    officerId: string,
    options: { limit?: number; visible: (kase: Case) => boolean },
  ): Promise<{ items: OfficerNotification[]; unread: number }> {
    const size = Math.min(Math.max(options.limit ?? 50, 1), 200);
    const unreadItems = (
      await this.table.queryAll(queries.notifications(officerId, 'unread'), {
        ScanIndexForward: false,
        ConsistentRead: true,
      })
    ).map((i) => strip<OfficerNotification>(i));
    const canOpen = await this.#openable(unreadItems, options.visible);
    const unread = unreadItems.filter((n) => canOpen.has(n.caseRef));
    const items = unread.slice(0, size);
    let start: Item | undefined;
    let looked = 0;
    while (items.length < size && looked < READ_LOOKED_AT) {
      const page = await this.table.query(queries.notifications(officerId, 'read'), {
        ScanIndexForward: false,
        Limit: size - items.length,
        ExclusiveStartKey: start,
      });
      const read = (page.Items ?? []).map((i) => strip<OfficerNotification>(i));
      looked += read.length;
      const openable = await this.#openable(read, options.visible);
      items.push(...read.filter((n) => openable.has(n.caseRef)));
      start = page.LastEvaluatedKey;
      if (!start) break;
    }
    return { items, unread: unread.length };
  }

  /** The references, among these notifications' cases, that the reader may open. */
  async #openable(items: readonly OfficerNotification[], visible: (kase: Case) => boolean): Promise<Set<string>> {
    const cases = await getCases(this.table, [...new Set(items.map((n) => n.caseRef))]);
    return new Set(cases.filter(visible).map((k) => k.ref));
  }

  async markRead(officerId: string, at: string, ids?: readonly string[]): Promise<void> {
    const unread = await this.table.queryAll(queries.notifications(officerId, 'unread'), { ConsistentRead: true });
    const chosen = ids ? unread.filter((i) => ids.includes(String(i.id))) : unread;
    for (let i = 0; i < chosen.length; i += MARKS_PER_BATCH) {
      await this.table.transact(chosen.slice(i, i + MARKS_PER_BATCH).flatMap((item) => this.#markItems(item, at)));
    }
  }

  /** Removes a case's markers, unless something newer than `seenAt` arrived since it was read. */
  async clearActivity(ref: string, seenAt: string): Promise<void> {
    try {
      await this.table.db.send(
        new UpdateCommand({
          TableName: this.table.name,
          Key: keys.case(ref),
          UpdateExpression: 'REMOVE activity',
          ConditionExpression: 'activity.#at = :seen',
          ExpressionAttributeNames: { '#at': 'at' },
          ExpressionAttributeValues: { ':seen': seenAt },
        }),
      );
    } catch (err) {
      if ((err as Error)?.name !== 'ConditionalCheckFailedException') throw err;
    }
  }

  #markItems(item: Item, at: string): [Role, TransactItem][] {
    const n = strip<OfficerNotification>(item);
    return [
      ['other', { Delete: { TableName: this.table.name, Key: { pk: item.pk, sk: item.sk } } }],
      [
        'other',
        this.table.put({
          ...keys.notification(n.officerId, 'read', n.at, n.id),
          entity: 'notification',
          ...n,
          readAt: at,
        }),
      ],
    ];
  }
}
