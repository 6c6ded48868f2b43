/**
 * A queue page in any order but the due date reads its cases and their contacts together:
 * one Query of its queue entries and one BatchGetItem, and every row still shows its
 * resident's name (the entries carry the case's contact id, never the contact's details);
 * a manager's page does not read the officer directory (whom they cover for changes nothing), and a
 * contact erased since shows no name on the row (the contact is read with the page, not copied).
 * An entry written before it carried the id still shows the name: its contact is read after.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { type ApiDeps, createApi } from '@housing-inbox/api';
import { ManualClock } from '@housing-inbox/core';
import { documentClient, keys } from '@housing-inbox/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedStore } from '../bench/queue-search.js';
import { hightown, startTestStore, type TestStore } from './support/stack.js';

const TABLE = 'queue-reads';

describe('a queue page reads its cases and contacts in one BatchGetItem', () => {
  let store: TestStore;
  const sent: string[] = [];
  let api: ReturnType<typeof createApi>;

  beforeAll(async () => {
    store = await startTestStore(TABLE);
    store.client.middlewareStack.add(
      (next, context) => async (args) => {
        sent.push(String(context.commandName).replace(/Command$/, ''));
        return next(args);
      },
      { step: 'initialize', name: 'countRequests' },
    );
    await seedStore(documentClient(store.client), TABLE, { from: 0, to: 12, contacts: 12 });
    api = createApi({
      deps: () =>
        ({
          policy: hightown,
          repository: store.repository,
          clock: new ManualClock('2026-12-01T10:00:00Z'),
          blobs: store.blobs,
          services: {},
        }) as unknown as ApiDeps,
      authenticate: async () => ({ officerId: 'mo', role: 'manager', teamId: 'customer-services' }),
    });
  }, 60_000);
  afterAll(async () => {
    await store?.stop();
  });

  /** A page of everyone's queue, newest first, as a manager, with every DynamoDB request it made. */
  async function receivedPage() {
    sent.length = 0;
    const res = await api.request('/api/cases?queue=all&sort=received&limit=5', {
      headers: { authorization: 'Bearer x' },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      items: { ref: string; contact: { id: string; name: string | null } | null }[];
    };
    return { rows: body.items, requests: [...sent] };
  }

  it('shows every row with its resident’s name after one Query and one BatchGetItem', async () => {
    const { rows, requests } = await receivedPage();

    expect(rows).toHaveLength(5);
    for (const row of rows) expect(row.contact?.name).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
    // Nor is the officer directory read: a manager sees every case, whoever they cover for.
    expect(requests).toEqual(['Query', 'BatchGetItem']);
  });

  it('still shows the name for a queue entry written before entries carried the contact id', async () => {
    const [first] = (await receivedPage()).rows;
    const documents = documentClient(store.client);
    const key = keys.queueEntry(first?.ref as string, 'all', 'received');
    const { Item } = await documents.send(new GetCommand({ TableName: TABLE, Key: key }));
    const { contactId: _dropped, ...older } = Item as Record<string, unknown>;
    await documents.send(new PutCommand({ TableName: TABLE, Item: older }));

    const { rows, requests } = await receivedPage();

    expect(rows[0]?.ref).toBe(first?.ref);
    expect(rows[0]?.contact?.name).toBe(first?.contact?.name);
    // Its contact is read after the cases: the older cost, until `npx inbox reindex` rewrites the entry.
    expect(requests).toEqual(['Query', 'BatchGetItem', 'BatchGetItem']);
  });

  it('shows no name, email or phone on the row of a contact erased since', async () => {
    const [, second] = (await receivedPage()).rows;
    const contactId = second?.contact?.id as string;
    const erasure = { at: '2026-12-01T10:00:00.000Z', by: 'mo', reason: 'Article 17' };
    await store.repository.privacy.eraseContact(contactId, erasure, async () => {});

    const { rows } = await receivedPage();

    expect(rows[1]?.ref).toBe(second?.ref);
    expect(rows[1]?.contact).toMatchObject({ id: contactId, name: null, email: null, phone: null, postcode: null });
  });
});
