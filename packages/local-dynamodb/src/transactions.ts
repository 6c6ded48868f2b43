/**
 * TransactWriteItems on top of dynalite, which lacks it.
 *
 * The front server runs it holding an exclusive lock on every item it touches
 * (locks.ts, request-locks.ts), so nothing else can observe or change those
 * items between the steps below, while transactions on other items proceed. A write
 * transaction:
 *   1. validates the request as DynamoDB does (1–100 items, one action each,
 *      required members, key types, no two actions on one item);
 *   2. reads every touched item (consistent read) as its before-image;
 *   3. evaluates every condition against the current item without changing it
 *      (a conditional write of the item exactly as it is, or a conditional
 *      delete of an absent item) and collects a reason for every action;
 *   4. if any action failed, answers TransactionCanceledException with one
 *      reason per action and writes nothing;
 *   5. otherwise applies the writes in order; if dynalite refuses one of them
 *      (an update that does not fit the stored item), it puts every touched
 *      item back from its before-image and cancels with that reason.
 */
import {
  type CancellationReason,
  CONDITION_FAILED_MESSAGE,
  DynamoError,
  isItemLevelValidation,
  transactionCanceled,
  validation,
  type WireBody,
} from './errors.js';
import { type Journal, type JournalEntry, restore } from './journal.js';
import {
  checkItemKey,
  checkKey,
  type Item,
  itemIdentity,
  type KeyCheck,
  type SchemaCache,
  type TableSchema,
} from './schema.js';
import type { DynaliteWire } from './wire.js';

export const MAX_TRANSACTION_ITEMS = 100;
const IDEMPOTENCY_WINDOW_MS = 10 * 60 * 1000;

export interface TransactionContext {
  wire: DynaliteWire;
  schemas: SchemaCache;
  /** On disk only: before-images survive a crash mid-transaction. */
  journal?: Journal;
  tokens: ClientTokens;
  now: () => number;
}

type Kind = 'Put' | 'Update' | 'Delete' | 'ConditionCheck';
const KINDS: readonly Kind[] = ['ConditionCheck', 'Put', 'Delete', 'Update'];

/** Members DynamoDB accepts for each kind of action; everything else is not forwarded. */
const MEMBERS: Record<Kind, readonly string[]> = {
  Put: ['TableName', 'Item', 'ConditionExpression', 'ExpressionAttributeNames', 'ExpressionAttributeValues'],
  Update: [
    'TableName',
    'Key',
    'UpdateExpression',
    'ConditionExpression',
    'ExpressionAttributeNames',
    'ExpressionAttributeValues',
  ],
  Delete: ['TableName', 'Key', 'ConditionExpression', 'ExpressionAttributeNames', 'ExpressionAttributeValues'],
  ConditionCheck: ['TableName', 'Key', 'ConditionExpression', 'ExpressionAttributeNames', 'ExpressionAttributeValues'],
};

const REQUIRED: Record<Kind, readonly string[]> = {
  Put: ['Item', 'TableName'],
  Update: ['Key', 'UpdateExpression', 'TableName'],
  Delete: ['Key', 'TableName'],
  ConditionCheck: ['Key', 'TableName', 'ConditionExpression'],
};

interface Action {
  kind: Kind;
  params: WireBody;
  schema: TableSchema;
  key?: Item;
  snapshot?: Item | null;
}

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

const isObject = (v: unknown): v is WireBody => typeof v === 'object' && v !== null && !Array.isArray(v);

/** DynamoDB's "N validation errors detected: …" for constraint violations of the request shape. */
const constraintErrors = (messages: string[]): DynamoError | undefined =>
  messages.length === 0
    ? undefined
    : validation(
        `${messages.length} validation error${messages.length > 1 ? 's' : ''} detected: ${messages.join('; ')}`,
      );

function checkItemCount(items: unknown): unknown[] {
  if (!Array.isArray(items)) {
    throw constraintErrors(["Value null at 'transactItems' failed to satisfy constraint: Member must not be null"]);
  }
  if (items.length < 1) {
    throw constraintErrors([
      "Value '[]' at 'transactItems' failed to satisfy constraint: Member must have length greater than or equal to 1",
    ]);
  }
  if (items.length > MAX_TRANSACTION_ITEMS) {
    const shown = items.map((it) => (isObject(it) ? (Object.keys(it)[0] ?? '?') : '?')).join(', ');
    throw constraintErrors([
      `Value '[${shown}]' at 'transactItems' failed to satisfy constraint: Member must have length less than or equal to ${MAX_TRANSACTION_ITEMS}`,
    ]);
  }
  return items;
}

/** Step 1, the shape of each action; returns them without schemas yet. */
function parseWriteActions(items: unknown[]): { kind: Kind; params: WireBody }[] {
  const errors: string[] = [];
  const parsed = items.map((raw, i) => {
    const present = isObject(raw) ? KINDS.filter((k) => raw[k] !== undefined && raw[k] !== null) : [];
    if (present.length !== 1) throw validation('TransactItems can only contain one of Check, Put, Update or Delete');
    const kind = present[0] as Kind;
    const body = (raw as WireBody)[kind];
    if (!isObject(body)) throw validation('TransactItems can only contain one of Check, Put, Update or Delete');
    const at = `transactItems.${i + 1}.member.${lowerFirst(kind)}`;
    for (const member of REQUIRED[kind]) {
      if (body[member] === undefined || body[member] === null)
        errors.push(
          `Value null at '${at}.${lowerFirst(member)}' failed to satisfy constraint: Member must not be null`,
        );
    }
    const params: WireBody = {};
    for (const member of MEMBERS[kind]) if (body[member] !== undefined) params[member] = body[member];
    return { kind, params };
  });
  const error = constraintErrors(errors);
  if (error) throw error;
  return parsed;
}

/** Resolves schemas, checks keys and refuses two actions on one item. Returns per-action key problems. */
async function resolveKeys(
  ctx: TransactionContext,
  actions: { kind: Kind; params: WireBody }[],
): Promise<{ schemas: TableSchema[]; checks: KeyCheck[] }> {
  const schemas: TableSchema[] = [];
  for (const a of actions) schemas.push(await ctx.schemas.get(String(a.params.TableName)));
  const checks = actions.map((a, i) =>
    a.kind === 'Put'
      ? checkItemKey(schemas[i] as TableSchema, a.params.Item as Item)
      : checkKey(schemas[i] as TableSchema, a.params.Key as Item),
  );
  for (const check of checks) if (!check.ok && 'topLevel' in check) throw check.topLevel;
  const seen = new Set<string>();
  checks.forEach((check, i) => {
    if (!check.ok) return;
    const identity = itemIdentity(schemas[i] as TableSchema, check.key);
    if (seen.has(identity)) throw validation('Transaction request cannot include multiple operations on one item');
    seen.add(identity);
  });
  return { schemas, checks };
}

/** `#name` and `:value` placeholders an expression refers to (expressions have no string literals). */
const placeholders = (expression: string, sigil: '#' | ':'): Set<string> =>
  new Set(expression.match(sigil === '#' ? /#[A-Za-z0-9_]+/g : /:[A-Za-z0-9_]+/g) ?? []);

const pick = (map: unknown, keep: Set<string>): WireBody | undefined => {
  if (!isObject(map)) return undefined;
  const picked = Object.fromEntries(Object.entries(map).filter(([k]) => keep.has(k)));
  return Object.keys(picked).length > 0 ? picked : undefined;
};

/**
 * Step 3 for one action: evaluates its condition against the stored item by a
 * write that leaves the item exactly as it is. Returns the cancellation reason.
 */
async function evaluateCondition(ctx: TransactionContext, action: Action): Promise<CancellationReason> {
  const condition = action.params.ConditionExpression;
  if (typeof condition !== 'string') return { Code: 'None' };
  let names = action.params.ExpressionAttributeNames;
  let values = action.params.ExpressionAttributeValues;
  if (action.kind === 'Update') {
    // The update's own placeholders would be "unused" in a condition-only write.
    names = pick(names, placeholders(condition, '#'));
    values = pick(values, placeholders(condition, ':'));
  }
  const common: WireBody = { TableName: action.schema.name, ConditionExpression: condition };
  if (names !== undefined) common.ExpressionAttributeNames = names;
  if (values !== undefined) common.ExpressionAttributeValues = values;
  try {
    if (action.snapshot) await ctx.wire.call('PutItem', { ...common, Item: action.snapshot });
    else await ctx.wire.call('DeleteItem', { ...common, Key: action.key });
    return { Code: 'None' };
  } catch (err) {
    if (!(err instanceof DynamoError)) throw err;
    if (err.code === 'ConditionalCheckFailedException') {
      return { Code: 'ConditionalCheckFailed', Message: CONDITION_FAILED_MESSAGE };
    }
    if (isItemLevelValidation(err)) return { Code: 'ValidationError', Message: err.message };
    throw err;
  }
}

const OPERATION: Record<Exclude<Kind, 'ConditionCheck'>, string> = {
  Put: 'PutItem',
  Update: 'UpdateItem',
  Delete: 'DeleteItem',
};

export async function transactWriteItems(ctx: TransactionContext, input: WireBody): Promise<WireBody> {
  const parsed = parseWriteActions(checkItemCount(input.TransactItems));
  const token = typeof input.ClientRequestToken === 'string' ? input.ClientRequestToken : undefined;
  const fingerprint = JSON.stringify(input.TransactItems);
  if (token && ctx.tokens.replay(token, fingerprint, ctx.now())) return {};

  const { schemas, checks } = await resolveKeys(ctx, parsed);
  const actions: Action[] = parsed.map((p, i) => {
    const check = checks[i] as KeyCheck;
    return { ...p, schema: schemas[i] as TableSchema, ...(check.ok ? { key: check.key } : {}) };
  });

  // Step 2: before-images.
  for (const action of actions) {
    if (!action.key) continue;
    const got = await ctx.wire.call<{ Item?: Item }>('GetItem', {
      TableName: action.schema.name,
      Key: action.key,
      ConsistentRead: true,
    });
    action.snapshot = got.Item ?? null;
  }

  // Step 3: every condition, before anything is written.
  const reasons: CancellationReason[] = [];
  for (const [i, action] of actions.entries()) {
    const check = checks[i] as KeyCheck;
    if (!check.ok && 'reason' in check) reasons.push({ Code: 'ValidationError', Message: check.reason });
    else reasons.push(await evaluateCondition(ctx, action));
  }
  if (reasons.some((r) => r.Code !== 'None')) throw transactionCanceled(reasons);

  // Step 5: apply, undoing everything if dynalite refuses a write.
  const writes = actions.filter((a) => a.kind !== 'ConditionCheck');
  const beforeImages: JournalEntry[] = writes.map((a) => ({
    TableName: a.schema.name,
    Key: a.key as Item,
    Item: a.snapshot ?? null,
  }));
  const journalled = beforeImages.length > 0 ? await ctx.journal?.begin(beforeImages) : undefined;
  for (const [i, action] of actions.entries()) {
    if (action.kind === 'ConditionCheck') continue;
    try {
      await ctx.wire.call(OPERATION[action.kind], action.params);
    } catch (err) {
      await restore(ctx.wire, beforeImages);
      if (journalled !== undefined) await ctx.journal?.end(journalled);
      if (err instanceof DynamoError && isItemLevelValidation(err)) {
        throw transactionCanceled(
          actions.map((_, j) => (j === i ? { Code: 'ValidationError', Message: err.message } : { Code: 'None' })),
        );
      }
      throw err;
    }
  }
  if (journalled !== undefined) await ctx.journal?.end(journalled);
  if (token) ctx.tokens.remember(token, fingerprint, ctx.now());

  return {};
}

/**
 * ClientRequestToken: the SDK sends a fresh token with every TransactWriteItems
 * call and the same token when it retries one. A token that committed in the
 * last 10 minutes makes a repeat succeed without writing again; the same token
 * with different items is refused, as DynamoDB does.
 */
export class ClientTokens {
  private readonly committed = new Map<string, { fingerprint: string; expiresAt: number }>();

  replay(token: string, fingerprint: string, now: number): boolean {
    const seen = this.committed.get(token);
    if (!seen || seen.expiresAt <= now) return false;
    if (seen.fingerprint !== fingerprint) {
      throw new DynamoError(
        'IdempotentParameterMismatchException',
        'The request uses the same client token as a previous, but non-identical request.',
      );
    }
    return true;
  }

  remember(token: string, fingerprint: string, now: number): void {
    for (const [t, entry] of this.committed) if (entry.expiresAt <= now) this.committed.delete(t);
    this.committed.set(token, { fingerprint, expiresAt: now + IDEMPOTENCY_WINDOW_MS });
  }
}
