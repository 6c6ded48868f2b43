/**
 * Core's `PrivacyStore`: a contact's cases for subject access, closed cases for
 * retention, and erasure — every item of a case's partition overwritten with
 * its erased form under the same keys (so the month index and the queues still
 * count it), the contact's claims and the case's email thread ids removed.
 */
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import {
  blobKeysOf,
  type Case,
  type CaseMessage,
  type Contact,
  type ContactTimelineEntry,
  type DepartmentRequest,
  type Erasure,
  eraseCase,
  eraseContact,
  eraseMessage,
  eraseRequest,
  eraseTimelineEntry,
  type PrivacyStore,
  type QuarantineEntry,
  threadIdsOf,
  WriteConflictError,
} from '@housing-inbox/core';
import { BlobReferences } from './blob-refs.js';
import type { Contacts } from './contacts.js';
import { blobHolder, caseItemKind, KEY_ATTRIBUTES, keys, queries } from './keys.js';
import type { Quarantine } from './quarantine.js';
import { type Item, strip, type Table } from './table.js';
import { rewrittenTimelineItem } from './timeline-items.js';

/** The keys and index attributes an item is stored under: kept when its contents are erased. */
function placeOf(item: Item): Item {
  return Object.fromEntries(KEY_ATTRIBUTES.filter((k) => k in item).map((k) => [k, item[k]]));
}

export class PrivacyRecords implements PrivacyStore {
  constructor(
    private readonly table: Table,
    private readonly contacts: Contacts,
    private readonly blobRefs: BlobReferences,
    private readonly quarantine: Quarantine,
  ) {}

  async casesOfContact(contactId: string): Promise<Case[]> {
    const items = await this.table.queryAll(queries.casesOfContact(contactId));
    return items.map((i) => strip<Case>(i)).sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
  }

  async closedCases(options: { cursor?: string } = {}) {
    const page = await this.table.page(queries.allCases('closed'), { limit: 200, cursor: options.cursor });
    return { items: page.items.map((i) => strip<Case>(i)), next: page.next };
  }

  quarantinedBefore(before: string, options: { cursor?: string } = {}) {
    return this.quarantine.arrivedBefore(before, options);
  }

  deleteQuarantined(entry: QuarantineEntry, deleteBlob: (key: string) => Promise<void>): Promise<void> {
    return this.quarantine.deleteQuarantined(entry, deleteBlob);
  }

  countBlobReferences(pages: number): Promise<boolean> {
    return this.blobRefs.countExisting(pages);
  }

  async eraseCase(
    ref: string,
    erasure: Erasure,
    deleteBlob: (key: string) => Promise<void>,
  ): Promise<{ blobsDeleted: number; blobsKept: number }> {
    const released = { blobsDeleted: 0, blobsKept: 0 };
    for (let attempt = 1; ; attempt++) {
      const items = await this.table.queryAll(queries.caseHistory(ref), { ConsistentRead: true });
      const caseItem = items.find((i) => caseItemKind(String(i.sk)) === 'case');
      if (!caseItem) return released;
      // The files first, while the messages still name them: a crash part-way leaves them named,
      // and erasing again releases what is left (each step of `release` is safe to repeat).
      const counted = await this.blobRefs.counted();
      const blobKeys = new Set(
        items.filter((i) => caseItemKind(String(i.sk)) === 'message').flatMap((i) => blobKeysOf(strip<CaseMessage>(i))),
      );
      for (const blobKey of blobKeys) {
        const outcome = await this.blobRefs.release(blobKey, blobHolder.case(ref), counted, deleteBlob);
        if (outcome === 'deleted') released.blobsDeleted++;
        else released.blobsKept++;
      }
      const threadIds: string[] = [];
      // The history first, the case last and only as read: a command that read the case before
      // cannot put back words this erasure removed without failing on updatedAt.
      for (const item of items) {
        const kind = caseItemKind(String(item.sk));
        if (kind === 'message') {
          const message = strip<CaseMessage>(item);
          threadIds.push(...threadIdsOf(message));
          await this.table.write({ ...placeOf(item), ...eraseMessage(message) });
        } else if (kind === 'timeline') {
          await this.table.write(rewrittenTimelineItem(item, eraseTimelineEntry));
        } else if (kind === 'request') {
          await this.table.write({ ...placeOf(item), ...eraseRequest(strip<DepartmentRequest>(item)) });
        } else if (kind === 'search') {
          // Hashed words of the subject and reference: erased words must not find the case any more.
          await this.table.db.send(
            new DeleteCommand({ TableName: this.table.name, Key: { pk: item.pk, sk: item.sk } }),
          );
        }
      }
      await Promise.all(threadIds.map((id) => this.#forgetThread(id, ref)));
      const kase = strip<Case>(caseItem);
      try {
        await this.table.db.send(
          new PutCommand({
            TableName: this.table.name,
            Item: { ...placeOf(caseItem), ...eraseCase(kase, kase.erased ?? erasure) },
            ConditionExpression: 'updatedAt = :expected',
            ExpressionAttributeValues: { ':expected': kase.updatedAt },
          }),
        );
      } catch (err) {
        if ((err as Error)?.name === 'ConditionalCheckFailedException' && attempt < 4) continue;
        if ((err as Error)?.name === 'ConditionalCheckFailedException') {
          throw new WriteConflictError(`case ${ref} kept changing while it was erased; erase again`);
        }
        throw err;
      }
      return released;
    }
  }

  async eraseContact(contactId: string, erasure: Erasure, deleteBlob: (key: string) => Promise<void>): Promise<void> {
    const contact = await this.contacts.getContact(contactId);
    if (!contact) return;
    await Promise.all([
      ...(contact.email ? [this.#deleteIfFor(keys.contactEmail(contact.email), 'contactId', contactId)] : []),
      ...(contact.phone ? [this.#deleteIfFor(keys.contactPhone(contact.phone), 'contactId', contactId)] : []),
    ]);
    // Hashed name, email, phone, postcode and address words: none may find the contact after erasure;
    // its set of cases (references only) goes with them.
    const tokens = await this.table.queryAll(queries.contactSearchTokens(contactId), { ConsistentRead: true });
    await Promise.all(
      [...tokens, keys.contactCases(contactId)].map((item) =>
        this.table.db.send(new DeleteCommand({ TableName: this.table.name, Key: { pk: item.pk, sk: item.sk } })),
      ),
    );
    const timeline = await this.table.queryAll(queries.contactTimeline(contactId), { ConsistentRead: true });
    // The raw payloads of its texts (opt-outs), before the entries that name them are erased.
    const counted = await this.blobRefs.counted();
    const rawKeys = BlobReferences.rawKeysOfEntries(timeline.map((i) => strip<ContactTimelineEntry>(i)));
    for (const rawKey of new Set(rawKeys)) {
      await this.blobRefs.release(rawKey, blobHolder.contact(contactId), counted, deleteBlob);
    }
    for (const item of timeline) {
      await this.table.write({ ...placeOf(item), ...eraseTimelineEntry(strip<ContactTimelineEntry>(item)) });
    }
    await this.table.write({
      ...keys.contact(contactId),
      entity: 'contact',
      ...eraseContact(contact, contact.erased ?? erasure),
    });
  }

  async recordContactChange(contact: Contact, entry: ContactTimelineEntry): Promise<void> {
    await this.table.transact([this.contacts.item(contact), ...this.contacts.timelineItems([entry])]);
  }

  /** A Message-ID's thread item goes only if it points at this case (another case may share a reference). */
  #forgetThread(messageId: string, ref: string): Promise<void> {
    return this.#deleteIfFor(keys.thread(messageId), 'caseRef', ref);
  }

  async #deleteIfFor(key: { pk: string; sk: string }, attribute: string, value: string): Promise<void> {
    try {
      await this.table.db.send(
        new DeleteCommand({
          TableName: this.table.name,
          Key: key,
          ConditionExpression: '#a = :v',
          ExpressionAttributeNames: { '#a': attribute },
          ExpressionAttributeValues: { ':v': value },
        }),
      );
    } catch (err) {
      if ((err as Error)?.name !== 'ConditionalCheckFailedException') throw err;
    }
  }
}
