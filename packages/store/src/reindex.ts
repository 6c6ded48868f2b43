/**
 * Rebuilding the lookup items the store derives from cases and contacts (`lookup-writes.ts`:
 * search tokens, queue entries, a contact's set of cases; and the case item's own index
 * attributes, `caseIndexAttributes`)
 * for data written before they existed, or by an older version of the rules. The same builders
 * the writes use decide what each case and contact should have; only what differs is put or
 * deleted, so a second run writes nothing (idempotent).
 *
 * Walks the table in Scan pages of `pageSize` items (a one-off maintenance job, never a user's
 * read); each case's or contact's changes go in one transaction (split by 99 when longer), held
 * by a condition that it is still as read — a case's `updatedAt`, a contact's searchable
 * fields — so a live write in between is never undone: the item is read again and compared again.
 */
import { GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { type Case, type Contact, WriteConflictError } from '@housing-inbox/core';
import { caseIndexAttributes, contactCaseEntry } from './index-keys.js';
import { keys, queries } from './keys.js';
import { caseLookupItems, contactCasesChange, contactLookupItems } from './lookup-writes.js';
import { type Item, strip, type Table, type TransactItem } from './table.js';

/** What a run found and did (with `dryRun`, what it would do). */
export interface ReindexCounts {
  /** Cases and contacts looked at. */
  cases: number;
  contacts: number;
  /** Of those, how many had lookup items (or index attributes) missing, stale or different. */
  casesChanged: number;
  contactsChanged: number;
  /** Lookup items put (new or changed) and deleted (no longer derived). */
  itemsPut: number;
  itemsDeleted: number;
}

export interface ReindexOptions {
  /** Count only: write nothing. */
  dryRun?: boolean;
  /** Items a Scan page evaluates (default 100; 1–1000). */
  pageSize?: number;
  /** The landlord's time zone (the case's month of receipt on its index attributes); Europe/London. */
  timeZone?: string;
  /** Told after every page, with the counts so far. */
  onPage?: (counts: ReindexCounts) => void;
}

/** The contact fields its search tokens come from (`contactTokens`): the condition a rewrite holds. */
const CONTACT_SEARCHED = ['name', 'email', 'phone', 'address', 'postcode', 'tenancyRef'] as const;
/** Attempts per item when a live write changes it between the read and the rewrite. */
const ATTEMPTS = 5;

/** Attribute names and values in a fixed order: an item read back compares equal to the one built. */
const canonical = (item: Item) =>
  JSON.stringify(
    Object.keys(item)
      .sort()
      .map((k) => [k, item[k]]),
  );
const id = (i: Item) => `${i.pk}\u0000${i.sk}`;

/** Puts of the wanted items that are missing or different, deletes of the stored ones no longer wanted. */
function lookupChanges(table: Table, stored: Item[], wanted: Item[]) {
  const was = new Map(stored.map((i) => [id(i), canonical(i)]));
  const now = new Set(wanted.map(id));
  return {
    puts: wanted.filter((i) => was.get(id(i)) !== canonical(i)).map((i): TransactItem => table.put(i)),
    deletes: stored
      .filter((i) => !now.has(id(i)))
      .map((i): TransactItem => ({ Delete: { TableName: table.name, Key: { pk: i.pk, sk: i.sk } } })),
  };
}

export class Reindex {
  constructor(
    private readonly table: Table,
    private readonly timeZone = 'Europe/London',
  ) {}

  async run(options: ReindexOptions = {}): Promise<ReindexCounts> {
    const counts: ReindexCounts = {
      cases: 0,
      contacts: 0,
      casesChanged: 0,
      contactsChanged: 0,
      itemsPut: 0,
      itemsDeleted: 0,
    };
    const limit = Math.min(Math.max(options.pageSize ?? 100, 1), 1000);
    let start: Item | undefined;
    do {
      const page = await this.table.db.send(
        new ScanCommand({
          TableName: this.table.name,
          Limit: limit,
          ExclusiveStartKey: start,
          FilterExpression: '#entity IN (:case, :contact) AND #sk IN (:caseSk, :contactSk)',
          ExpressionAttributeNames: { '#entity': 'entity', '#sk': 'sk' },
          ExpressionAttributeValues: {
            ':case': 'case',
            ':contact': 'contact',
            ':caseSk': keys.case('x').sk,
            ':contactSk': keys.contact('x').sk,
          },
        }),
      );
      for (const item of page.Items ?? []) {
        const kind = item.entity === 'case' ? 'case' : 'contact';
        const done = await this.#one(item, !!options.dryRun);
        counts[kind === 'case' ? 'cases' : 'contacts']++;
        if (done.puts + done.deletes > 0) counts[kind === 'case' ? 'casesChanged' : 'contactsChanged']++;
        counts.itemsPut += done.puts;
        counts.itemsDeleted += done.deletes;
      }
      start = page.LastEvaluatedKey;
      options.onPage?.({ ...counts });
    } while (start);
    return counts;
  }

  /** One case or contact brought up to date, read again when a live write got there first. */
  async #one(first: Item, dryRun: boolean): Promise<{ puts: number; deletes: number }> {
    let item: Item | undefined = first;
    for (let attempt = 1; item; attempt++) {
      const plan = item.entity === 'case' ? await this.#casePlan(item) : await this.#contactPlan(item);
      if (dryRun || !plan.mustWrite) return plan.counts;
      try {
        // The guard goes with every transaction (a rewritten case item is put again, unchanged).
        for (let i = 0; i === 0 || i < plan.writes.length; i += 99) {
          await this.table.transact([plan.guard, ...plan.writes.slice(i, i + 99)].map((t) => ['other', t]));
        }
        return plan.counts;
      } catch (err) {
        if (!(err instanceof WriteConflictError) || attempt >= ATTEMPTS) throw err;
        const key = { pk: item.pk, sk: item.sk };
        const again: { Item?: Item } = await this.table.db.send(
          new GetCommand({ TableName: this.table.name, Key: key, ConsistentRead: true }),
        );
        item = again.Item;
      }
    }
    return { puts: 0, deletes: 0 }; // gone meanwhile (erased, merged away): nothing to index
  }

  async #casePlan(item: Item) {
    const kase = strip<Case>(item);
    const [tokens, entries] = await Promise.all([
      this.table.queryAll(queries.caseSearchTokens(kase.ref), { ConsistentRead: true }),
      this.table.queryAll(queries.caseQueueEntries(kase.ref), { ConsistentRead: true }),
    ]);
    const { puts, deletes } = lookupChanges(this.table, [...tokens, ...entries], caseLookupItems(kase));
    const whole = { ...keys.case(kase.ref), ...caseIndexAttributes(kase, this.timeZone), entity: 'case', ...kase };
    const held = {
      ConditionExpression: '#updatedAt = :updatedAt',
      ExpressionAttributeNames: { '#updatedAt': 'updatedAt' },
      ExpressionAttributeValues: { ':updatedAt': kase.updatedAt },
    };
    // The case item itself only when its index attributes differ from what the write path derives.
    const rewriteCase = canonical(whole) !== canonical(item);
    const guard: TransactItem = rewriteCase
      ? { Put: { TableName: this.table.name, Item: whole, ...held } }
      : { ConditionCheck: { TableName: this.table.name, Key: keys.case(kase.ref), ...held } };
    return {
      guard,
      writes: [...puts, ...deletes],
      mustWrite: rewriteCase || puts.length + deletes.length > 0,
      counts: { puts: puts.length + (rewriteCase ? 1 : 0), deletes: deletes.length },
    };
  }

  async #contactPlan(item: Item) {
    const contact = strip<Contact>(item);
    const [stored, cases, set] = await Promise.all([
      this.table.queryAll(queries.contactSearchTokens(contact.id), { ConsistentRead: true }),
      this.table.queryAll(queries.casesOfContact(contact.id)),
      this.table.getItem(keys.contactCases(contact.id)),
    ]);
    const { puts, deletes } = lookupChanges(this.table, stored, contactLookupItems(contact));
    // Its set of cases gains the cases it lacks, by an Update that adds (a case opened meanwhile stays).
    const has = (set?.cases as Set<string> | undefined) ?? new Set<string>();
    const missing = cases.map((c) => strip<Case>(c)).filter((c) => !has.has(contactCaseEntry(c)));
    // Its open cases named on the item (`open#<ref>`) and the item marked complete, once: a case
    // the index still shows open after it closed is named harmlessly (ingest reads each case named
    // and passes over closed ones); one opening or reopening meanwhile names itself in its own write.
    const untracked = set?.openTracked !== true;
    const open = untracked
      ? Object.fromEntries(
          cases
            .map((c) => strip<Case>(c))
            .filter((c) => c.status !== 'closed')
            .map((c) => [c.ref, c.receivedAt]),
        )
      : {};
    if (missing.length > 0 || untracked)
      puts.push(contactCasesChange(this.table, contact.id, { add: missing, open, tracked: untracked })[1]);
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    const parts = CONTACT_SEARCHED.map((field) => {
      names[`#${field}`] = field;
      if (contact[field] === undefined) return `attribute_not_exists(#${field})`;
      values[`:${field}`] = contact[field];
      return `#${field} = :${field}`;
    });
    const guard: TransactItem = {
      ConditionCheck: {
        TableName: this.table.name,
        Key: keys.contact(contact.id),
        ConditionExpression: parts.join(' AND '),
        ExpressionAttributeNames: names,
        ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
      },
    };
    return {
      guard,
      writes: [...puts, ...deletes],
      mustWrite: puts.length + deletes.length > 0,
      counts: { puts: puts.length, deletes: deletes.length },
    };
  }
}
