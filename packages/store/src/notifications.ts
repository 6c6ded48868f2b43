/**
 * Never miss a change (issue 14): officers' inboxes and the cases' new-activity
 * markers. An inbox is two partitions, unread and read (`keys.notification`):
 * the unread one is what the console's badge counts, so the count stays a
 * bounded Query however long the officer has worked; marking read moves an
 * item from one to the other in one transaction.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { OfficerNotification } from '@housing-inbox/core';
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

export class Notifications {
  constructor(private readonly table: Table) {}

  async put(items: readonly OfficerNotification[]): Promise<void> {
    for (const n of items) await this.table.write(notificationItem(n));
  }

  async list(officerId: string, limit = 50): Promise<{ items: OfficerNotification[]; unread: number }> {
    const size = Math.min(Math.max(limit, 1), 200);
    const unreadPage = await this.table.query(queries.notifications(officerId, 'unread'), {
      ScanIndexForward: false,
      Limit: size,
      ConsistentRead: true,
    });
    const unreadItems = (unreadPage.Items ?? []).map((i) => strip<OfficerNotification>(i));
    const unread = unreadPage.LastEvaluatedKey ? await this.#countUnread(officerId) : unreadItems.length;
    const room = size - unreadItems.length;
    const readPage =
      room > 0
        ? await this.table.query(queries.notifications(officerId, 'read'), { ScanIndexForward: false, Limit: room })
        : { Items: [] };
    return { items: [...unreadItems, ...(readPage.Items ?? []).map((i) => strip<OfficerNotification>(i))], unread };
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

  async #countUnread(officerId: string): Promise<number> {
    let count = 0;
    let start: Item | undefined;
    do {
      const out = await this.table.query(queries.notifications(officerId, 'unread'), {
        Select: 'COUNT',
        ExclusiveStartKey: start,
      });
      count += out.Count ?? 0;
      start = out.LastEvaluatedKey;
    } while (start);
    return count;
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
