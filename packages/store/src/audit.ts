/**
 * The audit trail (who looked at which confidential case, who exported,
 * erased, held or disclosed a resident's data, when): one
 * partition, newest first. Entries are put only where none is (never
 * overwritten) and nothing here updates or deletes them, erasure included:
 * entries name officers, cases and contacts by id; a disclosure's entry keeps
 * what went to whom and why, the record of disclosures the law asks for.
 * These acts are rare, so one partition holds them all.
 */
import type { AuditAction, AuditEntry, AuditTrail } from '@housing-inbox/core';
import type { KeyCondition } from './keys.js';
import { PARTITION_KEY, SORT_KEY } from './schema.js';
import { notExists, strip, type Table } from './table.js';

const PARTITION = 'AUDIT';

export class AuditLog implements AuditTrail {
  constructor(private readonly table: Table) {}

  async record(entry: AuditEntry): Promise<void> {
    await this.table.write(
      { [PARTITION_KEY]: PARTITION, [SORT_KEY]: `${entry.at}#${entry.id}`, entity: 'audit', ...entry },
      notExists,
    );
  }

  /** `actions`: a filter on the page read, so a page may hold fewer than `limit` while `next` is set. */
  async list({ limit, next, actions }: { limit: number; next?: string; actions?: readonly AuditAction[] }) {
    const condition: KeyCondition = {
      KeyConditionExpression: next ? '#pk = :pk AND #sk < :sk' : '#pk = :pk',
      ExpressionAttributeNames: next ? { '#pk': PARTITION_KEY, '#sk': SORT_KEY } : { '#pk': PARTITION_KEY },
      ExpressionAttributeValues: next ? { ':pk': PARTITION, ':sk': next } : { ':pk': PARTITION },
    };
    const filter = actions?.length
      ? {
          FilterExpression: `#action IN (${actions.map((_, i) => `:a${i}`).join(', ')})`,
          ExpressionAttributeNames: { ...condition.ExpressionAttributeNames, '#action': 'action' },
          ExpressionAttributeValues: {
            ...condition.ExpressionAttributeValues,
            ...Object.fromEntries(actions.map((a, i) => [`:a${i}`, a])),
          },
        }
      : {};
    const out = await this.table.query({ ...condition, ...filter }, { ScanIndexForward: false, Limit: limit });
    const items = (out.Items ?? []).map((i) => strip<AuditEntry>(i));
    const last = out.LastEvaluatedKey?.[SORT_KEY];
    return { items, next: typeof last === 'string' ? last : null };
  }
}
