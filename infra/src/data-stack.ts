/**
 * The stateful stack: everything that holds residents' data or officers'
 * accounts (the dead-letter queues too: they hold residents' messages), the
 * key that encrypts it, and its backups. Kept when the stack is deleted; the
 * stateless stack reads it through props.
 */
import { Aws, CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import type { InboxConfig } from './config.js';
import { InboxBackups } from './constructs/backups.js';
import { CaseTable } from './constructs/case-table.js';
import { DEAD_LETTER_QUEUES, DeadLetterQueues, deadLetterQueueId } from './constructs/dead-letters.js';
import { InboundTopics, PUBLISHING_SERVICES } from './constructs/inbound-topics.js';
import { defaultDomainPrefix, OfficerIdentity } from './constructs/officer-identity.js';
import { PayloadBucket } from './constructs/payload-bucket.js';

export interface DataStackProps extends StackProps {
  config: InboxConfig;
}

export class DataStack extends Stack {
  readonly key: Key;
  readonly cases: CaseTable;
  readonly payloads: PayloadBucket;
  readonly topics: InboundTopics;
  readonly identity: OfficerIdentity;
  readonly deadLetters: DeadLetterQueues;
  readonly backups: InboxBackups;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    const { config } = props;
    this.key = new Key(this, 'DataKey', {
      description: 'Housing inbox: residents’ contacts, cases and payloads',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
      pendingWindow: Duration.days(30),
    });
    // SES writes mail into the bucket and publishes to the topics (and its sending events); two-way SMS
    // publishes texts; SNS puts what it could not deliver to a function into that function's dead-letter queue.
    this.key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'InboundServicesEncrypt',
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        principals: [...PUBLISHING_SERVICES, 'sns.amazonaws.com'].map((s) => new ServicePrincipal(s)),
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
    );
    this.cases = new CaseTable(this, 'Cases', { encryptionKey: this.key });
    this.payloads = new PayloadBucket(this, 'Payloads', { encryptionKey: this.key });
    this.topics = new InboundTopics(this, 'Inbound', { encryptionKey: this.key });
    this.identity = new OfficerIdentity(this, 'Identity', {
      domainPrefix: config.console.cognitoDomainPrefix ?? defaultDomainPrefix(config.prefix),
    });
    this.deadLetters = new DeadLetterQueues(this, 'DeadLetters', { encryptionKey: this.key });
    this.backups = new InboxBackups(this, 'Backups', {
      encryptionKey: this.key,
      table: this.cases.table,
      bucket: this.payloads.bucket,
    });

    new CfnOutput(this, 'TableName', { value: this.cases.table.tableName });
    new CfnOutput(this, 'PayloadBucketName', { value: this.payloads.bucket.bucketName });
    new CfnOutput(this, 'InboundSmsTopicArn', {
      value: this.topics.sms.topicArn,
      description: 'Set as the two-way SMS destination of the landlord’s phone number (AWS End User Messaging)',
    });
    new CfnOutput(this, 'UserPoolId', { value: this.identity.userPool.userPoolId });
    for (const name of DEAD_LETTER_QUEUES) {
      new CfnOutput(this, `${deadLetterQueueId(name)}DeadLetterQueueUrl`, {
        value: this.deadLetters.queues[name].queueUrl,
      });
    }
    new CfnOutput(this, 'BackupVaultName', { value: this.backups.vault.backupVaultName });
    new CfnOutput(this, 'SignInDomain', {
      value: this.identity.signInUrl,
      description: 'Cognito hosted sign-in for officers (the console sends them there)',
    });
  }
}
