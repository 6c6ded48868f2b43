/**
 * Cases and their history (messages, timeline, department requests, notice
 * claims), with what ingest writes beside them: the delivery marker, thread
 * ids, the reference counter and unmatched automated mail.
 */
import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  type AppendMessageWrite,
  type Case,
  type CaseChange,
  type CaseMessage,
  type CaseWithHistory,
  type ContactRecordWrite,
  type DeliveryRecord,
  type DepartmentRequest,
  type LinkWrite,
  type OpenCaseWrite,
  type PendingPlan,
  type TimelineEntry,
  WriteConflictError,
} from '@housing-inbox/core';
import type { Contacts } from './contacts.js';
import {
  caseIndexAttributes,
  caseItemKind,
  keys,
  messageIndexAttributes,
  queries,
  requestIndexAttributes,
} from './keys.js';
import { notExists, type Role, strip, type Table, type TransactItem } from './table.js';

/** Delivery markers outlive any redelivery window by far; after a year DynamoDB TTL may drop them. */
const DELIVERY_MARKER_DAYS = 365;

export class Cases {
  constructor(
    private readonly table: Table,
    private readonly contacts: Contacts,
    private readonly timeZone: string,
  ) {}

  async nextCaseSequence(prefix: string, year: number): Promise<number> {
    const out = await this.table.db.send(
      new UpdateCommand({
        TableName: this.table.name,
        Key: keys.counter(prefix, year),
        UpdateExpression: 'ADD #value :one SET entity = :entity',
        ExpressionAttributeNames: { '#value': 'value' },
        ExpressionAttributeValues: { ':one': 1, ':entity': 'counter' },
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
      timeline: of('timeline').map((i) => strip<TimelineEntry>(i)),
      requests: of('request')
        .map((i) => strip<DepartmentRequest>(i))
        .sort((a, b) => a.askedAt.localeCompare(b.askedAt)),
    };
  }

  async openCase(write: OpenCaseWrite): Promise<void> {
    await this.table.transact([
      ['case', this.table.put(this.#caseItem(write.case), notExists)],
      ...this.#historyItems(write.message, write.timeline),
      ...this.#deliveryItems(write.delivery),
      ...this.contacts.writeItems(write.contact),
      ...this.#threadItems(write.threadIds, write.case.ref),
      ...this.#linkItems(write.links ?? []),
      ...this.#pendingPlanItems(write.pendingPlan),
    ]);
  }

  async appendMessage(write: AppendMessageWrite): Promise<void> {
    const current = await this.getCase(write.caseRef);
    if (!current) throw new WriteConflictError(`case ${write.caseRef} does not exist`);
    const { clearResponse, ...fields } = write.caseUpdate;
    const updated: Case = { ...current, ...fields };
    if (clearResponse) {
      delete updated.respondedAt;
      delete updated.responseOutcome;
    }
    // Every attribute that may change, the index keys derived from them included.
    const set: Record<string, unknown> = {
      status: updated.status,
      lastMessageAt: updated.lastMessageAt,
      messageCount: updated.messageCount,
      updatedAt: updated.updatedAt,
      targets: updated.targets,
      ...(fields.pendingDetails ? { pendingDetails: fields.pendingDetails } : {}),
      ...(fields.linked ? { linked: fields.linked } : {}),
      ...(fields.activity ? { activity: fields.activity } : {}),
      ...caseIndexAttributes(updated, this.timeZone),
    };
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = { ':expected': write.expectedUpdatedAt };
    const assignments = Object.entries(set).map(([k, v], i) => {
      names[`#a${i}`] = k;
      values[`:v${i}`] = v;
      return `#a${i} = :v${i}`;
    });
    const removals = clearResponse ? ' REMOVE respondedAt, responseOutcome' : '';
    await this.table.transact([
      [
        'case',
        {
          Update: {
            TableName: this.table.name,
            Key: keys.case(write.caseRef),
            UpdateExpression: `SET ${assignments.join(', ')}${removals}`,
            ConditionExpression: 'updatedAt = :expected',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
          },
        },
      ],
      ...this.#historyItems(write.message, write.timeline),
      ...this.#deliveryItems(write.delivery),
      ...(write.contact ? this.contacts.writeItems(write.contact) : []),
      ...this.#threadItems(write.threadIds, write.caseRef),
      ...this.#linkItems(write.links ?? []),
      ...this.#pendingPlanItems(write.pendingPlan),
    ]);
  }

  async recordUnmatchedAutomated(message: CaseMessage, delivery: DeliveryRecord): Promise<void> {
    await this.table.transact([
      ...this.#deliveryItems(delivery),
      ['other', this.table.put({ ...keys.automated(message.receivedAt, message.id), entity: 'automated', ...message })],
    ]);
  }

  async recordContactEvent(write: ContactRecordWrite): Promise<void> {
    await this.table.transact([
      ...this.contacts.writeItems(write.contact),
      ...this.contacts.timelineItems(write.entries),
      ...this.#timelineItems(write.caseEntries ?? []),
      ...this.#deliveryItems(write.delivery),
    ]);
  }

  async commitCaseChange(change: CaseChange): Promise<void> {
    await this.table.transact(this.changeItems(change));
  }

  /** Several cases' changes in one transaction (an officer's link, a close as duplicate, a merge's first step). */
  async commitCaseChanges(changes: CaseChange[]): Promise<void> {
    await this.table.transact(changes.flatMap((c) => this.changeItems(c)));
  }

  /** The items of one case change: the case (conditional on the updatedAt read) and what goes with it. */
  changeItems(change: CaseChange): [Role, TransactItem][] {
    const kase = change.case;
    return [
      [
        'case',
        {
          Put: {
            TableName: this.table.name,
            Item: this.#caseItem(kase),
            ConditionExpression: 'updatedAt = :expected',
            ExpressionAttributeValues: { ':expected': change.expectedUpdatedAt },
          },
        },
      ],
      ...this.#timelineItems(change.timeline),
      ...(change.messages ?? []).map((m) => this.#messageItem(m, notExists)),
      ...(change.requests ?? []).map((r): [Role, TransactItem] => [
        'other',
        this.table.put({ ...keys.request(r.caseRef, r.id), ...requestIndexAttributes(r), entity: 'request', ...r }),
      ]),
      ...this.#threadItems(change.threadIds ?? [], kase.ref),
      ...(change.contact ? [this.contacts.item(change.contact)] : []),
      ...(change.contact && change.contactClaims
        ? this.contacts.claimItems(change.contact.id, change.contactClaims)
        : []),
    ];
  }

  async claimNotice(caseRef: string, key: string, at: string): Promise<boolean> {
    try {
      await this.table.write({ ...keys.notice(caseRef, key), entity: 'notice-claim', caseRef, key, at }, notExists);
      return true;
    } catch (err) {
      if ((err as Error)?.name === 'ConditionalCheckFailedException') return false;
      throw err;
    }
  }

  /** A case's notice claims (the local stack's start looks for ones a crash left unsettled). */
  async listNoticeClaims(caseRef: string): Promise<{ key: string; at: string }[]> {
    const items = await this.table.queryAll(queries.caseHistory(caseRef), { ConsistentRead: true });
    return items
      .filter((i) => caseItemKind(String(i.sk)) === 'notice')
      .map((i) => ({ key: String(i.key), at: String(i.at) }));
  }

  async releaseNotice(caseRef: string, key: string): Promise<void> {
    await this.table.db.send(new DeleteCommand({ TableName: this.table.name, Key: keys.notice(caseRef, key) }));
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
    return timeline.map((t, seq) => [
      'other',
      this.table.put({ ...keys.timeline(t.caseRef, t.at, seq, t.id), entity: 'timeline', ...t }, notExists),
    ]);
  }

  #historyItems(message: CaseMessage, timeline: TimelineEntry[]): [Role, TransactItem][] {
    return [this.#messageItem(message), ...this.#timelineItems(timeline)];
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

  #pendingPlanItems(plan: PendingPlan | undefined): [Role, TransactItem][] {
    return plan
      ? [['other', this.table.put({ ...keys.pendingPlan(plan.caseRef), entity: 'pending-plan', ...plan })]]
      : [];
  }

  #threadItems(threadIds: string[], caseRef: string): [Role, TransactItem][] {
    return [...new Set(threadIds.map((id) => id.toLowerCase()))].map((id) => [
      'other',
      this.table.put({ ...keys.thread(id), entity: 'thread', caseRef }),
    ]);
  }
}
