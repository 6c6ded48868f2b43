import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CASE_STORE_ACTIONS } from '../src/constructs/case-table.js';

/** The IAM actions each lib-dynamodb / client-dynamodb command needs. */
const ACTIONS_OF: Record<string, string[]> = {
  GetCommand: ['dynamodb:GetItem'],
  GetItemCommand: ['dynamodb:GetItem'],
  PutCommand: ['dynamodb:PutItem'],
  PutItemCommand: ['dynamodb:PutItem'],
  UpdateCommand: ['dynamodb:UpdateItem'],
  UpdateItemCommand: ['dynamodb:UpdateItem'],
  DeleteCommand: ['dynamodb:DeleteItem'],
  DeleteItemCommand: ['dynamodb:DeleteItem'],
  QueryCommand: ['dynamodb:Query'],
  ScanCommand: ['dynamodb:Scan'],
  BatchGetCommand: ['dynamodb:BatchGetItem'],
  BatchWriteCommand: ['dynamodb:BatchWriteItem'],
  TransactGetCommand: ['dynamodb:GetItem'],
  TransactWriteCommand: [
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
    'dynamodb:ConditionCheckItem',
  ],
};
const S3_COMMANDS = new Set(['GetObjectCommand', 'PutObjectCommand', 'DeleteObjectCommand']);
/**
 * Store files no function runs: `npx inbox reindex` walks the table with Scan under the operator's
 * own credentials (infra/README.md, "Reindex"); the functions are deliberately not allowed to Scan.
 */
const OPERATOR_ONLY = new Set(['reindex.ts']);

describe('the functions’ table permissions follow the store', () => {
  it('grant every action the repository’s commands need (so a new access pattern cannot fail only on AWS)', () => {
    const dir = fileURLToPath(new URL('../../packages/store/src/', import.meta.url));
    const source = readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && !OPERATOR_ONLY.has(f))
      .map((f) => readFileSync(join(dir, f), 'utf8'))
      .join('\n');
    const commands = [...new Set([...source.matchAll(/new (\w+Command)\(/g)].map((m) => m[1] as string))].filter(
      (c) => !S3_COMMANDS.has(c),
    );

    expect(commands.length).toBeGreaterThan(0);
    for (const command of commands) {
      expect(ACTIONS_OF, `unknown DynamoDB command ${command}: add it here and to CASE_STORE_ACTIONS`).toHaveProperty(
        command,
      );
      for (const action of ACTIONS_OF[command] ?? []) expect(CASE_STORE_ACTIONS).toContain(action);
    }
  });

  it('never lets a function Scan the table (only the operator’s reindex does, with their own credentials)', () => {
    expect(CASE_STORE_ACTIONS).not.toContain('dynamodb:Scan');
  });
});
