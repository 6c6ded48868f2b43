/**
 * The single case table. Its keys, indexes and TTL attribute come from
 * @housing-inbox/store's schema, the same definition the repository builds
 * keys from and the local stack creates its table with.
 */

import { tableDefinition } from '@housing-inbox/store';
import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { DATA_KEY_GRANT, excuse, KMS_GRANT_WILDCARDS, resourceEndingWith } from './nag.js';

export interface CaseTableProps {
  encryptionKey: IKey;
}

/**
 * What the repository does to the table, and nothing more: no Scan (queues are
 * Queries on indexes), no batch writes; BatchGetItem reads a page's cases and
 * contacts in one call. TransactWriteItems is authorised per
 * item as Put/Update/Delete/ConditionCheck. Add an action here when the store
 * starts to use another.
 */
export const CASE_STORE_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:ConditionCheckItem',
  // The reports read a month's cases 100 to a BatchGetItem; call records are written 25 to a BatchWriteItem.
  'dynamodb:BatchGetItem',
  'dynamodb:BatchWriteItem',
];

/** Queues and reports are Queries on the table's own indexes: `<table ARN>/index/*` names those and nothing else. */
export const TABLE_INDEXES = {
  id: 'AwsSolutions-IAM5',
  reason: 'Queries on the case table’s own global secondary indexes (`<table ARN>/index/*`), nothing else.',
  appliesTo: [resourceEndingWith('/index/*')],
};

export class CaseTable extends Construct {
  readonly table: Table;
  readonly #key: IKey;

  constructor(scope: Construct, id: string, props: CaseTableProps) {
    super(scope, id);
    this.#key = props.encryptionKey;
    const string = (name: string) => ({ name, type: AttributeType.STRING });
    this.table = new Table(this, 'Table', {
      partitionKey: string(tableDefinition.partitionKey),
      sortKey: string(tableDefinition.sortKey),
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: tableDefinition.ttlAttribute,
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: props.encryptionKey,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const index of tableDefinition.indexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: string(index.partitionKey),
        sortKey: string(index.sortKey),
        ...(index.nonKeyAttributes
          ? { projectionType: ProjectionType.INCLUDE, nonKeyAttributes: [...index.nonKeyAttributes] }
          : { projectionType: ProjectionType.ALL }),
      });
    }
  }

  /** The repository's access to the table and its indexes, with the data key to read and write it. */
  grantCaseStore(grantee: IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: CASE_STORE_ACTIONS,
        resources: [this.table.tableArn, `${this.table.tableArn}/index/*`],
      }),
    );
    this.#key.grantEncryptDecrypt(grantee);
    excuse(grantee, [
      TABLE_INDEXES,
      { id: 'AwsSolutions-IAM5', reason: DATA_KEY_GRANT, appliesTo: KMS_GRANT_WILDCARDS },
    ]);
  }
}
