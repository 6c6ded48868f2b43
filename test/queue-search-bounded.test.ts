/**
 * A queue page and a search cost the same number of DynamoDB requests whatever the
 * table holds: counted by SDK middleware on the real repository, on a store of 60
 * cases and again after 400 more (no timings here: speed is `npm run bench`).
 */
import { documentClient } from '@housing-inbox/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededDetails, seedStore } from '../bench/queue-search.js';
import { startTestStore, type TestStore } from './support/stack.js';

const CONTACTS = 30;

describe('queue pages and searches are bounded queries', () => {
  let store: TestStore;
  const sent: string[] = [];

  beforeAll(async () => {
    store = await startTestStore('bounded');
    store.client.middlewareStack.add(
      (next, context) => async (args) => {
        sent.push(String(context.commandName));
        return next(args);
      },
      { step: 'initialize', name: 'countRequests' },
    );
    await seedStore(documentClient(store.client), 'bounded', { from: 0, to: 60, contacts: CONTACTS });
  }, 120_000);
  afterAll(async () => {
    await store?.stop();
  });

  /** The requests one page of each kind makes, and how many cases each found. */
  async function costs() {
    const { repository } = store;
    const measure = async (run: () => Promise<{ items: unknown[] }>) => {
      sent.length = 0;
      const page = await run();
      return { requests: [...sent], found: page.items.length };
    };
    const visible = () => true;
    return {
      teamDue: await measure(() => repository.listQueue({ queue: 'team', teamId: 'income' }, { limit: 5 })),
      allReceived: await measure(() => repository.listQueue({ queue: 'all' }, { limit: 5, sort: 'received' })),
      byPhone: await measure(() =>
        repository.searchCases(seededDetails.phoneOf(7).replace('+44', '0'), { limit: 50, visible }),
      ),
      byPostcode: await measure(() => repository.searchCases(seededDetails.postcodeOf(7), { limit: 50, visible })),
      byReference: await measure(() => repository.searchCases(seededDetails.refOf(3), { limit: 50, visible })),
    };
  }

  it('makes the same requests on a table seven times larger', { timeout: 300_000 }, async () => {
    const small = await costs();
    await seedStore(documentClient(store.client), 'bounded', { from: 60, to: 460, contacts: CONTACTS });
    const large = await costs();

    for (const key of Object.keys(small) as (keyof typeof small)[]) {
      expect(large[key].requests, key).toEqual(small[key].requests);
      expect(small[key].requests, key).not.toContain('ScanCommand');
    }
    // A queue page is one Query (its cases come with it); the other orders add one BatchGetItem.
    expect(small.teamDue.requests).toEqual(['QueryCommand']);
    expect(large.allReceived).toEqual({ requests: ['QueryCommand', 'BatchGetItemCommand'], found: 5 });
    // A phone number finds its contact's cases: more cases, the same requests.
    expect(large.byPhone.found).toBeGreaterThan(small.byPhone.found);
    expect(large.byReference.found).toBe(1);
  });
});
