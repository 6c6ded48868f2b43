/** What the stateless constructs get from the data stack. */
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { CaseTable } from './case-table.js';
import type { PayloadBucket } from './payload-bucket.js';

export interface InboxData {
  cases: CaseTable;
  payloads: PayloadBucket;
  /** Environment every function reads (TABLE_NAME, BUCKET_NAME, POLICY, MAIL_DOMAIN). */
  environment: Record<string, string>;
  alarmTopic: ITopic;
}
