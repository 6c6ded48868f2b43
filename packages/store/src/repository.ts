/**
 * The case store on DynamoDB (lib-dynamodb). All access patterns live here;
 * see README.md for the list and the keys they use.
 */
import { DynamoDBClient, type DynamoDBClientConfig, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import {
  type AppendMessageWrite,
  type Case,
  type CaseChange,
  type CaseMessage,
  type CaseRepository,
  type CaseWithHistory,
  type Contact,
  type ContactWrite,
  type DeliveryRecord,
  type DepartmentRequest,
  DuplicateDeliveryError,
  type MonthActivity,
  type Officer,
  type OpenCaseWrite,
  type QuarantineEntry,
  type QueuePage,
  type QueueSelector,
  type TimelineEntry,
  WriteConflictError,
} from '@housing-inbox/core';
import {
  caseIndexAttributes,
  KEY_ATTRIBUTES,
  type Key,
  keys,
  messageIndexAttributes,
  requestIndexAttributes,
} from './keys.js';
import { INDEXES } from './schema.js';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** Why each transaction item is there, so a cancellation maps to the right error. */
type Role = 'delivery' | 'contact' | 'case' | 'other';

/** Delivery markers outlive any redelivery window by far; after a year DynamoDB TTL may drop them. */
const DELIVERY_MARKER_DAYS = 365;

export interface DynamoCaseRepositoryOptions {
  tableName: string;
  /** An existing client (tests, or one built once per Lambda container); built from `clientConfig` otherwise. */
  awsSdkV3Client?: DynamoDBDocumentClient | DynamoDBClient;
  clientConfig?: DynamoDBClientConfig;
  /** The landlord's time zone: reports count by local month of receipt. */
  timeZone?: string;
}

export function documentClient(client: DynamoDBDocumentClient | DynamoDBClient): DynamoDBDocumentClient {
  if (client instanceof DynamoDBDocumentClient) return client;
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

function strip<T>(item: Record<string, unknown>): T {
  const copy = { ...item };
  for (const k of KEY_ATTRIBUTES) delete copy[k];
  return copy as T;
}

const notExists = 'attribute_not_exists(pk)';

export class DynamoCaseRepository implements CaseRepository {
  readonly #db: DynamoDBDocumentClient;
  readonly #table: string;
  readonly #timeZone: string;

  constructor(options: DynamoCaseRepositoryOptions) {
    this.#table = options.tableName;
    this.#timeZone = options.timeZone ?? 'Europe/London';
    this.#db = documentClient(options.awsSdkV3Client ?? new DynamoDBClient(options.clientConfig ?? {}));
  }

  async nextCaseSequence(prefix: string, year: number): Promise<number> {
    const out = await this.#db.send(
      new UpdateCommand({
        TableName: this.#table,
        Key: keys.counter(prefix, year),
        UpdateExpression: 'ADD #value :one SET entity = :entity',
        ExpressionAttributeNames: { '#value': 'value' },
        ExpressionAttributeValues: { ':one': 1, ':entity': 'counter' },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(out.Attributes?.value);
  }

  async findDelivery(dedupeKey: string): Promise<DeliveryRecord | undefined> {
    return this.#get<DeliveryRecord>(keys.delivery(dedupeKey));
  }

  async findCaseRefByThreadId(messageId: string): Promise<string | undefined> {
    return (await this.#get<{ caseRef: string }>(keys.thread(messageId)))?.caseRef;
  }

  async getCase(ref: string): Promise<Case | undefined> {
    return this.#get<Case>(keys.case(ref));
  }

  async getContact(id: string): Promise<Contact | undefined> {
    return this.#get<Contact>(keys.contact(id));
  }

  async findContactByEmail(email: string): Promise<Contact | undefined> {
    const claim = await this.#get<{ contactId: string }>(keys.contactEmail(email));
    return claim ? this.getContact(claim.contactId) : undefined;
  }

  async findContactByPhone(phone: string): Promise<Contact | undefined> {
    const claim = await this.#get<{ contactId: string }>(keys.contactPhone(phone));
    return claim ? this.getContact(claim.contactId) : undefined;
  }

  async getCaseWithHistory(ref: string): Promise<CaseWithHistory | undefined> {
    const items = await this.#queryAll({
      TableName: this.#table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.case(ref).pk },
      ConsistentRead: true,
    });
    const caseItem = items.find((i) => i.sk === '#CASE');
    if (!caseItem) return undefined;
    const kase = strip<Case>(caseItem);
    return {
      case: kase,
      contact: await this.getContact(kase.contactId),
      messages: items.filter((i) => String(i.sk).startsWith('MSG#')).map((i) => strip<CaseMessage>(i)),
      timeline: items.filter((i) => String(i.sk).startsWith('TL#')).map((i) => strip<TimelineEntry>(i)),
      requests: items
        .filter((i) => String(i.sk).startsWith('REQ#'))
        .map((i) => strip<DepartmentRequest>(i))
        .sort((a, b) => a.askedAt.localeCompare(b.askedAt)),
    };
  }

  async findOpenCaseForContact(contactId: string): Promise<Case | undefined> {
    const { byContact } = INDEXES;
    const out = await this.#db.send(
      new QueryCommand({
        TableName: this.#table,
        IndexName: byContact.indexName,
        KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :open)',
        ExpressionAttributeNames: { '#pk': byContact.partitionKey, '#sk': byContact.sortKey },
        ExpressionAttributeValues: { ':pk': `CONTACT#${contactId}`, ':open': 'open#' },
        ScanIndexForward: false,
        Limit: 1,
      }),
    );
    const item = out.Items?.[0];
    return item ? strip<Case>(item) : undefined;
  }

  async openCase(write: OpenCaseWrite): Promise<void> {
    const items: [Role, TransactItem][] = [
      [
        'case',
        this.#put(
          {
            ...keys.case(write.case.ref),
            ...caseIndexAttributes(write.case, this.#timeZone),
            entity: 'case',
            ...write.case,
          },
          notExists,
        ),
      ],
      ...this.#historyItems(write.message, write.timeline),
      ['delivery', this.#deliveryItem(write.delivery)],
      ...this.#contactItems(write.contact),
      ...this.#threadItems(write.threadIds, write.case.ref),
    ];
    await this.#transact(items);
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
    const index = caseIndexAttributes(updated, this.#timeZone);
    // Every attribute that may change, the index keys derived from them included.
    const set: Record<string, unknown> = {
      status: updated.status,
      lastMessageAt: updated.lastMessageAt,
      messageCount: updated.messageCount,
      updatedAt: updated.updatedAt,
      targets: updated.targets,
      ...index,
    };
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = { ':expected': write.expectedUpdatedAt };
    const assignments = Object.entries(set).map(([k, v], i) => {
      names[`#a${i}`] = k;
      values[`:v${i}`] = v;
      return `#a${i} = :v${i}`;
    });
    const removals = clearResponse ? ' REMOVE respondedAt, responseOutcome' : '';
    const items: [Role, TransactItem][] = [
      [
        'case',
        {
          Update: {
            TableName: this.#table,
            Key: keys.case(write.caseRef),
            UpdateExpression: `SET ${assignments.join(', ')}${removals}`,
            ConditionExpression: 'updatedAt = :expected',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
          },
        },
      ],
      ...this.#historyItems(write.message, write.timeline),
      ['delivery', this.#deliveryItem(write.delivery)],
      ...(write.contact ? this.#contactItems(write.contact) : []),
      ...this.#threadItems(write.threadIds, write.caseRef),
    ];
    await this.#transact(items);
  }

  async recordUnmatchedAutomated(message: CaseMessage, delivery: DeliveryRecord): Promise<void> {
    await this.#transact([
      ['delivery', this.#deliveryItem(delivery)],
      ['other', this.#put({ ...keys.automated(message.receivedAt, message.id), entity: 'automated', ...message })],
    ]);
  }

  async quarantine(entry: QuarantineEntry): Promise<void> {
    await this.#db.send(
      new PutCommand({
        TableName: this.#table,
        Item: { ...keys.quarantine(entry.id), entity: 'quarantine', ...entry },
      }),
    );
  }

  async listQuarantine(limit = 100): Promise<QuarantineEntry[]> {
    const out = await this.#db.send(
      new QueryCommand({
        TableName: this.#table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': 'QUARANTINE' },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (out.Items ?? []).map((i) => strip<QuarantineEntry>(i));
  }

  async listQueue(
    selector: QueueSelector,
    options: { limit?: number; cursor?: string; status?: 'open' | 'closed' } = {},
  ): Promise<QueuePage> {
    const state = options.status ?? 'open';
    const [index, pk] =
      selector.queue === 'owner'
        ? [INDEXES.byOwner, `OWNER#${selector.ownerId}#${state}`]
        : selector.queue === 'team'
          ? [INDEXES.byTeam, `TEAM#${selector.teamId}#${state}`]
          : [INDEXES.byState, `CASES#${state}`];
    const out = await this.#db.send(
      new QueryCommand({
        TableName: this.#table,
        IndexName: index.indexName,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': index.partitionKey },
        ExpressionAttributeValues: { ':pk': pk },
        Limit: Math.min(Math.max(options.limit ?? 50, 1), 200),
        ExclusiveStartKey: options.cursor ? decodeCursor(options.cursor) : undefined,
      }),
    );
    return {
      items: (out.Items ?? []).map((i) => strip<Case>(i)),
      next: out.LastEvaluatedKey ? encodeCursor(out.LastEvaluatedKey) : null,
    };
  }

  async listMonth(month: string): Promise<MonthActivity> {
    const { byMonth } = INDEXES;
    const items = await this.#queryAll({
      TableName: this.#table,
      IndexName: byMonth.indexName,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': byMonth.partitionKey },
      ExpressionAttributeValues: { ':pk': `MONTH#${month}` },
    });
    const of = (prefix: string) => items.filter((i) => String(i[byMonth.sortKey]).startsWith(prefix));
    return {
      cases: of('CASE#').map((i) => strip<MonthActivity['cases'][number]>(i)),
      messages: of('MSG#').map((i) => strip<MonthActivity['messages'][number]>(i)),
    };
  }

  async countOpenCases(ownerId: string): Promise<number> {
    let count = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.#db.send(
        new QueryCommand({
          TableName: this.#table,
          IndexName: INDEXES.byOwner.indexName,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': INDEXES.byOwner.partitionKey },
          ExpressionAttributeValues: { ':pk': `OWNER#${ownerId}#open` },
          Select: 'COUNT',
          ExclusiveStartKey: start,
        }),
      );
      count += out.Count ?? 0;
      start = out.LastEvaluatedKey;
    } while (start);
    return count;
  }

  async putOfficer(officer: Officer): Promise<void> {
    await this.#db.send(
      new PutCommand({ TableName: this.#table, Item: { ...keys.officer(officer.id), entity: 'officer', ...officer } }),
    );
  }

  async getOfficer(id: string): Promise<Officer | undefined> {
    return this.#get<Officer>(keys.officer(id));
  }

  async commitCaseChange(change: CaseChange): Promise<void> {
    const kase = change.case;
    const items: [Role, TransactItem][] = [
      [
        'case',
        {
          Put: {
            TableName: this.#table,
            Item: { ...keys.case(kase.ref), ...caseIndexAttributes(kase, this.#timeZone), entity: 'case', ...kase },
            ConditionExpression: 'updatedAt = :expected',
            ExpressionAttributeValues: { ':expected': change.expectedUpdatedAt },
          },
        },
      ],
      ...change.timeline.map((t, seq): [Role, TransactItem] => [
        'other',
        this.#put({ ...keys.timeline(t.caseRef, t.at, seq, t.id), entity: 'timeline', ...t }, notExists),
      ]),
      ...(change.messages ?? []).map((m): [Role, TransactItem] => [
        'other',
        this.#put(
          {
            ...keys.message(m.caseRef, m.receivedAt, m.id),
            ...messageIndexAttributes(m, this.#timeZone),
            entity: 'message',
            ...m,
          },
          notExists,
        ),
      ]),
      ...(change.requests ?? []).map((r): [Role, TransactItem] => [
        'other',
        this.#put({ ...keys.request(r.caseRef, r.id), ...requestIndexAttributes(r), entity: 'request', ...r }),
      ]),
      ...this.#threadItems(change.threadIds ?? [], kase.ref),
      ...(change.contact
        ? [
            ['contact', this.#put({ ...keys.contact(change.contact.id), entity: 'contact', ...change.contact })] as [
              Role,
              TransactItem,
            ],
          ]
        : []),
    ];
    await this.#transact(items);
  }

  async listTeamRequests(department: string, status: 'open' | 'done' = 'open'): Promise<DepartmentRequest[]> {
    const items = await this.#queryAll({
      TableName: this.#table,
      IndexName: INDEXES.byTeam.indexName,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': INDEXES.byTeam.partitionKey },
      ExpressionAttributeValues: { ':pk': `TEAMREQ#${department}#${status}` },
    });
    return items.map((i) => strip<DepartmentRequest>(i));
  }

  async claimNotice(caseRef: string, key: string, at: string): Promise<boolean> {
    try {
      await this.#db.send(
        new PutCommand({
          TableName: this.#table,
          Item: { ...keys.notice(caseRef, key), entity: 'notice-claim', caseRef, key, at },
          ConditionExpression: notExists,
        }),
      );
      return true;
    } catch (err) {
      if ((err as Error)?.name === 'ConditionalCheckFailedException') return false;
      throw err;
    }
  }

  async releaseNotice(caseRef: string, key: string): Promise<void> {
    await this.#db.send(new DeleteCommand({ TableName: this.#table, Key: keys.notice(caseRef, key) }));
  }

  async listOfficers(): Promise<Officer[]> {
    const items = await this.#queryAll({
      TableName: this.#table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :officer)',
      ExpressionAttributeValues: { ':pk': 'DIRECTORY', ':officer': 'OFFICER#' },
    });
    return items.map((i) => strip<Officer>(i));
  }

  // ── helpers ──────────────────────────────────────────────────────────────

  async #get<T>(key: Key): Promise<T | undefined> {
    const out = await this.#db.send(new GetCommand({ TableName: this.#table, Key: key, ConsistentRead: true }));
    return out.Item ? strip<T>(out.Item) : undefined;
  }

  async #queryAll(input: QueryCommandInput): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.#db.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
      items.push(...(out.Items ?? []));
      start = out.LastEvaluatedKey;
    } while (start);
    return items;
  }

  #put(item: Record<string, unknown>, condition?: string): TransactItem {
    return { Put: { TableName: this.#table, Item: item, ...(condition ? { ConditionExpression: condition } : {}) } };
  }

  #historyItems(message: CaseMessage, timeline: TimelineEntry[]): [Role, TransactItem][] {
    return [
      [
        'other',
        this.#put({
          ...keys.message(message.caseRef, message.receivedAt, message.id),
          ...messageIndexAttributes(message, this.#timeZone),
          entity: 'message',
          ...message,
        }),
      ],
      ...timeline.map((t, seq): [Role, TransactItem] => [
        'other',
        this.#put({ ...keys.timeline(t.caseRef, t.at, seq, t.id), entity: 'timeline', ...t }, notExists),
      ]),
    ];
  }

  #deliveryItem(delivery: DeliveryRecord): TransactItem {
    const expiresAt = Math.floor(new Date(delivery.at).getTime() / 1000) + DELIVERY_MARKER_DAYS * 86_400;
    return this.#put({ ...keys.delivery(delivery.dedupeKey), entity: 'delivery', ...delivery, expiresAt }, notExists);
  }

  #contactItems(write: ContactWrite): [Role, TransactItem][] {
    const { contact } = write;
    const claim = (key: Key): [Role, TransactItem] => [
      'contact',
      {
        Put: {
          TableName: this.#table,
          Item: { ...key, entity: 'contact-key', contactId: contact.id },
          // Claim a free key, or keep one already ours.
          ConditionExpression: 'attribute_not_exists(pk) OR contactId = :id',
          ExpressionAttributeValues: { ':id': contact.id },
        },
      },
    ];
    return [
      [
        'contact',
        this.#put({ ...keys.contact(contact.id), entity: 'contact', ...contact }, write.isNew ? notExists : undefined),
      ],
      ...(write.claimEmail ? [claim(keys.contactEmail(write.claimEmail))] : []),
      ...(write.claimPhone ? [claim(keys.contactPhone(write.claimPhone))] : []),
    ];
  }

  #threadItems(threadIds: string[], caseRef: string): [Role, TransactItem][] {
    return [...new Set(threadIds.map((id) => id.toLowerCase()))].map((id) => [
      'other',
      this.#put({ ...keys.thread(id), entity: 'thread', caseRef }),
    ]);
  }

  async #transact(items: [Role, TransactItem][]): Promise<void> {
    try {
      await this.#db.send(new TransactWriteCommand({ TransactItems: items.map(([, item]) => item) }));
    } catch (err) {
      if (!(err instanceof TransactionCanceledException) && (err as Error)?.name !== 'TransactionCanceledException')
        throw err;
      const reasons = (err as TransactionCanceledException).CancellationReasons ?? [];
      const failed = reasons
        .map((r, i) => (r.Code && r.Code !== 'None' ? items[i]?.[0] : undefined))
        .filter((r): r is Role => r !== undefined);
      if (failed.includes('delivery')) throw new DuplicateDeliveryError('this delivery was already ingested');
      throw new WriteConflictError(`write conflicted (${failed.join(', ') || 'unknown item'}); read again and retry`);
    }
  }
}

function encodeCursor(key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

function decodeCursor(cursor: string): Record<string, unknown> {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (value && typeof value === 'object') return value;
  } catch {}
  throw new RangeError('invalid page cursor');
}
