/**
 * cdk-nag suppressions, always with the reason next to the code that needs
 * them (infra/test/cdk-nag.test.ts fails on any finding left unexcused).
 */
import { Stack } from 'aws-cdk-lib';
import { type NagPackSuppression, NagSuppressions } from 'cdk-nag';
import { Construct, type IConstruct } from 'constructs';

/** Excuses findings on `scope` and everything under it (a function's role and policy included). */
export function excuse(scope: unknown, suppressions: NagPackSuppression[]): void {
  if (Construct.isConstruct(scope)) NagSuppressions.addResourceSuppressions(scope, suppressions, true);
}

/**
 * IAM5's finding for a resource ARN ending in `suffix`, however the ARN is
 * written: a reference in the same stack or an import from the data stack.
 */
export function resourceEndingWith(suffix: string): { regex: string } {
  return { regex: `/^Resource::.*${suffix.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$/` };
}

/** CDK's grants on a KMS key use these two wildcards (e.g. kms:GenerateDataKey* for …WithoutPlaintext). */
export const KMS_GRANT_WILDCARDS = ['Action::kms:GenerateDataKey*', 'Action::kms:ReEncrypt*'];
export const DATA_KEY_GRANT =
  'CDK’s KMS grant (kms:GenerateDataKey*, kms:ReEncrypt*) on the data key alone, to encrypt what the function writes.';

/** A construct CDK adds to the stack once for everyone (a custom resource's provider), found by its id's start. */
export function stackSingleton(scope: IConstruct, idPrefix: string): IConstruct | undefined {
  return Stack.of(scope).node.children.find((c) => c.node.id.startsWith(idPrefix));
}

const BASIC_EXECUTION_ROLE = 'Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole';

/** What every function of ours (and CDK's helper functions) is excused, and why. */
export const LAMBDA_BASELINE: NagPackSuppression[] = [
  {
    id: 'AwsSolutions-IAM4',
    reason:
      'AWSLambdaBasicExecutionRole is the AWS managed policy Lambda documents for writing a function’s own logs ' +
      '(CreateLogStream and PutLogEvents); it grants nothing else.',
    appliesTo: [BASIC_EXECUTION_ROLE],
  },
];

/** Functions and state machines with X-Ray active tracing. */
export const XRAY_TRACING: NagPackSuppression = {
  id: 'AwsSolutions-IAM5',
  reason: 'X-Ray active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords accept no resource but "*".',
  appliesTo: ['Resource::*'],
};
