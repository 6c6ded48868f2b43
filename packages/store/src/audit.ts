/**
 * The audit trail (who looked at which confidential case, when): one
 * partition, newest first. Entries are put only where none is (never
 * overwritten) and nothing here updates or deletes them. Looks at restricted
 * cases are rare, so one partition holds them all.
 */
import type { AuditEntry, AuditTrail } from '@housing-inbox/core';
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

  async list({ limit, next }: { limit: number; next?: string }) {
    const condition: KeyCondition = {
      KeyConditionExpression: next ? '#pk = :pk AND #sk < :sk' : '#pk = :pk',
      ExpressionAttributeNames: next ? { '#pk': PARTITION_KEY, '#sk': SORT_KEY } : { '#pk': PARTITION_KEY },
      ExpressionAttributeValues: next ? { ':pk': PARTITION, ':sk': next } : { ':pk': PARTITION },
    };
    const out = await this.table.query(condition, { ScanIndexForward: false, Limit: limit });
    const items = (out.Items ?? []).map((i) => strip<AuditEntry>(i));
    const last = out.LastEvaluatedKey?.[SORT_KEY];
    return { items, next: typeof last === 'string' ? last : null };
  }
}
