/**
 * The officer directory: one partition, read whole (it is small) or one
 * officer at a time. An officer's email (case-insensitive) and cloud sign-in
 * (Cognito `sub`) are theirs alone: each is held by a claim item written in
 * the same transaction as the officer, so a second officer with the same
 * email or sign-in is refused on write, never resolved by chance on sign-in.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { type Officer, OfficerIdentityTakenError, WriteConflictError } from '@housing-inbox/core';
import { type Key, keys, partition, queries } from './keys.js';
import { strip, type Table, type TransactItem } from './table.js';

/** One claim per identity an officer holds (beside the claims contacts hold in keys.ts). */
const claims = {
  email: (email: string): Key => ({ pk: `OFFICER-EMAIL#${email.trim().toLowerCase()}`, sk: '#KEY' }),
  cognitoSub: (sub: string): Key => ({ pk: `OFFICER-SIGN-IN#${sub}`, sk: '#KEY' }),
};
type Claimed = keyof typeof claims;

const ATTEMPTS = 4;

/**
 * The whole directory as one item beside the officers, written in the same transaction as
 * each officer, so ingest reads it with everything else in one request (`ingest-reads.ts`).
 * Past this size it is dropped and readers query the officers instead.
 */
export const DIRECTORY_SNAPSHOT: Key = { pk: partition.directory, sk: '#SNAPSHOT' };
const SNAPSHOT_MAX_BYTES = 300_000;

export class Officers {
  constructor(private readonly table: Table) {}

  /**
   * Writes the officer with claims on their email and sign-in, releasing the
   * ones they no longer hold; `OfficerIdentityTakenError` when another officer
   * holds either. A concurrent change to the same officer reads again and retries.
   */
  async putOfficer(officer: Officer): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const before = await this.table.get<Officer>(keys.officer(officer.id));
      const { items, claimed } = this.changes(officer, before);
      items.push(await this.#snapshotWrite(officer));
      claimed.push(undefined);
      try {
        await this.table.db.send(new TransactWriteCommand({ TransactItems: items }));
        return;
      } catch (err) {
        if (!(err instanceof TransactionCanceledException) && (err as Error)?.name !== 'TransactionCanceledException')
          throw err;
        const reasons = (err as TransactionCanceledException).CancellationReasons ?? [];
        const failed = reasons.findIndex((r) => r.Code && r.Code !== 'None');
        const field = claimed[failed];
        if (field) throw taken(field, officer);
        if (attempt >= ATTEMPTS) throw new WriteConflictError(`officer ${officer.id} kept changing; try again`);
      }
    }
  }

  /** The directory item as it will be with `officer` written, only over the version read (a conflict retries). */
  async #snapshotWrite(officer: Officer): Promise<TransactItem> {
    const TableName = this.table.name;
    const held = await this.table.getItem(DIRECTORY_SNAPSHOT);
    const version = Number(held?.version ?? 0);
    const others = ((held?.officers as Officer[] | undefined) ?? (await this.listOfficers())).filter(
      (o) => o.id !== officer.id,
    );
    const officers = [...others, officer].sort((a, b) => a.id.localeCompare(b.id));
    const condition = held
      ? { ConditionExpression: 'version = :version', ExpressionAttributeValues: { ':version': version } }
      : { ConditionExpression: 'attribute_not_exists(pk)' };
    if (Buffer.byteLength(JSON.stringify(officers)) > SNAPSHOT_MAX_BYTES) {
      return held
        ? { Delete: { TableName, Key: DIRECTORY_SNAPSHOT, ...condition } }
        : { ConditionCheck: { TableName, Key: DIRECTORY_SNAPSHOT, ...condition } };
    }
    return {
      Put: {
        TableName,
        Item: { ...DIRECTORY_SNAPSHOT, entity: 'officer-directory', version: version + 1, officers },
        ...condition,
      },
    };
  }

  getOfficer(id: string): Promise<Officer | undefined> {
    return this.table.get<Officer>(keys.officer(id));
  }

  async listOfficers(): Promise<Officer[]> {
    return (await this.table.queryAll(queries.officers())).map((i) => strip<Officer>(i));
  }

  /** The officer's Put (only over the version read) and each claim to take or give back; `claimed[i]` names item i's claim. */
  private changes(officer: Officer, before: Officer | undefined) {
    const TableName = this.table.name;
    const id = { ':id': officer.id };
    const items: TransactItem[] = [
      {
        Put: {
          TableName,
          Item: { ...keys.officer(officer.id), entity: 'officer', ...officer },
          ...(before ? unchanged(before) : { ConditionExpression: 'attribute_not_exists(pk)' }),
        },
      },
    ];
    const claimed: (Claimed | undefined)[] = [undefined];
    for (const field of Object.keys(claims) as Claimed[]) {
      const next = officer[field] ? claims[field](officer[field]) : undefined;
      const previous = before?.[field] ? claims[field](before[field]) : undefined;
      if (next) {
        items.push({
          Put: {
            TableName,
            Item: { ...next, entity: `officer-${field}`, officerId: officer.id },
            ConditionExpression: 'attribute_not_exists(pk) OR officerId = :id',
            ExpressionAttributeValues: id,
          },
        });
        claimed.push(field);
      }
      if (previous && previous.pk !== next?.pk) {
        // A directory written before claims existed has none to give back: that is fine too.
        items.push({
          Delete: {
            TableName,
            Key: previous,
            ConditionExpression: 'attribute_not_exists(pk) OR officerId = :id',
            ExpressionAttributeValues: id,
          },
        });
        claimed.push(undefined);
      }
    }
    return { items, claimed };
  }
}

/** The officer still holds the identities read, so the claims given back are theirs to give. */
function unchanged(before: Officer) {
  return {
    ConditionExpression: `#email = :email AND ${before.cognitoSub ? '#sub = :sub' : 'attribute_not_exists(#sub)'}`,
    ExpressionAttributeNames: { '#email': 'email', '#sub': 'cognitoSub' },
    ExpressionAttributeValues: { ':email': before.email, ...(before.cognitoSub ? { ':sub': before.cognitoSub } : {}) },
  };
}

function taken(field: Claimed, officer: Officer): OfficerIdentityTakenError {
  return field === 'email'
    ? new OfficerIdentityTakenError('email', `another officer already has the email ${officer.email}`)
    : new OfficerIdentityTakenError('cognitoSub', 'this sign-in is already linked to another officer');
}
