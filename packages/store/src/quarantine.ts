/**
 * What could not be parsed or filed, kept with the reason for operators, newest first, a page at a time;
 * an entry stays after its release, marked released (who, when, the case it became).
 *
 * An entry holds (blob references, `blob-refs.ts`) its raw payload and the attachments ingest stored
 * before filing failed (`attachmentKeys`), from the transaction that writes it until it is released
 * (the case it became holds its own) or aged out by retention (`deleteQuarantined`): the bytes go
 * with their last holder.
 */
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { type Page, type PageOptions, type QuarantineEntry, quarantineBlobKeys } from '@housing-inbox/core';
import type { BlobReferences } from './blob-refs.js';
import { blobHolder, keys, queries } from './keys.js';
import { strip, type Table } from './table.js';

/** Entries a retention page reads. */
const RETENTION_PAGE = 200;

export class Quarantine {
  constructor(
    private readonly table: Table,
    private readonly blobRefs: BlobReferences,
  ) {}

  /** The entry with its hold on the raw payload and stored attachments (which filed copies of the same bytes may share). */
  async quarantine(entry: QuarantineEntry): Promise<void> {
    await this.table.transact([
      ['other', this.table.put({ ...keys.quarantine(entry.id), entity: 'quarantine', ...entry })],
      ...this.blobRefs.refItems(blobHolder.quarantine(entry.id), quarantineBlobKeys(entry), true),
    ]);
  }

  async getQuarantined(id: string): Promise<QuarantineEntry | undefined> {
    return this.table.get<QuarantineEntry>(keys.quarantine(id));
  }

  /**
   * Only an entry that is there: a release never brings back one an erasure removed. An entry
   * still held (a retry that failed again) takes holds on what it names now, in the same write.
   */
  async updateQuarantined(entry: QuarantineEntry): Promise<void> {
    const item = { ...keys.quarantine(entry.id), entity: 'quarantine', ...entry };
    if (entry.released) {
      await this.table.write(item, 'attribute_exists(pk)');
      return;
    }
    await this.table.transact([
      ['other', this.table.put(item, 'attribute_exists(pk)')],
      ...this.blobRefs.refItems(blobHolder.quarantine(entry.id), quarantineBlobKeys(entry)),
    ]);
  }

  async listQuarantine(options: PageOptions = {}): Promise<Page<QuarantineEntry>> {
    const page = await this.table.page(queries.quarantine(), { ...options, ScanIndexForward: false });
    return { items: page.items.map((i) => strip<QuarantineEntry>(i)), next: page.next };
  }

  /**
   * Entries that arrived before `before` (ISO-8601 instant), oldest first, 200 a page: a Query
   * on the sort key (`<arrived>#<id>`), so a run reads only what is due.
   */
  async arrivedBefore(before: string, options: { cursor?: string } = {}): Promise<Page<QuarantineEntry>> {
    const page = await this.table.page(queries.quarantineBefore(before), {
      limit: RETENTION_PAGE,
      cursor: options.cursor,
    });
    return { items: page.items.map((i) => strip<QuarantineEntry>(i)), next: page.next };
  }

  /**
   * Lets go of the entry's holds: each blob no other record holds is deleted through
   * `deleteBlob` (`BlobReferences.release`: kept while the table is not yet counted).
   * Each step is safe to repeat; an entry already let go of changes nothing.
   */
  async releaseHolds(entry: QuarantineEntry, deleteBlob: (key: string) => Promise<void>): Promise<void> {
    const counted = await this.blobRefs.counted();
    for (const blobKey of quarantineBlobKeys(entry)) {
      await this.blobRefs.release(blobKey, blobHolder.quarantine(entry.id), counted, deleteBlob);
    }
  }

  /** Retention: the entry's holds released (its files deleted where nothing else holds them), then the entry. */
  async deleteQuarantined(entry: QuarantineEntry, deleteBlob: (key: string) => Promise<void>): Promise<void> {
    await this.releaseHolds(entry, deleteBlob);
    await this.table.db.send(new DeleteCommand({ TableName: this.table.name, Key: keys.quarantine(entry.id) }));
  }
}
