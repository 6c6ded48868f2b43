/**
 * What could not be parsed or filed, kept with the reason for operators, newest first, a page at a time;
 * an entry stays after its release, marked released (who, when, the case it became).
 */
import type { Page, PageOptions, QuarantineEntry } from '@housing-inbox/core';
import type { BlobReferences } from './blob-refs.js';
import { blobHolder, keys, queries } from './keys.js';
import { strip, type Table } from './table.js';

export class Quarantine {
  constructor(
    private readonly table: Table,
    private readonly blobRefs: BlobReferences,
  ) {}

  /** The entry with its hold on the raw payload (which a filed copy of the same bytes may share). */
  async quarantine(entry: QuarantineEntry): Promise<void> {
    await this.table.transact([
      ['other', this.table.put({ ...keys.quarantine(entry.id), entity: 'quarantine', ...entry })],
      ...this.blobRefs.refItems(blobHolder.quarantine(entry.id), [entry.rawKey]),
    ]);
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
