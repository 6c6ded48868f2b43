import {
  type AttributeValue,
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { type LocalDynamoDB, startLocalDynamoDB } from '../src/index.js';

// The SDK warns once per process that it will want Node 22 from 2027; not news in a test run.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export type Item = Record<string, AttributeValue>;

export const TABLE = 'inbox';

/** A single-table layout like the store's: pk/sk plus one GSI. */
export async function createTable(client: DynamoDBClient, tableName = TABLE): Promise<void> {
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
        { AttributeName: 'gsi1pk', AttributeType: 'S' },
        { AttributeName: 'gsi1sk', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'gsi1',
          KeySchema: [
            { AttributeName: 'gsi1pk', KeyType: 'HASH' },
            { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    }),
  );
}

export interface Harness {
  db: LocalDynamoDB;
  client: DynamoDBClient;
  /** Another client, for requests that must arrive on separate connections. */
  newClient(): DynamoDBClient;
  close(): Promise<void>;
}

/** An in-memory local DynamoDB with the test table created. */
export async function startHarness(options: Parameters<typeof startLocalDynamoDB>[0] = {}): Promise<Harness> {
  const db = await startLocalDynamoDB({ ttlSweepIntervalMs: 0, ...options });
  const clients: DynamoDBClient[] = [];
  const newClient = (): DynamoDBClient => {
    const client = new DynamoDBClient({ ...db.clientConfig, maxAttempts: 1 });
    clients.push(client);
    return client;
  };
  const client = newClient();
  await createTable(client);
  return {
    db,
    client,
    newClient,
    close: async () => {
      for (const c of clients) c.destroy();
      await db.stop();
    },
  };
}

export const key = (pk: string, sk = 'META'): Item => ({ pk: { S: pk }, sk: { S: sk } });

export async function getItem(client: DynamoDBClient, k: Item, tableName = TABLE): Promise<Item | undefined> {
  const { Item } = await client.send(new GetItemCommand({ TableName: tableName, Key: k, ConsistentRead: true }));
  return Item;
}

export async function putItem(client: DynamoDBClient, item: Item, tableName = TABLE): Promise<void> {
  await client.send(new PutItemCommand({ TableName: tableName, Item: item }));
}

/** Resolves with the rejection of a promise that must reject. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (err) {
    return err as Error & Record<string, unknown>;
  }
  throw new Error('expected the call to fail, but it succeeded');
}
