/** Pending plans: cases whose timers have not yet taken their last change (written with the change itself). */
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import type { Page, PageOptions, PendingPlan } from '@housing-inbox/core';
import { keys, queries } from './keys.js';
import { type Role, strip, type Table, type TransactItem } from './table.js';

/**
 * The pending plan, in the transaction of the change it is for. For a change, also the
 * case's timer generation item (`TIMER#<ref>` / `#GENERATION`, `DynamoGenerationCounter`):
 * - without `plan.generation`: `changeBase` set to the generation the case is at as it is
 *   written (1 while only `<ref>-1` exists); the timers' adapter moves the counter after;
 * - with `plan.generation` n (ingest read n - 1 with the case): the counter set to n and
 *   `changeBase` to n - 1, only if it still holds n - 1 (absent counts as 1); a re-plan
 *   since makes the transaction a WriteConflictError, and ingest reads again.
 * Either way the cloud's plan step clears the pending plan only from an execution
 * `<ref>-<m>` with m > changeBase, i.e. named after this write.
 */
export function pendingPlanItems(table: Table, plan: PendingPlan | undefined): [Role, TransactItem][] {
  if (!plan) return [];
  const { generation, ...stored } = plan;
  const item: [Role, TransactItem] = [
    'other',
    table.put({ ...keys.pendingPlan(plan.caseRef), entity: 'pending-plan', ...stored }),
  ];
  if (plan.change !== 'changed') return [item];
  const names = { '#base': 'changeBase', '#g': 'generation', '#e': 'entity', '#c': 'caseRef' };
  const values = { ':entity': 'timer-generation', ':ref': plan.caseRef };
  const update: TransactItem['Update'] =
    generation === undefined
      ? {
          TableName: table.name,
          Key: keys.timerGeneration(plan.caseRef),
          UpdateExpression: 'SET #base = if_not_exists(#g, :one), #e = :entity, #c = :ref',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: { ...values, ':one': 1 },
        }
      : {
          TableName: table.name,
          Key: keys.timerGeneration(plan.caseRef),
          UpdateExpression: 'SET #base = :read, #g = :next, #e = :entity, #c = :ref',
          ConditionExpression: generation - 1 === 1 ? 'attribute_not_exists(#g) OR #g = :read' : '#g = :read',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: { ...values, ':read': generation - 1, ':next': generation },
        };
  return [item, ['other', { Update: update }]];
}

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
