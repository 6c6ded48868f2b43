/** Pending plans: cases whose timers have not yet taken their last change (written with the change itself). */
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import type { Page, PageOptions, PendingPlan } from '@housing-inbox/core';
import { keys, queries } from './keys.js';
import { strip, type Table } from './table.js';

export class PendingPlans {
  constructor(private readonly table: Table) {}

  get(caseRef: string): Promise<PendingPlan | undefined> {
    return this.table.get<PendingPlan>(keys.pendingPlan(caseRef));
  }

  async list(options: PageOptions = {}): Promise<Page<PendingPlan>> {
    const page = await this.table.page(queries.pendingPlans(), { ...options, ConsistentRead: true });
    return { items: page.items.map((i) => strip<PendingPlan>(i)), next: page.next };
  }

  async clear(caseRef: string, token: string): Promise<void> {
    try {
      await this.table.db.send(
        new DeleteCommand({
          TableName: this.table.name,
          Key: keys.pendingPlan(caseRef),
          ConditionExpression: '#token = :token',
          ExpressionAttributeNames: { '#token': 'token' },
          ExpressionAttributeValues: { ':token': token },
        }),
      );
    } catch (err) {
      // A newer change wrote its own pending plan (or it is gone): leave it.
      if ((err as Error)?.name !== 'ConditionalCheckFailedException') throw err;
    }
  }
}
