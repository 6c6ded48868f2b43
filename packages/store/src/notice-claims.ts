/**
 * Notice claims: a timer's notice (an acknowledgement, a reminder) is claimed
 * once per case and key before it is sent, so a retried or duplicated step
 * never sends it twice; and an officer's email left for the timers is taken
 * once. Split from cases.ts.
 */
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { caseItemKind, keys, queries } from './keys.js';
import { notExists, type Table } from './table.js';

export class NoticeClaims {
  constructor(private readonly table: Table) {}

  async claimNotice(caseRef: string, key: string, at: string): Promise<boolean> {
    try {
      await this.table.write({ ...keys.notice(caseRef, key), entity: 'notice-claim', caseRef, key, at }, notExists);
      return true;
    } catch (err) {
      if ((err as Error)?.name === 'ConditionalCheckFailedException') return false;
      throw err;
    }
  }

  /** A case's notice claims (the local stack's start looks for ones a crash left unsettled). */
  async listNoticeClaims(caseRef: string): Promise<{ key: string; at: string }[]> {
    const items = await this.table.queryAll(queries.caseHistory(caseRef), { ConsistentRead: true });
    return items
      .filter((i) => caseItemKind(String(i.sk)) === 'notice')
      .map((i) => ({ key: String(i.key), at: String(i.at) }));
  }

  /** Deletes an officer's email left for the timers; false when it was gone (another step took it). */
  async claimOfficerEmail(caseRef: string, id: string): Promise<boolean> {
    try {
      await this.table.db.send(
        new DeleteCommand({
          TableName: this.table.name,
          Key: keys.officerEmailDue(caseRef, id),
          ConditionExpression: 'attribute_exists(pk)',
        }),
      );
      return true;
    } catch (err) {
      if ((err as Error)?.name === 'ConditionalCheckFailedException') return false;
      throw err;
    }
  }

  async releaseNotice(caseRef: string, key: string): Promise<void> {
    await this.table.db.send(new DeleteCommand({ TableName: this.table.name, Key: keys.notice(caseRef, key) }));
  }
}
