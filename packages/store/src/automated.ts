/**
 * Automatic mail, for operators and for the loop guard: what joined no case
 * (listed newest first), which addresses send machine-made mail, and how many
 * automatic notices went to an address on a day.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AutomatedSender, CaseMessage, Page, PageOptions } from '@housing-inbox/core';
import { keys, queries } from './keys.js';
import { strip, type Table } from './table.js';

/** An address is remembered this long after its last automatic mail. */
const AUTOMATED_SENDER_DAYS = 180;
/** A day's count is kept a little past the day (DynamoDB TTL removes it later). */
const QUOTA_DAYS = 3;

const epochSeconds = (at: string, days: number) => Math.floor(new Date(at).getTime() / 1000) + days * 86_400;

export class Automated {
  constructor(private readonly table: Table) {}

  async listUnmatched(options: PageOptions = {}): Promise<Page<CaseMessage>> {
    const page = await this.table.page(queries.unmatchedAutomated(), { ...options, ScanIndexForward: false });
    return { items: page.items.map((i) => strip<CaseMessage>(i)), next: page.next };
  }

  async rememberSender(sender: Omit<AutomatedSender, 'firstSeenAt' | 'count'>): Promise<void> {
    await this.table.db.send(
      new UpdateCommand({
        TableName: this.table.name,
        Key: keys.automatedSender(sender.address),
        UpdateExpression:
          'SET entity = :entity, address = :address, category = :category, reason = :reason, lastSeenAt = :at, firstSeenAt = if_not_exists(firstSeenAt, :at), expiresAt = :expires ADD #count :one',
        ExpressionAttributeNames: { '#count': 'count' },
        ExpressionAttributeValues: {
          ':entity': 'automated-sender',
          ':address': sender.address.toLowerCase(),
          ':category': sender.category,
          ':reason': sender.reason,
          ':at': sender.lastSeenAt,
          ':expires': epochSeconds(sender.lastSeenAt, AUTOMATED_SENDER_DAYS),
          ':one': 1,
        },
      }),
    );
  }

  getSender(address: string): Promise<AutomatedSender | undefined> {
    return this.table.get<AutomatedSender>(keys.automatedSender(address));
  }

  async claimNotice(address: string, day: string, limit: number, at: string): Promise<boolean> {
    if (limit <= 0) return false;
    try {
      await this.table.db.send(
        new UpdateCommand({
          TableName: this.table.name,
          Key: keys.noticeQuota(address, day),
          UpdateExpression: 'SET entity = :entity, expiresAt = :expires ADD #count :one',
          ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
          ExpressionAttributeNames: { '#count': 'count' },
          ExpressionAttributeValues: {
            ':entity': 'notice-quota',
            ':expires': epochSeconds(at, QUOTA_DAYS),
            ':one': 1,
            ':limit': limit,
          },
        }),
      );
      return true;
    } catch (err) {
      if ((err as Error)?.name === 'ConditionalCheckFailedException') return false;
      throw err;
    }
  }
}
