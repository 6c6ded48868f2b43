/**
 * The single table: its keys and indexes, defined once. The repository builds
 * every key here; the CDK table and the local stack's CreateTable read the same
 * definition, so the three cannot drift apart.
 */
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

export const PARTITION_KEY = 'pk';
export const SORT_KEY = 'sk';
/** Epoch seconds after which DynamoDB TTL may delete an item (delivery markers). */
export const TTL_ATTRIBUTE = 'expiresAt';

/** What the monthly report reads: only these attributes are copied into its index. */
export const MONTH_INDEX_ATTRIBUTES = [
  'entity',
  'ref',
  'caseRef',
  'channel',
  'direction',
  'kind',
  'status',
  'classification',
  'targets',
  'receivedAt',
  'acknowledgedAt',
  'respondedAt',
  'responseOutcome',
  'agreedReplyDate',
  'extension',
  'logged',
] as const;

/**
 * What the lookup index holds besides its keys: whose token or queue entry it is,
 * how good a match the token is, and what a queue page filters on.
 */
export const LOOKUP_INDEX_ATTRIBUTES = [
  'ref',
  'contactId',
  'field',
  'workKind',
  'repairPriority',
  'hazardKind',
  'channel',
  'status',
] as const;

export interface IndexDefinition {
  indexName: string;
  partitionKey: string;
  sortKey: string;
  /** Attributes copied besides the keys; every attribute when absent. */
  nonKeyAttributes?: readonly string[];
}

/** Secondary indexes: the queues project every attribute (they show whole rows); reports only what they count. */
export const INDEXES = {
  /** An officer's queue: `OWNER#<id>#open|closed`, ordered by due date. */
  byOwner: { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
  /** A team's (department's) queue: `TEAM#<id>#open|closed`, ordered by due date. */
  byTeam: { indexName: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
  /** Every case: `CASES#open|closed`, ordered by due date (the managers' "all" queue). */
  byState: { indexName: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
  /** A contact's cases: `CONTACT#<id>`, sorted `open|closed#<last message>#<ref>`. */
  byContact: { indexName: 'gsi4', partitionKey: 'gsi4pk', sortKey: 'gsi4sk' },
  /** A month's cases and inbound messages: `MONTH#YYYY-MM` (local), sorted `CASE#|MSG#<received>#<id>`. */
  byMonth: { indexName: 'gsi5', partitionKey: 'gsi5pk', sortKey: 'gsi5sk', nonKeyAttributes: MONTH_INDEX_ATTRIBUTES },
  /**
   * Small items written with a case or contact: search tokens (`SEARCH#<token hash>`,
   * sorted `C#<received>#<ref>` or `P#<contact>`) and the queues' other orders
   * (`QUEUE#<order>#<queue>`, sorted by received, last activity or priority).
   */
  byLookup: { indexName: 'gsi6', partitionKey: 'gsi6pk', sortKey: 'gsi6sk', nonKeyAttributes: LOOKUP_INDEX_ATTRIBUTES },
} as const satisfies Record<string, IndexDefinition>;

export type IndexName = keyof typeof INDEXES;

/** The key and index attributes, for CDK and for CreateTable. */
export const tableDefinition = {
  partitionKey: PARTITION_KEY,
  sortKey: SORT_KEY,
  ttlAttribute: TTL_ATTRIBUTE,
  indexes: Object.values(INDEXES) as IndexDefinition[],
};

/** CreateTable input for the local stack and tests (on-demand, like the cloud table). */
export function createTableInput(tableName: string): CreateTableCommandInput {
  const attributes = new Set<string>([PARTITION_KEY, SORT_KEY]);
  for (const i of Object.values(INDEXES)) {
    attributes.add(i.partitionKey);
    attributes.add(i.sortKey);
  }
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...attributes].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: PARTITION_KEY, KeyType: 'HASH' },
      { AttributeName: SORT_KEY, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: tableDefinition.indexes.map((i) => ({
      IndexName: i.indexName,
      KeySchema: [
        { AttributeName: i.partitionKey, KeyType: 'HASH' },
        { AttributeName: i.sortKey, KeyType: 'RANGE' },
      ],
      Projection: i.nonKeyAttributes
        ? { ProjectionType: 'INCLUDE', NonKeyAttributes: [...i.nonKeyAttributes] }
        : { ProjectionType: 'ALL' },
    })),
  };
}
