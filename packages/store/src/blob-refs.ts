/**
 * Reference counting of blobs that records may share.
 *
 * Attachments and letter scans are kept by content (`attachments/<sha-256>`),
 * so the same leaflet or photo sent by two residents is one blob. Raw payloads
 * (`raw/<channel>/<sha-256>`; `…/<day>/…` before) can be shared too: an identical
 * redelivery is deduped, but a web form or logged call posted twice with the same
 * body (a minute apart, so a different dedupe key) is two messages with one raw
 * key, and a quarantined payload is named by the case its release files. So every
 * blob key a record names (letters sent, unique per message, included) is
 * counted the same way.
 *
 * A reference is one item per (blob, holder): `BLOB#<key>` / `CASE#<ref>` (or
 * `CONTACT#…` for a texted opt-out, `AUTOMATED#…`, `QUARANTINE#…`), written in the same transaction as the
 * record that names the blob, so no crash or redelivery leaves a blob in use
 * without its reference. Erasure releases a holder's references and deletes a
 * blob only when a bounded Query of its partition finds no other holder, under a
 * tombstone that ingest's writes check, so no filing slips in between.
 *
 * Records written before references existed have none. Until `countExisting`
 * has walked the cases once (`BLOB-REFS` / `#COUNT` says `complete`), erasure
 * keeps every blob it cannot prove unshared: another case's message may name
 * it and only a Scan could tell. After that, a holder without its reference
 * (erased half-way before a crash) keeps the blob too: never a loss, at worst
 * a file kept. (Opt-outs texted before counting are not counted: contacts have
 * no index to walk; their raw payloads are kept.)
 */
import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { blobKeysOf, type CaseMessage } from '@housing-inbox/core';
import { blobHolder, caseItemKind, type KeyCondition, keys, queries } from './keys.js';
import { type Item, notExists, type Role, type Table, type TransactItem } from './table.js';

/**
 * How long an erasure's tombstone blocks filings of the blob: its Query and delete take
 * moments; a crashed erasure's tombstone stops blocking after this (the Lambda limit).
 */
const TOMBSTONE_LEASE_MS = 15 * 60_000;
/** A blob's holders read a page at a time while looking for one besides the caller. */
const HOLDERS_PAGE = 25;
/** Cases (each then read) or entries a page of the one-off count reads. */
const COUNT_PAGE = 100;
const COUNT_PHASES = ['open', 'closed', 'automated', 'quarantine'] as const;
type CountPhase = (typeof COUNT_PHASES)[number];
const COUNT_QUERIES: Record<CountPhase, KeyCondition> = {
  open: queries.allCases('open'),
  closed: queries.allCases('closed'),
  automated: queries.unmatchedAutomated(),
  quarantine: queries.quarantine(),
};

export type BlobRelease = 'deleted' | 'kept';

export class BlobReferences {
  constructor(private readonly table: Table) {}

  /**
   * The reference items of a holder for these blob keys: puts, each (blob, holder) once.
   * `guarded` (ingest's writes, which stored the bytes just before): each with a check that
   * no erasure's tombstone stands on the blob (`BlobGoneError` if one does).
   */
  refItems(holder: string, blobKeys: string[], guarded = false): [Role, TransactItem][] {
    return [...new Set(blobKeys)].flatMap((blobKey): [Role, TransactItem][] => [
      ['other', this.table.put(this.#ref(blobKey, holder))],
      ...(guarded ? [this.#absentTombstone(blobKey)] : []),
    ]);
  }

  /**
   * Reference items around a transaction with `room` items left: the tombstone checks go in
   * it (each blob once: one operation an item; a reference put before it is still checked by
   * it), then as many reference puts as fit; the other puts are written just before it.
   */
  static fit(refs: [Role, TransactItem][], room: number): { inside: [Role, TransactItem][]; early: Item[] } {
    const checked = refs.filter(([role]) => role === 'blob');
    const checks = [...new Map(checked.map((c) => [JSON.stringify(c[1].ConditionCheck?.Key), c])).values()];
    const fitted = checks.slice(0, Math.max(0, room));
    const puts = refs.filter(([role]) => role !== 'blob');
    const left = Math.max(0, room - fitted.length);
    return { inside: [...fitted, ...puts.slice(0, left)], early: puts.slice(left).map(([, r]) => r.Put?.Item as Item) };
  }

  #absentTombstone(blobKey: string): [Role, TransactItem] {
    const Key = keys.blobGone(blobKey);
    return ['blob', { ConditionCheck: { TableName: this.table.name, Key, ConditionExpression: notExists } }];
  }

  /** The raw payloads a contact's own timeline entries name (`data.rawKey`: SMS opt-outs and opt-ins). */
  static rawKeysOfEntries(entries: { data?: Record<string, unknown> }[]): string[] {
    return entries.map((e) => e.data?.rawKey).filter((k): k is string => typeof k === 'string' && k.length > 0);
  }

  /** The reference items of a message on a case (`guarded`: filed by ingest). */
  messageRefItems(ref: string, message: CaseMessage, guarded = false): [Role, TransactItem][] {
    return this.refItems(blobHolder.case(ref), blobKeysOf(message), guarded);
  }

  /**
   * Releases `holder`'s hold on a blob and deletes the blob (through `deleteBlob`)
   * when no other holder remains. Steps, each safe to repeat after a crash: mark
   * the reference `releasing`; look for another holder that is not releasing
   * (one Query page at a time on the blob's partition, stopping at the first),
   * under the blob's tombstone when the table is counted (`#deleteUnlessHeld`);
   * delete the blob if none and the table is counted; then the reference.
   * Two cases erased at once both see the other releasing and both delete: the
   * blob goes, as it should. `kept` when the holder has no reference (written
   * before counting, or released by an earlier run).
   */
  async release(
    blobKey: string,
    holder: string,
    counted: boolean,
    deleteBlob: (key: string) => Promise<void>,
  ): Promise<BlobRelease> {
    try {
      await this.table.db.send(
        new UpdateCommand({
          TableName: this.table.name,
          Key: keys.blobRef(blobKey, holder),
          UpdateExpression: 'SET releasing = :yes',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':yes': true },
        }),
      );
    } catch (err) {
      if ((err as Error)?.name === 'ConditionalCheckFailedException') return 'kept';
      throw err;
    }
    const deleted = counted && (await this.#deleteUnlessHeld(blobKey, holder, deleteBlob));
    await this.table.db.send(new DeleteCommand({ TableName: this.table.name, Key: keys.blobRef(blobKey, holder) }));
    return deleted ? 'deleted' : 'kept';
  }

  /**
   * The delete that no filing can slip past: a tombstone (`#GONE`, version moved on, leased
   * for `TOMBSTONE_LEASE_MS`) is put before the holders are read; every ingest write naming
   * the blob checks it is absent. So a filing that stored the bytes and commits after the
   * read fails (`BlobGoneError`), stores them again once the lease is over (`restore`) and
   * commits. A tombstone stays after a delete until a filing restores the blob; one that
   * deleted nothing is lifted, unless it stood for an earlier delete not yet restored.
   */
  async #deleteUnlessHeld(
    blobKey: string,
    holder: string,
    deleteBlob: (key: string) => Promise<void>,
  ): Promise<boolean> {
    const out = await this.table.db.send(
      new UpdateCommand({
        TableName: this.table.name,
        Key: keys.blobGone(blobKey),
        UpdateExpression: 'SET entity = :entity, blobKey = :key, leaseUntil = :until, deleted = :yes ADD version :one',
        ExpressionAttributeValues: {
          ':entity': 'blob-gone',
          ':key': blobKey,
          ':until': Date.now() + TOMBSTONE_LEASE_MS,
          ':yes': true,
          ':one': 1,
        },
        ReturnValues: 'ALL_OLD',
      }),
    );
    const version = Number(out.Attributes?.version ?? 0) + 1;
    const ifMine = { ':v': version };
    if (await this.#heldByAnother(blobKey, holder)) {
      // Nothing deleted: lift it, unless another erasure took it over or an earlier delete stands.
      if (out.Attributes?.deleted !== true) {
        await this.#ifStill(
          new DeleteCommand({
            TableName: this.table.name,
            Key: keys.blobGone(blobKey),
            ConditionExpression: 'version = :v',
            ExpressionAttributeValues: ifMine,
          }),
        );
      } else await this.#endLease(blobKey, version);
      return false;
    }
    await deleteBlob(blobKey);
    await this.#endLease(blobKey, version);
    return true;
  }

  /** The lease ends with the delete: a filing waiting on it may restore the blob now. */
  #endLease(blobKey: string, version: number): Promise<void> {
    return this.#ifStill(
      new UpdateCommand({
        TableName: this.table.name,
        Key: keys.blobGone(blobKey),
        UpdateExpression: 'SET leaseUntil = :now',
        ConditionExpression: 'version = :v',
        ExpressionAttributeValues: { ':now': Date.now(), ':v': version },
      }),
    );
  }

  /**
   * After a `BlobGoneError`: false while an erasure holds the tombstone's lease; else the
   * bytes stored again (`put`) and the tombstone lifted if no erasure took it since it was read.
   */
  async restore(blobKey: string, put: () => Promise<void>): Promise<boolean> {
    const tombstone = await this.table.getItem(keys.blobGone(blobKey));
    if (!tombstone) return true;
    if (Number(tombstone.leaseUntil ?? 0) > Date.now()) return false;
    await put();
    await this.#ifStill(
      new DeleteCommand({
        TableName: this.table.name,
        Key: keys.blobGone(blobKey),
        ConditionExpression: 'version = :v',
        ExpressionAttributeValues: { ':v': tombstone.version },
      }),
    );
    return true;
  }

  /** A conditional write whose condition failing means someone else moved on: nothing to do. */
  async #ifStill(command: DeleteCommand | UpdateCommand): Promise<void> {
    try {
      await this.table.db.send(command);
    } catch (err) {
      if ((err as Error)?.name !== 'ConditionalCheckFailedException') throw err;
    }
  }

  /**
   * Deletes a blob that no record holds (a duplicate delivery's own raw copy): true when
   * deleted. Kept while the table is not yet counted (a record from before may name it) or
   * when any holder that is not releasing is found.
   */
  async dropUnheld(blobKey: string, deleteBlob: (key: string) => Promise<void>): Promise<boolean> {
    return (await this.counted()) && (await this.#deleteUnlessHeld(blobKey, '', deleteBlob));
  }

  /** Whether every record written before references existed has been counted. */
  async counted(): Promise<boolean> {
    return (await this.table.getItem(keys.blobRefsCount()))?.complete === true;
  }

  /**
   * The one-off count for a table that held records before references existed,
   * without a Scan (the functions may not Scan): every case on the every-case
   * index, open then closed, its partition read for its messages; then the
   * unmatched automated mail and the quarantine. A reference is put for every
   * blob key each names (puts are idempotent). At most `pages` pages a call,
   * resumed where the last stopped (phase and cursor on the `BLOB-REFS` item).
   * True once the whole table has been counted.
   */
  async countExisting(pages: number): Promise<boolean> {
    const state = await this.table.getItem(keys.blobRefsCount());
    if (state?.complete === true) return true;
    let phase = COUNT_PHASES.indexOf(String(state?.phase) as CountPhase);
    if (phase < 0) phase = 0;
    let cursor = typeof state?.cursor === 'string' ? state.cursor : undefined;
    for (let page = 0; page < pages && phase < COUNT_PHASES.length; page++) {
      const current = COUNT_PHASES[phase] as CountPhase;
      const found = await this.table.page(COUNT_QUERIES[current], { limit: COUNT_PAGE, cursor });
      const refs: Item[] = [];
      for (const item of found.items) {
        if (current === 'automated')
          refs.push(...this.#refsOf(blobHolder.automated(...splitAutomated(String(item.sk))), [item]));
        else if (current === 'quarantine') {
          // A released entry let go of its holds: the case its release filed holds the bytes.
          if (!item.released) refs.push(...this.#refsOf(blobHolder.quarantine(String(item.sk)), [item]));
        } else {
          const ref = String(item.ref);
          const history = await this.table.queryAll(queries.caseHistory(ref), { ConsistentRead: true });
          refs.push(
            ...this.#refsOf(
              blobHolder.case(ref),
              history.filter((i) => caseItemKind(String(i.sk)) === 'message'),
            ),
          );
        }
      }
      await this.table.putMany(refs);
      cursor = found.next ?? undefined;
      if (!cursor) phase++;
      const complete = phase >= COUNT_PHASES.length;
      await this.table.write({
        ...keys.blobRefsCount(),
        entity: 'blob-refs-count',
        complete,
        ...(complete ? {} : { phase: COUNT_PHASES[phase], cursor }),
      });
    }
    return phase >= COUNT_PHASES.length;
  }

  /** The references of stored records (messages, automated mail, quarantine entries) for one holder. */
  #refsOf(holder: string, items: Item[]): Item[] {
    const names = items.flatMap((item) => [
      ...((item.attachments as { blobKey?: string }[] | undefined) ?? []).map((a) => a.blobKey),
      ...(typeof item.rawKey === 'string' ? [item.rawKey] : []),
      ...((item.attachmentKeys as string[] | undefined) ?? []),
    ]);
    const valid = names.filter((k): k is string => typeof k === 'string' && k.length > 0);
    return [...new Set(valid)].map((blobKey) => this.#ref(blobKey, holder));
  }

  async #heldByAnother(blobKey: string, holder: string): Promise<boolean> {
    let start: Item | undefined;
    do {
      const out = await this.table.query(queries.blobRefs(blobKey), {
        ConsistentRead: true,
        Limit: HOLDERS_PAGE,
        ExclusiveStartKey: start,
        ProjectionExpression: 'sk, releasing',
      });
      // `#GONE` (a tombstone) holds nothing; holders' sort keys never start with `#`.
      if ((out.Items ?? []).some((i) => i.sk !== holder && i.releasing !== true && !String(i.sk).startsWith('#')))
        return true;
      start = out.LastEvaluatedKey;
    } while (start);
    return false;
  }

  #ref(blobKey: string, holder: string): Item {
    return { ...keys.blobRef(blobKey, holder), entity: 'blob-ref', blobKey, holder };
  }
}

/** `<at>#<id>` of an automated item's sort key (the instant holds no `#`). */
function splitAutomated(sk: string): [string, string] {
  const at = sk.indexOf('#');
  return [sk.slice(0, at), sk.slice(at + 1)];
}
