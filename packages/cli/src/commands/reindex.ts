/**
 * `inbox reindex`: cases and contacts written before search tokens (or queue entries) existed,
 * or under older rules, get them rewritten by the store's own builders (`reindexLookups`).
 * Works on the local stack's data folder, or with `--table` on a cloud table.
 */
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { startLocalDynamoDB } from '@housing-inbox/local-dynamodb';
import { DynamoCaseRepository, type ReindexCounts } from '@housing-inbox/store';
import { type Command, type Io, parseOptions, UsageError } from '../cli.js';
import { dataDir, readStackInfo } from '../stack.js';

const LOCAL_TABLE = 'housing-inbox';

/** Where the table is: a cloud table by name, the running stack's endpoint, or the data folder opened here. */
async function openTable(
  values: { table?: string | undefined },
  io: Io,
): Promise<{ client: DynamoDBClient; tableName: string; close(): Promise<void> }> {
  const cloudTable = values.table ?? io.env.INBOX_TABLE_NAME;
  if (cloudTable) {
    if (!io.env.AWS_REGION && !io.env.AWS_DEFAULT_REGION)
      throw new UsageError('--table is a cloud table: set AWS_REGION (and credentials, e.g. AWS_PROFILE) first');
    const client = new DynamoDBClient({ region: io.env.AWS_REGION ?? io.env.AWS_DEFAULT_REGION });
    return { client, tableName: cloudTable, close: async () => client.destroy() };
  }
  let running: ReturnType<typeof readStackInfo> | undefined;
  try {
    running = readStackInfo(io.env);
  } catch {
    running = undefined;
  }
  const local = { region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
  if (running?.dynamoDbEndpoint) {
    const client = new DynamoDBClient({ ...local, endpoint: running.dynamoDbEndpoint, maxAttempts: 1 });
    try {
      await new DynamoCaseRepository({ tableName: running.tableName ?? LOCAL_TABLE, awsSdkV3Client: client }).getCase(
        'reindex-probe',
      );
      return { client, tableName: running.tableName ?? LOCAL_TABLE, close: async () => client.destroy() };
    } catch {
      client.destroy(); // the stack that wrote stack.json has stopped: open its folder here
    }
  }
  let db: Awaited<ReturnType<typeof startLocalDynamoDB>>;
  try {
    db = await startLocalDynamoDB({ path: join(dataDir(io.env), 'dynamodb'), ttlSweepIntervalMs: 0 });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const client = new DynamoDBClient(db.clientConfig);
  return {
    client,
    tableName: LOCAL_TABLE,
    close: async () => {
      client.destroy();
      await db.stop();
    },
  };
}

const summary = (c: ReindexCounts, dryRun: boolean) =>
  `${dryRun ? 'Would rewrite' : 'Rewrote'} the lookups of ${c.casesChanged} of ${c.cases} case(s) and ` +
  `${c.contactsChanged} of ${c.contacts} contact(s): ${c.itemsPut} item(s) ${dryRun ? 'to put' : 'put'}, ` +
  `${c.itemsDeleted} ${dryRun ? 'to delete' : 'deleted'}.\n`;

export const reindex: Command = {
  name: 'reindex',
  summary: 'rewrite the search tokens and queue entries of every case and contact (older data)',
  help: `Usage: inbox reindex [--dry-run] [--json] [--table NAME] [--time-zone ZONE] [--page-size N]

Cases and contacts written before search existed have no search tokens, so
search cannot find them; cases written before the queues' other orders have
no queue entries. This walks every case and contact, a page at a time, and
rewrites what the store derives from each (search tokens, queue entries, the
case's index attributes) with the same rules new writes use. Only what differs
is written: running it again changes nothing. A case changed by an officer
while it runs is read again, never overwritten with what was read before.

  --dry-run        count what would be rewritten; write nothing
  --json           print the counts as JSON
  --table NAME     a cloud table (the data stack's TableName output): needs
                   AWS_REGION and credentials (AWS_PROFILE or the usual variables)
  --time-zone ZONE the landlord's time zone for months of receipt (Europe/London)
  --page-size N    items read a page (default 100, at most 1000)

Without --table it works on the local stack's data folder (INBOX_DATA_DIR,
default ./.data): through the running stack's database, or by opening the
folder itself when the stack is stopped.
`,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, {
      'dry-run': { type: 'boolean' },
      json: { type: 'boolean' },
      table: { type: 'string' },
      'time-zone': { type: 'string' },
      'page-size': { type: 'string' },
    });
    if (values.help) {
      io.out(this.help);
      return 0;
    }
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const pageSize = values['page-size'] === undefined ? 100 : Number(values['page-size']);
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000)
      throw new UsageError(`--page-size must be a whole number from 1 to 1000 (got "${values['page-size']}")`);
    const timeZone = values['time-zone'] ?? 'Europe/London';
    try {
      new Intl.DateTimeFormat('en-GB', { timeZone });
    } catch {
      throw new UsageError(`--time-zone is not a time zone: "${timeZone}"`);
    }
    const dryRun = values['dry-run'] === true;
    const table = await openTable({ table: values.table }, io);
    try {
      const repository = new DynamoCaseRepository({
        tableName: table.tableName,
        awsSdkV3Client: table.client,
        timeZone,
      });
      let pages = 0;
      const counts = await repository.reindexLookups({
        dryRun,
        pageSize,
        onPage: (c) => {
          if (!values.json && ++pages % 50 === 0) io.err(`… ${c.cases} case(s), ${c.contacts} contact(s) so far\n`);
        },
      });
      io.out(values.json ? `${JSON.stringify({ dryRun, ...counts })}\n` : summary(counts, dryRun));
      return 0;
    } finally {
      await table.close();
    }
  },
};
