/**
 * Counts the DynamoDB requests a piece of work makes, by AWS SDK middleware on
 * the real client the repository uses (build step: once per `send`, after
 * serialisation, so the operation and the wire-format keys are known), and
 * estimates their write request units from the stored item sizes.
 */
import { type AttributeValue, type DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';

type Item = Record<string, AttributeValue>;

/** One write the work made: the operation, the table and key, and whether it was inside a transaction. */
interface Write {
  operation: string;
  table: string;
  key: Item;
  transactional: boolean;
  /** A condition check writes nothing but is billed like a write inside a transaction. */
  check: boolean;
}

export interface RequestCount {
  /** Requests by operation, e.g. `{ GetItem: 2, TransactWriteItems: 1 }`. */
  byOperation: Record<string, number>;
  total: number;
  /** Items written (a transaction counts each of its items). */
  itemsWritten: number;
  /** Write request units, estimated: ceil(stored item size / 1 KB) per write, doubled inside a transaction. */
  writeUnits: number;
}

export interface RequestCounter {
  /** Runs `work` and answers what it cost; counting nests nowhere (one measurement at a time). */
  measure(work: () => Promise<unknown>): Promise<RequestCount>;
}

const KEY_NAMES = ['pk', 'sk'];
const keyOf = (item: Item): Item =>
  Object.fromEntries(KEY_NAMES.filter((k) => item[k]).map((k) => [k, item[k] as AttributeValue]));

/** Writes named in one request body of `operation` (wire format). */
function writesIn(operation: string, body: Record<string, unknown>): Write[] {
  const plain = (table: unknown, key: Item): Write => ({
    operation,
    table: String(table),
    key,
    transactional: false,
    check: false,
  });
  switch (operation) {
    case 'PutItem':
      return [plain(body.TableName, keyOf(body.Item as Item))];
    case 'UpdateItem':
    case 'DeleteItem':
      return [plain(body.TableName, body.Key as Item)];
    case 'BatchWriteItem':
      return Object.entries(
        body.RequestItems as Record<string, { PutRequest?: { Item: Item }; DeleteRequest?: { Key: Item } }[]>,
      ).flatMap(([table, requests]) =>
        requests.map((r) => plain(table, r.PutRequest ? keyOf(r.PutRequest.Item) : (r.DeleteRequest?.Key as Item))),
      );
    case 'TransactWriteItems':
      return (body.TransactItems as Record<string, { TableName: string; Key?: Item; Item?: Item }>[]).map((t) => {
        const [kind, action] = Object.entries(t)[0] as [string, { TableName: string; Key?: Item; Item?: Item }];
        return {
          operation: kind,
          table: action.TableName,
          key: action.Key ?? keyOf(action.Item as Item),
          transactional: true,
          check: kind === 'ConditionCheck',
        };
      });
    default:
      return [];
  }
}

/** The serialised JSON body: a string, bytes, or the SDK's string adapter (which prints as its text). */
function bodyText(body: unknown): string | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return new TextDecoder().decode(body);
  return String(body);
}

/** DynamoDB's item size: attribute names plus values (strings by UTF-8 length, numbers ~ digits/2 + 1). */
export function itemSize(item: Item): number {
  const valueSize = (v: AttributeValue): number => {
    if (v.S !== undefined) return Buffer.byteLength(v.S);
    if (v.N !== undefined) return Math.ceil(v.N.replace(/^-|\.|e.*$/gi, '').length / 2) + 1;
    if (v.B !== undefined) return v.B.length;
    if (v.BOOL !== undefined || v.NULL !== undefined) return 1;
    if (v.SS) return v.SS.reduce((s, x) => s + Buffer.byteLength(x), 0);
    if (v.NS) return v.NS.reduce((s, x) => s + x.length, 0);
    if (v.L) return 3 + v.L.reduce((s, x) => s + 1 + valueSize(x), 0);
    if (v.M) return 3 + Object.entries(v.M).reduce((s, [k, x]) => s + 1 + Buffer.byteLength(k) + valueSize(x), 0);
    return 0;
  };
  return Object.entries(item).reduce((s, [k, v]) => s + Buffer.byteLength(k) + valueSize(v), 0);
}

/**
 * Adds the counting middleware to `client` (the one the repository sends
 * through); `sizer` is a second client on the same endpoint that reads stored
 * items for the write-unit estimate without being counted.
 */
export function countRequests(client: DynamoDBClient, sizer: DynamoDBClient): RequestCounter {
  let current: { byOperation: Record<string, number>; writes: Write[] } | undefined;
  client.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as { headers?: Record<string, string>; body?: unknown };
      const target = request.headers?.['x-amz-target'] ?? '';
      const operation = target.slice(target.indexOf('.') + 1);
      if (current && operation) {
        current.byOperation[operation] = (current.byOperation[operation] ?? 0) + 1;
        const body = bodyText(request.body);
        if (body) current.writes.push(...writesIn(operation, JSON.parse(body)));
      }
      return next(args);
    },
    { step: 'build', name: 'benchRequestCounter' },
  );
  return {
    async measure(work) {
      current = { byOperation: {}, writes: [] };
      const seen = current;
      try {
        await work();
      } finally {
        current = undefined;
      }
      let writeUnits = 0;
      for (const w of seen.writes) {
        const { Item } = await sizer.send(new GetItemCommand({ TableName: w.table, Key: w.key, ConsistentRead: true }));
        const units = Math.max(1, Math.ceil((Item ? itemSize(Item) : 0) / 1024));
        writeUnits += w.transactional ? 2 * units : units;
      }
      return {
        byOperation: seen.byOperation,
        total: Object.values(seen.byOperation).reduce((a, b) => a + b, 0),
        itemsWritten: seen.writes.filter((w) => !w.check).length,
        writeUnits,
      };
    },
  };
}
