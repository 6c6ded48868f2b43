/**
 * What could not be parsed or filed, kept with the reason for operators, newest first, a page at a time;
 * an entry stays after its release, marked released (who, when, the case it became).
 */
import type { Page, PageOptions, QuarantineEntry } from '@housing-inbox/core';
import { keys, queries } from './keys.js';
import { strip, type Table } from './table.js';

export class Quarantine {
  constructor(private readonly table: Table) {}

  async quarantine(entry: QuarantineEntry): Promise<void> {
    await this.table.write({ ...keys.quarantine(entry.id), entity: 'quarantine', ...entry });
  }

  async getQuarantined(id: string): Promise<QuarantineEntry | undefined> {
    return this.table.get<QuarantineEntry>(keys.quarantine(id));
  }

  /** Only an entry that is there: a release never brings back one an erasure removed. */
  async updateQuarantined(entry: QuarantineEntry): Promise<void> {
    await this.table.write({ ...keys.quarantine(entry.id), entity: 'quarantine', ...entry }, 'attribute_exists(pk)');
  }

  async listQuarantine(options: PageOptions = {}): Promise<Page<QuarantineEntry>> {
    const page = await this.table.page(queries.quarantine(), { ...options, ScanIndexForward: false });
    return { items: page.items.map((i) => strip<QuarantineEntry>(i)), next: page.next };
  }
}
