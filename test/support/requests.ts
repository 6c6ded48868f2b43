/** DynamoDB requests counted on a test store's client, and items put straight into its table (store-level tests). */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '@housing-inbox/store';

/** The names of the commands `client` sends from now on (`sent.length = 0` starts a new count). */
export function countRequests(client: DynamoDBClient): string[] {
  const sent: string[] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      sent.push(String(context.commandName));
      return next(args);
    },
    { step: 'initialize', name: 'countRequests' },
  );
  return sent;
}

/** Items put 25 to a BatchWriteItem, as a bulk load writes them, unprocessed ones sent again. */
export async function putItems(client: DynamoDBClient, table: string, items: Record<string, unknown>[]) {
  const documents = documentClient(client);
  for (let i = 0; i < items.length; i += 25) {
    let requests = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    while (requests.length) {
      const out = await documents.send(new BatchWriteCommand({ RequestItems: { [table]: requests } }));
      requests = (out.UnprocessedItems?.[table] ?? []) as typeof requests;
    }
  }
}
