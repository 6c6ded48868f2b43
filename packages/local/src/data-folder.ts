/**
 * The data folder (`INBOX_DATA_DIR`): the secret local tokens are signed
 * with, and the table the embedded DynamoDB keeps there.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CreateTableCommand, DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createTableInput, tableDefinition } from '@housing-inbox/store';

export const TABLE_NAME = 'housing-inbox';

export function readSecret(dataDir: string): string {
  return readFileSync(join(dataDir, 'secret.key'), 'utf8').trim();
}

export async function ensureSecret(dataDir: string): Promise<string> {
  try {
    return readSecret(dataDir);
  } catch {
    const secret = randomBytes(32).toString('hex');
    const file = join(dataDir, 'secret.key');
    await writeFile(file, secret, { mode: 0o600 });
    await chmod(file, 0o600);
    return secret;
  }
}

export async function ensureTable(client: DynamoDBClient, dataDir: string): Promise<void> {
  let existing: string[];
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: TABLE_NAME }));
    existing = (Table?.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName ?? '');
  } catch (err) {
    if ((err as Error).name !== 'ResourceNotFoundException') throw err;
    await client.send(new CreateTableCommand(createTableInput(TABLE_NAME)));
    return;
  }
  // The embedded DynamoDB cannot add an index to a table it already has: say so now,
  // rather than fail later on the first query that needs the missing index.
  const missing = tableDefinition.indexes.map((i) => i.indexName).filter((name) => !existing.includes(name));
  if (missing.length > 0) {
    throw new Error(
      `the data in ${dataDir} was made by an older version (no index ${missing.join(', ')}): move that folder aside or set INBOX_DATA_DIR to a new one`,
    );
  }
}
