/**
 * Merging one case into another (core's `mergeCases`). Crash-safe within
 * DynamoDB's 100-item transaction limit:
 *
 * 1. one transaction writes both cases' new state, each conditional on the
 *    updatedAt that was read: the survivor with its `merging` marker (owner,
 *    earliest target, counts already decided), the other case closed with
 *    `mergedInto` (from then on ingest and the API follow it to the survivor),
 *    and their timeline entries;
 * 2. the other case's messages, timeline entries and department requests move
 *    in batches of at most `MOVES_PER_BATCH`, each batch one transaction: a copy
 *    under the survivor (same sort key, `caseRef` the survivor's) and the
 *    original deleted — a message's blob references with it (the survivor's
 *    put, the other case's deleted) — with a check that the survivor's marker
 *    is still this merge's, never more than DynamoDB's 100 items; a batch
 *    repeated after a crash writes the same copies again;
 * 3. the marker is removed.
 *
 * A crash after 1 leaves the marker; `finishMerge` (the merge command run
 * again) goes on from 2. The merged-away case keeps its case item, its notice
 * claims and its "merged into" entry: the reference still answers.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { blobKeysOf, type Case, type CaseMergeWrite, type CaseMessage } from '@housing-inbox/core';
import type { BlobReferences } from './blob-refs.js';
import type { Cases } from './cases.js';
import { requestIndexAttributes } from './index-keys.js';
import { blobHolder, caseItemKind, keys, queries } from './keys.js';
import { joinContactCases } from './lookup-writes.js';
import { type Item, type Role, strip, type Table, type TransactItem } from './table.js';

/** Two items (copy, delete) per move, and one check of the marker: 97 of DynamoDB's 100. */
export const MOVES_PER_BATCH = 48;
/** A batch's items besides the marker check: a message's blob references take room too. */
const ITEMS_PER_BATCH = 99;

export class Merges {
  constructor(
    private readonly table: Table,
    private readonly cases: Cases,
    private readonly blobRefs: BlobReferences,
  ) {}

  async mergeCases(write: CaseMergeWrite): Promise<void> {
    const items = [...(await this.cases.changeItems(write.survivor)), ...(await this.cases.changeItems(write.merged))];
    // One contact's set of cases changes for both (its open cases): one Update for it.
    await this.table.transact(joinContactCases(this.table, items));
    await this.finishMerge(write.survivor.case.ref);
  }

  async finishMerge(survivorRef: string): Promise<void> {
    const survivor = await this.table.get<Case>(keys.case(survivorRef));
    const from = survivor?.merging?.from;
    if (!from) return;
    for (;;) {
      const items = (await this.table.queryAll(queries.caseHistory(from), { ConsistentRead: true })).filter(movable);
      if (items.length === 0) break;
      const moves = items.map((item) => this.#move(item, from, survivorRef));
      // A message with too many files for one transaction: the survivor's references first
      // (a reference before its message keeps a blob, never loses one).
      await this.table.putMany(moves.flatMap((m) => m.early));
      for (const batch of batches(moves.map((m) => m.items))) {
        await this.table.transact([this.#markerCheck(survivorRef, from), ...batch]);
      }
    }
    await this.table.db.send(
      new UpdateCommand({
        TableName: this.table.name,
        Key: keys.case(survivorRef),
        UpdateExpression: 'REMOVE merging',
        ConditionExpression: 'merging.#from = :from',
        ExpressionAttributeNames: { '#from': 'from' },
        ExpressionAttributeValues: { ':from': from },
      }),
    );
  }

  #markerCheck(survivorRef: string, from: string): [Role, TransactItem] {
    return [
      'case',
      {
        ConditionCheck: {
          TableName: this.table.name,
          Key: keys.case(survivorRef),
          ConditionExpression: 'merging.#from = :from',
          ExpressionAttributeNames: { '#from': 'from' },
          ExpressionAttributeValues: { ':from': from },
        },
      },
    ];
  }

  #move(item: Item, from: string, survivorRef: string): { items: [Role, TransactItem][]; early: Item[] } {
    const sk = String(item.sk);
    const moved: Item = { ...item, ...keys.movedTo(survivorRef, sk), caseRef: survivorRef };
    if (caseItemKind(sk) === 'request') {
      Object.assign(
        moved,
        requestIndexAttributes({ ...strip<Record<string, unknown>>(item), caseRef: survivorRef } as never),
      );
    }
    // A message's references go with it. Another message of the other case naming the same blob
    // and not yet moved holds it without a reference for a moment: erasing that case then keeps
    // the blob (`release` finds no reference), never deletes it under the survivor.
    const blobKeys = [...new Set(caseItemKind(sk) === 'message' ? blobKeysOf(strip<CaseMessage>(item)) : [])];
    const survivorRefs = this.blobRefs.refItems(blobHolder.case(survivorRef), blobKeys);
    const inline = 2 + 2 * blobKeys.length <= ITEMS_PER_BATCH;
    return {
      items: [
        ['other', this.table.put(moved)],
        ['other', { Delete: { TableName: this.table.name, Key: { pk: item.pk, sk } } }],
        ...(inline ? survivorRefs : []),
        ...blobKeys.map((blobKey): [Role, TransactItem] => [
          'other',
          { Delete: { TableName: this.table.name, Key: keys.blobRef(blobKey, blobHolder.case(from)) } },
        ]),
      ],
      early: inline ? [] : survivorRefs.map(([, r]) => r.Put?.Item as Item),
    };
  }
}

/**
 * Moves packed into transactions: at most `MOVES_PER_BATCH` moves and
 * `ITEMS_PER_BATCH` items each, an item (a shared blob's reference) once.
 */
function batches(moves: [Role, TransactItem][][]): [Role, TransactItem][][] {
  const out: [Role, TransactItem][][] = [];
  let batch: [Role, TransactItem][] = [];
  let seen = new Set<string>();
  let count = 0;
  for (const move of moves) {
    const fresh = move.filter(([, item]) => !seen.has(itemKey(item)));
    if (batch.length > 0 && (count === MOVES_PER_BATCH || batch.length + fresh.length > ITEMS_PER_BATCH)) {
      out.push(batch);
      batch = [];
      seen = new Set();
      count = 0;
    }
    for (const entry of move) {
      const key = itemKey(entry[1]);
      if (!seen.has(key)) {
        seen.add(key);
        batch.push(entry);
      }
    }
    count++;
  }
  if (batch.length > 0) out.push(batch);
  return out;
}

function itemKey(item: TransactItem): string {
  const key = (item.Put?.Item ?? item.Delete?.Key ?? {}) as Item;
  return `${String(key.pk)}\u0000${String(key.sk)}`;
}

/** What moves: messages, timeline entries (but the "merged into" entry that stays) and department requests. */
function movable(item: Item): boolean {
  const kind = caseItemKind(String(item.sk));
  if (kind === 'timeline') return item.type !== 'merged-into';
  return kind === 'message' || kind === 'request';
}
