/**
 * Cases and their history (messages, timeline, department requests), with what ingest writes beside them: the delivery marker, thread
 * ids, the reference counter and unmatched automated mail.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  type AppendMessageWrite,
  blobKeysOf,
  type Case,
  type CaseChange,
  type CaseMessage,
  type CaseWithHistory,
  type ContactRecordWrite,
  type ContactWrite,
  type DeliveryRecord,
  type DepartmentRequest,
  type LinkWrite,
  type OfficerNotification,
  type OpenCaseWrite,
  type TimelineEntry,
} from '@housing-inbox/core';
import { BlobReferences } from './blob-refs.js';
import type { Contacts } from './contacts.js';
import { caseIndexAttributes, requestIndexAttributes } from './index-keys.js';
import { blobHolder, caseItemKind, keys, queries } from './keys.js';
import { caseLookupWrites, contactLookupWrites, joinContactCases } from './lookup-writes.js';
import { countedInItems, messageIndexAttributes } from './month-keys.js';
import { notificationItems } from './notifications.js';
import { pendingPlanItems } from './plans.js';
import { ReferenceBlocks } from './references.js';
import { notExists, type Role, strip, type Table, type TransactItem } from './table.js';
import { timelineEntriesOf, timelineItems } from './timeline-items.js';

/** Delivery markers outlive any redelivery window by far; after a year DynamoDB TTL may drop them. */
const DELIVERY_MARKER_DAYS = 365;
/** DynamoDB's limit on the items of one TransactWriteItems. */
const MAX_TRANSACTION_ITEMS = 100;

export class Cases {
  constructor(
    private readonly table: Table,
    private readonly contacts: Contacts,
    private readonly timeZone: string,
    private readonly blobRefs: BlobReferences,
    maxReferenceBlock?: number,
  ) {
    this.#references = new ReferenceBlocks((p, y, n) => this.#reserveNumbers(p, y, n), maxReferenceBlock);
  }

  readonly #references: ReferenceBlocks;

  /** Handed out from this process's block of the year's numbers (`references.ts`). */
  nextCaseSequence(prefix: string, year: number): Promise<number> {
    return this.#references.next(prefix, year);
  }

  /** `count` more numbers of the year's counter, by one atomic increment: the last of them. */
  async #reserveNumbers(prefix: string, year: number, count: number): Promise<number> {
    const out = await this.table.db.send(
      new UpdateCommand({
        TableName: this.table.name,
        Key: keys.counter(prefix, year),
        UpdateExpression: 'ADD #value :count SET entity = :entity',
        ExpressionAttributeNames: { '#value': 'value' },
        ExpressionAttributeValues: { ':count': count, ':entity': 'counter' },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(out.Attributes?.value);
  }

  findDelivery(dedupeKey: string): Promise<DeliveryRecord | undefined> {
    return this.table.get<DeliveryRecord>(keys.delivery(dedupeKey));
  }

  async findCaseRefByThreadId(messageId: string): Promise<string | undefined> {
    return (await this.table.get<{ caseRef: string }>(keys.thread(messageId)))?.caseRef;
  }

  getCase(ref: string): Promise<Case | undefined> {
    return this.table.get<Case>(keys.case(ref));
  }

  async getCaseWithHistory(ref: string): Promise<CaseWithHistory | undefined> {
    const items = await this.table.queryAll(queries.caseHistory(ref), { ConsistentRead: true });
    const of = (kind: ReturnType<typeof caseItemKind>) => items.filter((i) => caseItemKind(String(i.sk)) === kind);
    const caseItem = of('case')[0];
    if (!caseItem) return undefined;
    const kase = strip<Case>(caseItem);
    return {
      case: kase,
      contact: await this.contacts.getContact(kase.contactId),
      messages: of('message').map((i) => strip<CaseMessage>(i)),
      timeline: of('timeline').flatMap(timelineEntriesOf),
      requests: of('request')
        .map((i) => strip<DepartmentRequest>(i))
        .sort((a, b) => a.askedAt.localeCompare(b.askedAt)),
      ...(of('officer-email').length
        ? { officerEmailsDue: of('officer-email').map((i) => strip<OfficerNotification>(i)) }
        : {}),
    };
  }

  async openCase(write: OpenCaseWrite): Promise<void> {
    const refs = [
      ...this.blobRefs.messageRefItems(write.case.ref, write.message, true),
      ...(write.also ?? []).flatMap((also) => this.blobRefs.messageRefItems(also.case.ref, also.message, true)),
    ];
    await this.#transactWithRefs(refs, [
      ['case', this.table.put(this.#caseItem(write.case), notExists)],
      ...caseLookupWrites(
        this.table,
        undefined,
        write.case,
        write.also?.map((also) => also.case),
        write.contact.isNew,
      ),
      ...this.#historyItems(write.message, write.timeline),
      ...this.#deliveryItems(write.delivery),
      ...this.contacts.writeItems(write.contact, write.numberCase),
      ...(await this.#contactLookup(write.contact)),
      ...this.#threadItems(write.threadIds, write.case.ref),
      ...this.#linkItems(write.links ?? []),
      ...pendingPlanItems(this.table, write.pendingPlan),
      // The second clock the same message starts: a case of its own, in the same transaction.
      ...(write.also ?? []).flatMap((also): [Role, TransactItem][] => [
        ['case', this.table.put(this.#caseItem(also.case), notExists)],
        ...this.#historyItems(also.message, also.timeline),
        ...pendingPlanItems(this.table, also.pendingPlan),
      ]),
      ...notificationItems(this.table, write.notifications ?? []),
      ...(write.officerEmailsDue ?? []).map((n): [Role, TransactItem] => [
        'other',
        this.table.put({ ...keys.officerEmailDue(n.caseRef, n.id), entity: 'officer-email', ...n }),
      ]),
    ]);
  }

  /**
   * A message added to a case: the whole case as ingest decided it (a new
   * round's targets, the earlier round's outcome gone) put in one transaction
   * with the message, its timeline, the delivery marker and the pending plan,
   * only if the case is still as it was read.
   */
  async appendMessage(write: AppendMessageWrite): Promise<void> {
    if (write.case.ref !== write.caseRef)
      throw new Error(`appendMessage: case ${write.case.ref} is not ${write.caseRef}`);
    // What the case was, to rewrite only the queue entries and search tokens that change: as
    // ingest read it (the Put below holds only over that version), or read here.
    const before =
      write.before?.updatedAt === write.expectedUpdatedAt ? write.before : await this.getCase(write.caseRef);
    await this.#transactWithRefs(this.blobRefs.messageRefItems(write.caseRef, write.message, true), [
      ['case', this.#putIfUnchanged(write.case, write.expectedUpdatedAt)],
      ...caseLookupWrites(this.table, before, write.case),
      ...this.#historyItems(write.message, write.timeline),
      ...this.#deliveryItems(write.delivery),
      ...(write.contact
        ? this.contacts.writeItems(write.contact, write.numberCase)
        : write.numberCase
          ? this.contacts.numberCaseItems(write.numberCase)
          : []),
      ...(write.contact ? await this.#contactLookup(write.contact) : []),
      ...this.#threadItems(write.threadIds, write.caseRef),
      ...this.#linkItems(write.links ?? []),
      ...pendingPlanItems(this.table, write.pendingPlan),
      ...this.#countedInItems(write.case, before),
    ]);
  }

  async recordUnmatchedAutomated(message: CaseMessage, delivery: DeliveryRecord): Promise<void> {
    await this.table.transact([
      ...this.#deliveryItems(delivery),
      ['other', this.table.put({ ...keys.automated(message.receivedAt, message.id), entity: 'automated', ...message })],
      ...this.blobRefs.refItems(blobHolder.automated(message.receivedAt, message.id), blobKeysOf(message), true),
    ]);
  }

  async recordContactEvent(write: ContactRecordWrite): Promise<void> {
    await this.table.transact([
      ...this.contacts.writeItems(write.contact),
      ...(await this.#contactLookup(write.contact)),
      ...this.contacts.timelineItems(write.entries),
      ...this.#timelineItems(write.caseEntries ?? []),
      ...this.#deliveryItems(write.delivery),
      // The text's raw payload, held by the contact (its case entry names the same delivery).
      ...this.blobRefs.refItems(
        blobHolder.contact(write.contact.contact.id),
        BlobReferences.rawKeysOfEntries(write.entries),
        true,
      ),
    ]);
  }

  async commitCaseChange(change: CaseChange): Promise<void> {
    await this.table.transact(await this.changeItems(change));
  }

  /** Several cases' changes in one transaction (an officer's link, a close as duplicate, a merge's first step). */
  async commitCaseChanges(changes: CaseChange[]): Promise<void> {
    const items = (await Promise.all(changes.map((c) => this.changeItems(c)))).flat();
    await this.table.transact(joinContactCases(this.table, items));
  }

  /** The items of one case change: the case (conditional on the updatedAt read) and what goes with it. */
  async changeItems(change: CaseChange): Promise<[Role, TransactItem][]> {
    const kase = change.case;
    // What the case was, to rewrite only the lookup items that change (the Put below is conditional on it).
    const before = await this.getCase(kase.ref);
    return [
      ['case', this.#putIfUnchanged(kase, change.expectedUpdatedAt)],
      ...this.#timelineItems(change.timeline),
      ...(change.messages ?? []).map((m) => this.#messageItem(m, notExists)),
      ...(change.messages ?? []).flatMap((m) => this.blobRefs.messageRefItems(kase.ref, m)),
      ...(change.requests ?? []).map((r): [Role, TransactItem] => [
        'other',
        this.table.put({ ...keys.request(r.caseRef, r.id), ...requestIndexAttributes(r), entity: 'request', ...r }),
      ]),
      ...caseLookupWrites(this.table, before, kase),
      ...this.#threadItems(change.threadIds ?? [], kase.ref),
      ...this.#countedInItems(kase, before),
      ...(change.contact ? [this.contacts.item(change.contact)] : []),
      ...(change.contact ? await this.#contactLookup({ contact: change.contact, isNew: false }) : []),
      ...(change.contact && change.contactClaims
        ? this.contacts.claimItems(change.contact.id, change.contactClaims)
        : []),
    ];
  }

  /**
   * One transaction with the blob references of the message it writes. Were the
   * references to take it past DynamoDB's 100 items (a message with dozens of
   * attachments), those that do not fit are put just before it: a reference
   * without its message (the transaction then fails) keeps a blob, never loses one.
   */
  async #transactWithRefs(refs: [Role, TransactItem][], items: [Role, TransactItem][]): Promise<void> {
    const { inside, early } = BlobReferences.fit(refs, MAX_TRANSACTION_ITEMS - items.length);
    if (early.length > 0) await this.table.putMany(early);
    await this.table.transact([...items, ...inside]);
  }

  /** The case put whole, only if its updatedAt is still the one that was read. */
  #putIfUnchanged(kase: Case, expectedUpdatedAt: string): TransactItem {
    return {
      Put: {
        TableName: this.table.name,
        Item: this.#caseItem(kase),
        ConditionExpression: 'updatedAt = :expected',
        ExpressionAttributeValues: { ':expected': expectedUpdatedAt },
      },
    };
  }

  /** The case filed under each month it counts in besides its receipt, the ones `before` lacked (idempotent puts). */
  #countedInItems(kase: Case, before: Case | undefined): [Role, TransactItem][] {
    return countedInItems(kase, this.timeZone, before).map((item) => ['other', this.table.put(item)]);
  }

  /** The contact's search tokens as they change: a known contact is read first to see which, unless ingest did. */
  async #contactLookup(write: Pick<ContactWrite, 'contact' | 'isNew' | 'before'>): Promise<[Role, TransactItem][]> {
    const before = write.isNew ? undefined : (write.before ?? (await this.contacts.getContact(write.contact.id)));
    return contactLookupWrites(this.table, before, write.contact);
  }

  #caseItem(kase: Case): Record<string, unknown> {
    return { ...keys.case(kase.ref), ...caseIndexAttributes(kase, this.timeZone), entity: 'case', ...kase };
  }

  #messageItem(message: CaseMessage, condition?: string): [Role, TransactItem] {
    return [
      'other',
      this.table.put(
        {
          ...keys.message(message.caseRef, message.receivedAt, message.id),
          ...messageIndexAttributes(message, this.timeZone),
          entity: 'message',
          ...message,
        },
        condition,
      ),
    ];
  }

  /** Append-only: an entry is never overwritten. */
  #timelineItems(timeline: TimelineEntry[]): [Role, TransactItem][] {
    return timelineItems(this.table, timeline);
  }

  /** Ingest's message and its entries, those of one instant as one item (`timeline-items.ts`). */
  #historyItems(message: CaseMessage, timeline: TimelineEntry[]): [Role, TransactItem][] {
    return [this.#messageItem(message), ...timelineItems(this.table, timeline, true)];
  }

  /** A marker under the delivery's key and under each alias (the transport's id), all conditional. */
  #deliveryItems(delivery: DeliveryRecord): [Role, TransactItem][] {
    const expiresAt = Math.floor(new Date(delivery.at).getTime() / 1000) + DELIVERY_MARKER_DAYS * 86_400;
    const { aliases = [], ...record } = delivery;
    return [...new Set([delivery.dedupeKey, ...aliases])].map((key) => [
      'delivery',
      this.table.put({ ...keys.delivery(key), entity: 'delivery', ...record, dedupeKey: key, expiresAt }, notExists),
    ]);
  }

  /**
   * The link back on each case a message quoted: appended to its `linked` list with a
   * timeline entry, only if the case is still as it was read (its updatedAt moves on, so a
   * command that read it before cannot put back a copy without the link).
   */
  #linkItems(links: LinkWrite[]): [Role, TransactItem][] {
    return links.flatMap((l): [Role, TransactItem][] => [
      [
        'case',
        {
          Update: {
            TableName: this.table.name,
            Key: keys.case(l.ref),
            UpdateExpression: 'SET linked = list_append(if_not_exists(linked, :none), :link), updatedAt = :now',
            ConditionExpression: 'updatedAt = :expected',
            ExpressionAttributeValues: {
              ':none': [],
              ':link': [l.link],
              ':now': l.updatedAt,
              ':expected': l.expectedUpdatedAt,
            },
          },
        },
      ],
      ...this.#timelineItems([l.entry]),
    ]);
  }

  #threadItems(threadIds: string[], caseRef: string): [Role, TransactItem][] {
    return [...new Set(threadIds.map((id) => id.toLowerCase()))].map((id) => [
      'other',
      this.table.put({ ...keys.thread(id), entity: 'thread', caseRef }),
    ]);
  }
}
