/** One embedded DynamoDB per test file, and a fresh case table (the real definition) per test. */
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type LocalDynamoDB, startLocalDynamoDB } from '@housing-inbox/local-dynamodb';
import { createTableInput } from '@housing-inbox/store';
import { afterAll, beforeAll } from 'vitest';

export function useLocalDynamoDB() {
  let db: LocalDynamoDB;
  let tables = 0;
  const local = {
    client: undefined as unknown as DynamoDBClient,
    /** A new, empty table with the case store's keys and indexes. */
    async newTable(prefix = 'cases'): Promise<string> {
      const tableName = `${prefix}-${++tables}`;
      await local.client.send(new CreateTableCommand(createTableInput(tableName)));
      return tableName;
    },
  };
  beforeAll(async () => {
    db = await startLocalDynamoDB({});
    local.client = new DynamoDBClient(db.clientConfig);
  });
  afterAll(async () => {
    local.client?.destroy();
    await db?.stop();
  });
  return local;
}
