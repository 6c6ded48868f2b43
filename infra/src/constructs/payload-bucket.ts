/**
 * The bucket that keeps what residents sent, as received: raw MIME from SES,
 * letter scans uploaded by the post room, and the raw payload and attachments
 * ingest keeps for every contact. Encrypted with the data key, private, TLS
 * only, versioned, kept when the stack goes.
 *
 * | prefix           | written by                    | kept                                   |
 * | ---------------- | ----------------------------- | -------------------------------------- |
 * | `inbound/email/` | SES receipt rule (S3 action)  | 30 days (ingest keeps its own copy)    |
 * | `letters/inbox/` | the post room's uploads       | 90 days (ingest keeps its own copy)    |
 * | `raw/`           | ingest: every payload as sent | kept; infrequent access after 90 days  |
 * | `attachments/`   | ingest: attachments and scans | kept; infrequent access after 90 days  |
 * | `letters/outgoing/` | the senders: letters as PDFs for print and post | kept; infrequent access after 90 days |
 *
 * Every request to it is logged (S3 server access logs) to `accessLogs`, a
 * second bucket kept a year: who read which resident's file, for a breach
 * investigation or a disclosure record. Server access logs take only SSE-S3.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership, StorageClass } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { DATA_KEY_GRANT, excuse, KMS_GRANT_WILDCARDS, resourceEndingWith } from './nag.js';

export const PREFIXES = {
  inboundEmail: 'inbound/email/',
  lettersInbox: 'letters/inbox/',
  raw: 'raw/',
  attachments: 'attachments/',
  /** Long message bodies (core's `message-bodies.ts`): the text and HTML a message item would not hold cheaply. */
  bodies: 'bodies/',
  /** Letters we send, as PDFs: the print-and-post supplier collects them, officers open them from the case. */
  lettersOutgoing: 'letters/outgoing/',
} as const;

export interface PayloadBucketProps {
  encryptionKey: IKey;
}

/** How long the payload bucket's access logs are kept. */
export const ACCESS_LOG_RETENTION = Duration.days(365);

export class PayloadBucket extends Construct {
  readonly bucket: Bucket;
  readonly accessLogs: Bucket;
  readonly encryptionKey: IKey;

  constructor(scope: Construct, id: string, props: PayloadBucketProps) {
    super(scope, id);
    this.encryptionKey = props.encryptionKey;
    this.accessLogs = new Bucket(this, 'AccessLogs', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [{ id: 'expire', expiration: ACCESS_LOG_RETENTION }],
    });
    excuse(this.accessLogs, [
      { id: 'AwsSolutions-S1', reason: 'This is the access-log bucket: logging it to itself would loop.' },
    ]);
    const toInfrequentAccess = [{ storageClass: StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(90) }];
    this.bucket = new Bucket(this, 'Bucket', {
      encryption: BucketEncryption.KMS,
      encryptionKey: props.encryptionKey,
      bucketKeyEnabled: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      removalPolicy: RemovalPolicy.RETAIN,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'payloads/',
      lifecycleRules: [
        { id: 'inbound-email', prefix: PREFIXES.inboundEmail, expiration: Duration.days(30) },
        { id: 'letters-inbox', prefix: PREFIXES.lettersInbox, expiration: Duration.days(90) },
        { id: 'raw-payloads', prefix: PREFIXES.raw, transitions: toInfrequentAccess },
        { id: 'attachments', prefix: PREFIXES.attachments, transitions: toInfrequentAccess },
        { id: 'bodies', prefix: PREFIXES.bodies, transitions: toInfrequentAccess },
        { id: 'letters-outgoing', prefix: PREFIXES.lettersOutgoing, transitions: toInfrequentAccess },
        {
          id: 'old-versions-and-uploads',
          noncurrentVersionExpiration: Duration.days(90),
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
      ],
    });
  }

  /** s3:GetObject on one prefix only (no listing), and decrypt with the data key. */
  grantReadObjects(grantee: IGrantable, prefix: string): void {
    this.#grantObjects(grantee, 's3:GetObject', prefix);
    this.encryptionKey.grantDecrypt(grantee);
  }

  /** s3:PutObject on one prefix only, and encrypt with the data key. */
  grantWriteObjects(grantee: IGrantable, prefix: string): void {
    this.#grantObjects(grantee, 's3:PutObject', prefix);
    this.encryptionKey.grantEncrypt(grantee);
    excuse(grantee, [{ id: 'AwsSolutions-IAM5', reason: DATA_KEY_GRANT, appliesTo: KMS_GRANT_WILDCARDS }]);
  }

  /** s3:DeleteObject on one prefix only (erasure of a resident's files); a versioned object's old versions expire by lifecycle. */
  grantDeleteObjects(grantee: IGrantable, prefix: string): void {
    this.#grantObjects(grantee, 's3:DeleteObject', prefix);
  }

  #grantObjects(grantee: IGrantable, action: string, prefix: string): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ actions: [action], resources: [this.bucket.arnForObjects(`${prefix}*`)] }),
    );
    excuse(grantee, [
      {
        id: 'AwsSolutions-IAM5',
        reason: `${action} on the objects under one prefix of the payload bucket (${prefix}), the prefix its work needs`,
        appliesTo: [resourceEndingWith(`/${prefix}*`)],
      },
    ]);
  }
}
