/** What could not be parsed, kept with the reason for operators, newest first. */
import type { QuarantineEntry } from '@housing-inbox/core';
import { keys, queries } from './keys.js';
import { strip, type Table } from './table.js';

export class Quarantine {
  constructor(private readonly table: Table) {}

  async quarantine(entry: QuarantineEntry): Promise<void> {
    await this.table.write({ ...keys.quarantine(entry.id), entity: 'quarantine', ...entry });
  }

  async listQuarantine(limit = 100): Promise<QuarantineEntry[]> {
    const out = await this.table.query(queries.quarantine(), { ScanIndexForward: false, Limit: limit });
    return (out.Items ?? []).map((i) => strip<QuarantineEntry>(i));
  }
}
