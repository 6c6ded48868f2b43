/**
 * Backups beyond point-in-time recovery: PITR keeps the table's last 35 days
 * and versioning keeps the bucket's old versions 90 days, but both live and
 * die with the resource (and PITR only rewinds, it cannot reach back a year).
 * AWS Backup keeps separate recovery points in a vault of ours:
 *
 * | rule      | when                   | kept     |
 * | --------- | ---------------------- | -------- |
 * | `Daily`   | every day, 03:00 UTC   | 35 days  |
 * | `Monthly` | the 1st, 04:00 UTC     | 365 days |
 *
 * for the case table and the payload bucket. The vault is encrypted with the
 * data key and kept when the stack is deleted. No cold storage: AWS Backup
 * cannot move S3 backups to it, and a year is short enough not to need it.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { BackupPlan, BackupPlanRule, BackupResource, BackupVault } from 'aws-cdk-lib/aws-backup';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Schedule } from 'aws-cdk-lib/aws-events';
import { ManagedPolicy, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';

export interface InboxBackupsProps {
  encryptionKey: IKey;
  table: ITable;
  bucket: IBucket;
}

export const BACKUP_RETENTION = { daily: Duration.days(35), monthly: Duration.days(365) };

export class InboxBackups extends Construct {
  readonly vault: BackupVault;
  readonly plan: BackupPlan;

  constructor(scope: Construct, id: string, props: InboxBackupsProps) {
    super(scope, id);
    this.vault = new BackupVault(this, 'Vault', {
      encryptionKey: props.encryptionKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.plan = new BackupPlan(this, 'Plan', { backupVault: this.vault });
    this.plan.addRule(
      new BackupPlanRule({
        ruleName: 'Daily',
        scheduleExpression: Schedule.cron({ hour: '3', minute: '0' }),
        deleteAfter: BACKUP_RETENTION.daily,
      }),
    );
    this.plan.addRule(
      new BackupPlanRule({
        ruleName: 'Monthly',
        scheduleExpression: Schedule.cron({ day: '1', hour: '4', minute: '0' }),
        deleteAfter: BACKUP_RETENTION.monthly,
      }),
    );

    // The selection adds AWS Backup's backup and restore policies (DynamoDB); S3 needs its two S3 policies too.
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('backup.amazonaws.com'),
      description: 'AWS Backup: back up and restore the case table and the payload bucket',
      managedPolicies: [
        ManagedPolicy.fromAwsManagedPolicyName('AWSBackupServiceRolePolicyForS3Backup'),
        ManagedPolicy.fromAwsManagedPolicyName('AWSBackupServiceRolePolicyForS3Restore'),
      ],
    });
    NagSuppressions.addResourceSuppressions(role, [
      {
        id: 'AwsSolutions-IAM4',
        reason:
          'AWS Backup’s own service-role policies are the documented way to let it back up and restore DynamoDB ' +
          'and S3; AWS keeps them current as the services change.',
      },
    ]);
    this.plan.addSelection('TableAndBucket', {
      role,
      allowRestores: true,
      resources: [BackupResource.fromDynamoDbTable(props.table), BackupResource.fromArn(props.bucket.bucketArn)],
    });
  }
}
