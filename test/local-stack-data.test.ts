/** The local stack refuses data it cannot serve, saying what to do, rather than failing later. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { startLocalStack, TABLE_NAME } from '@housing-inbox/local';
import { startLocalDynamoDB } from '@housing-inbox/local-dynamodb';
import { createTableInput } from '@housing-inbox/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

describe('a data folder from an older version', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'inbox-old-data-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('is refused at start with the missing index named and what to do', async () => {
    // Prepare: a table made before the month index existed.
    const db = await startLocalDynamoDB({ path: join(dataDir, 'dynamodb') });
    const client = new DynamoDBClient(db.clientConfig);
    const input = createTableInput(TABLE_NAME);
    await client.send(
      new CreateTableCommand({
        ...input,
        GlobalSecondaryIndexes: input.GlobalSecondaryIndexes?.filter((i) => i.IndexName !== 'gsi5'),
      }),
    );
    client.destroy();
    await db.stop();

    // Act / Assess
    await expect(startLocalStack({ dataDir, policy: 'hightown' })).rejects.toThrow(
      /was made by an older version \(no index gsi5\): move that folder aside or set INBOX_DATA_DIR/,
    );
  });
});
