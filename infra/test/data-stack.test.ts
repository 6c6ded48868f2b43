import { tableDefinition } from '@housing-inbox/store';
import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKUP_RETENTION } from '../src/constructs/backups.js';
import { DEAD_LETTER_QUEUES } from '../src/constructs/dead-letters.js';
import { OFFICER_GROUPS } from '../src/constructs/officer-identity.js';
import { type Synthesised, synthesise } from './support/synth.js';

describe('data stack (stateful)', () => {
  let s: Synthesised;

  beforeAll(async () => {
    s = await synthesise({ context: { recipient: 'contact@hightown.example', cognitoDomainPrefix: 'hightown-inbox' } });
  });
  afterAll(async () => {
    await s.cleanup();
  });

  it('builds the case table from the store’s own key definition', () => {
    const keys = (pk: string, sk: string) => [
      { AttributeName: pk, KeyType: 'HASH' },
      { AttributeName: sk, KeyType: 'RANGE' },
    ];
    s.dataTemplate.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: keys(tableDefinition.partitionKey, tableDefinition.sortKey),
      GlobalSecondaryIndexes: tableDefinition.indexes.map((i) => ({
        IndexName: i.indexName,
        KeySchema: keys(i.partitionKey, i.sortKey),
        // Queues project whole rows; the report's index only what the report counts.
        Projection: i.nonKeyAttributes
          ? { ProjectionType: 'INCLUDE', NonKeyAttributes: [...i.nonKeyAttributes] }
          : { ProjectionType: 'ALL' },
      })),
      AttributeDefinitions: Match.arrayWith(
        [tableDefinition.partitionKey, ...tableDefinition.indexes.map((i) => i.sortKey)].map((name) => ({
          AttributeName: name,
          AttributeType: 'S',
        })),
      ),
    });
  });

  it('has the lookup index search and the queues’ other orders read, holding token hashes and filters, not whole cases', () => {
    s.dataTemplate.hasResourceProperties('AWS::DynamoDB::Table', {
      GlobalSecondaryIndexes: Match.arrayWith([
        {
          IndexName: 'gsi6',
          KeySchema: [
            { AttributeName: 'gsi6pk', KeyType: 'HASH' },
            { AttributeName: 'gsi6sk', KeyType: 'RANGE' },
          ],
          Projection: {
            ProjectionType: 'INCLUDE',
            NonKeyAttributes: Match.arrayWith(['ref', 'contactId', 'field', 'workKind', 'hazardKind']),
          },
        },
      ]),
    });
  });

  it('keeps the table safe: on demand, point-in-time recovery, TTL, customer key, retained, deletion-protected', () => {
    s.dataTemplate.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        TimeToLiveSpecification: { AttributeName: tableDefinition.ttlAttribute, Enabled: true },
        SSESpecification: Match.objectLike({ SSEEnabled: true, SSEType: 'KMS' }),
        DeletionProtectionEnabled: true,
      }),
    });
  });

  it('keeps payloads in a private, KMS-encrypted, versioned, TLS-only bucket that outlives the stack', () => {
    s.dataTemplate.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [
            {
              BucketKeyEnabled: true,
              ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: Match.anyValue() },
            },
          ],
        },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        VersioningConfiguration: { Status: 'Enabled' },
        LifecycleConfiguration: {
          Rules: Match.arrayWith([
            Match.objectLike({ Prefix: 'inbound/email/', ExpirationInDays: 30, Status: 'Enabled' }),
            Match.objectLike({ Prefix: 'letters/inbox/', ExpirationInDays: 90, Status: 'Enabled' }),
            // Letters we sent are the record of what the resident was told: kept.
            Match.objectLike({
              Prefix: 'letters/outgoing/',
              Transitions: [{ StorageClass: 'STANDARD_IA', TransitionInDays: 90 }],
              Status: 'Enabled',
            }),
            Match.objectLike({ NoncurrentVersionExpiration: { NoncurrentDays: 90 } }),
          ]),
        },
      }),
    });
    s.dataTemplate.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Action: 's3:*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
          Match.objectLike({
            Effect: 'Deny',
            Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } },
          }),
          // SES may write there, for this account, under inbound/email/ only.
          Match.objectLike({
            Effect: 'Allow',
            Action: 's3:PutObject',
            Principal: { Service: 'ses.amazonaws.com' },
            Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
            Resource: { 'Fn::Join': ['', [Match.anyValue(), '/inbound/email/*']] },
          }),
        ]),
      },
    });
  });

  it('encrypts the inbound topics and lets only SES and two-way SMS of this account publish', () => {
    s.dataTemplate.resourcePropertiesCountIs('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() }, 2);
    for (const service of ['ses.amazonaws.com', 'sms-voice.amazonaws.com']) {
      s.dataTemplate.hasResourceProperties('AWS::SNS::TopicPolicy', {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Action: 'sns:Publish',
              Principal: { Service: service },
              Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
            }),
          ]),
        },
      });
    }
  });

  it('rotates the data key, keeps it, and lets the inbound services and SNS encrypt with it for this account only', () => {
    s.dataTemplate.hasResource('AWS::KMS::Key', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        EnableKeyRotation: true,
        KeyPolicy: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
              // SNS: into the dead-letter queues, when it cannot deliver to a function.
              Principal: { Service: ['ses.amazonaws.com', 'sms-voice.amazonaws.com', 'sns.amazonaws.com'] },
              Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
            }),
          ]),
        },
      }),
    });
  });

  it('logs every request to the payload bucket to an access-log bucket kept a year', () => {
    const [logBucket] = Object.keys(
      s.dataTemplate.findResources('AWS::S3::Bucket', {
        Properties: { LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: 365 })] } },
      }),
    );
    expect(logBucket).toMatch(/AccessLogs/);
    s.dataTemplate.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        LoggingConfiguration: { DestinationBucketName: { Ref: logBucket }, LogFilePrefix: 'payloads/' },
      }),
    });
  });

  it.each(DEAD_LETTER_QUEUES)(
    'keeps the %s dead letters 14 days, encrypted with the data key, TLS only, when the stacks go',
    (name) => {
      const queues = s.dataTemplate.findResources('AWS::SQS::Queue', {
        DeletionPolicy: 'Retain',
        Properties: {
          KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DataKey'), 'Arn'] },
          MessageRetentionPeriod: 1_209_600,
        },
      });
      const id = Object.keys(queues).find((q) => q.toLowerCase().startsWith(`deadletters${name.toLowerCase()}`));
      expect(id).toBeDefined();
      s.dataTemplate.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: Match.arrayWith([{ Ref: id }]),
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
    },
  );

  it('backs up the case table and the payload bucket daily (35 days) and monthly (a year) to a kept vault', () => {
    s.dataTemplate.hasResource('AWS::Backup::BackupVault', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        EncryptionKeyArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DataKey'), 'Arn'] },
      }),
    });
    s.dataTemplate.hasResourceProperties('AWS::Backup::BackupPlan', {
      BackupPlan: {
        BackupPlanRule: [
          Match.objectLike({
            RuleName: 'Daily',
            ScheduleExpression: 'cron(0 3 * * ? *)',
            Lifecycle: { DeleteAfterDays: BACKUP_RETENTION.daily.toDays() },
          }),
          Match.objectLike({
            RuleName: 'Monthly',
            ScheduleExpression: 'cron(0 4 1 * ? *)',
            Lifecycle: { DeleteAfterDays: BACKUP_RETENTION.monthly.toDays() },
          }),
        ],
      },
    });
    s.dataTemplate.hasResourceProperties('AWS::Backup::BackupSelection', {
      BackupSelection: {
        Resources: [
          { 'Fn::GetAtt': [Match.stringLikeRegexp('^CasesTable'), 'Arn'] },
          { 'Fn::GetAtt': [Match.stringLikeRegexp('^PayloadsBucket'), 'Arn'] },
        ],
      },
    });
    // AWS Backup's role can back up and restore both: the DynamoDB policies and the S3 ones.
    s.dataTemplate.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: Match.objectLike({
        Statement: [Match.objectLike({ Principal: { Service: 'backup.amazonaws.com' } })],
      }),
      ManagedPolicyArns: Match.arrayWith(
        [
          'AWSBackupServiceRolePolicyForS3Backup',
          'AWSBackupServiceRolePolicyForS3Restore',
          'service-role/AWSBackupServiceRolePolicyForBackup',
          'service-role/AWSBackupServiceRolePolicyForRestores',
        ].map((name) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::aws:policy/${name}`]] })),
      ),
    });
  });

  it('creates a user pool officers cannot sign up to themselves, kept when the stack goes', () => {
    s.dataTemplate.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        // Threat protection (Plus): leaked credentials and risky sign-ins.
        UserPoolTier: 'PLUS',
        UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
        UsernameAttributes: ['email'],
        UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] },
        Schema: Match.arrayWith([Match.objectLike({ Name: 'team', Mutable: true })]),
        DeletionProtection: 'ACTIVE',
      }),
    });
  });

  it.each(Object.keys(OFFICER_GROUPS))('has a group for the %s role', (role) => {
    s.dataTemplate.hasResourceProperties('AWS::Cognito::UserPoolGroup', {
      GroupName: role,
      UserPoolId: { Ref: Match.stringLikeRegexp('IdentityOfficers') },
      Precedence: OFFICER_GROUPS[role as keyof typeof OFFICER_GROUPS].precedence,
    });
  });

  it('gives the hosted sign-in page the domain prefix from context', () => {
    s.dataTemplate.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: 'hightown-inbox',
      UserPoolId: { Ref: Match.stringLikeRegexp('IdentityOfficers') },
    });
    // The console's app client is in the app stack: its callback is the distribution's address.
    s.dataTemplate.resourceCountIs('AWS::Cognito::UserPoolClient', 0);
  });

  it('holds no functions: everything that runs lives in the app stack', () => {
    expect(Object.keys(s.dataTemplate.findResources('AWS::Lambda::Function'))).toEqual([]);
  });
});
