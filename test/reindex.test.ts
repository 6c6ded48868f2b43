/**
 * `npx inbox reindex`: a case and a contact stored before search tokens and queue entries
 * existed cannot be found or listed in other orders until the command rewrites them; a token
 * left from an old name goes; a second run changes nothing; `--dry-run` counts, writes nothing.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Contact } from '@housing-inbox/core';
import { startLocalDynamoDB } from '@housing-inbox/local-dynamodb';
import {
  caseIndexAttributes,
  createTableInput,
  DynamoCaseRepository,
  documentClient,
  keys,
  lookupItems,
} from '@housing-inbox/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/cli.js';
import { storedCase } from './support/stack.js';

const TABLE = 'housing-inbox';
const at = '2026-11-02T09:30:00.000Z';
const contact: Contact = { id: 'c-legacy', name: 'Amira Raman', phone: '+447700900123', postcode: 'HT1 2AB' };
const kase = storedCase({
  ref: 'HT-2026-000042',
  contactId: contact.id,
  subject: 'Boiler not working',
  receivedAt: at,
});

describe('inbox reindex', () => {
  let dataDir: string;

  /** The data folder's table, opened for `work` (the CLI opens it itself when nothing else holds it). */
  const withTable = async <T>(work: (repository: DynamoCaseRepository, client: DynamoDBClient) => Promise<T>) => {
    const db = await startLocalDynamoDB({ path: join(dataDir, 'dynamodb'), ttlSweepIntervalMs: 0 });
    const client = new DynamoDBClient(db.clientConfig);
    try {
      return await work(new DynamoCaseRepository({ tableName: TABLE, awsSdkV3Client: client }), client);
    } finally {
      client.destroy();
      await db.stop();
    }
  };
  const inbox = async (...args: string[]) => {
    return runCli(dataDir, 'reindex', ...args);
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'inbox-reindex-'));
    await withTable(async (_, client) => {
      await client.send(new CreateTableCommand(createTableInput(TABLE)));
      const documents = documentClient(client);
      // As written before search: the case and the contact, no tokens, no queue entries…
      await documents.send(
        new PutCommand({
          TableName: TABLE,
          Item: { ...keys.case(kase.ref), ...caseIndexAttributes(kase), entity: 'case', ...kase },
        }),
      );
      await documents.send(
        new PutCommand({ TableName: TABLE, Item: { ...keys.contact(contact.id), entity: 'contact', ...contact } }),
      );
      // …but one token of the name the resident had before.
      const [stale] = lookupItems(kase, { id: contact.id, name: 'Smyth' }).filter(
        (i) => i.entity === 'search-token' && i.contactId === contact.id,
      );
      await documents.send(new PutCommand({ TableName: TABLE, Item: stale }));
    });
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('makes old cases findable and listable, once, and a dry run only counts', { timeout: 60_000 }, async () => {
    const visible = () => true;
    await withTable(async (repository) => {
      expect((await repository.searchCases('07700 900123', { visible })).items).toEqual([]);
      expect((await repository.listQueue({ queue: 'all' }, { sort: 'received' })).items).toEqual([]);
    });

    const dry = await inbox('--dry-run', '--json');
    expect(dry.status).toBe(0);
    const counted = JSON.parse(dry.out);
    expect(counted).toMatchObject({
      dryRun: true,
      cases: 1,
      contacts: 1,
      casesChanged: 1,
      contactsChanged: 1,
      itemsDeleted: 1,
    });
    expect(counted.itemsPut).toBeGreaterThan(5);
    await withTable(async (repository) => {
      expect((await repository.searchCases('Amira', { visible })).items).toEqual([]);
    });

    const run = await inbox();
    expect(run.status).toBe(0);
    expect(run.out).toContain(
      `Rewrote the lookups of 1 of 1 case(s) and 1 of 1 contact(s): ${counted.itemsPut} item(s) put, 1 deleted.`,
    );
    const again = JSON.parse((await inbox('--json')).out);
    expect(again).toMatchObject({
      cases: 1,
      contacts: 1,
      casesChanged: 0,
      contactsChanged: 0,
      itemsPut: 0,
      itemsDeleted: 0,
    });

    await withTable(async (repository) => {
      for (const text of ['07700 900123', 'amira raman', 'HT1 2AB', 'HT-2026-000042', 'boiler'])
        expect(
          (await repository.searchCases(text, { visible })).items.map((c) => c.ref),
          text,
        ).toEqual([kase.ref]);
      expect((await repository.searchCases('Smyth', { visible })).items).toEqual([]);
      expect((await repository.listQueue({ queue: 'all' }, { sort: 'received' })).items.map((c) => c.ref)).toEqual([
        kase.ref,
      ]);
      // Issue 16: the contact's open cases named on its set of cases, so its next text needs no Query.
      const reads = await repository.readForIngest({ contactIds: [contact.id] });
      expect(reads.openCases?.get(contact.id)).toEqual({ complete: true, open: [kase.ref] });
    });
  });

  it('refuses a bad page size and a cloud table without a region', async () => {
    expect((await inbox('--page-size', '0')).err).toContain('--page-size must be a whole number');
    const cloud = await inbox('--table', 'prod-cases');
    expect(cloud.status).toBe(2);
    expect(cloud.err).toContain('set AWS_REGION');
  });
});
