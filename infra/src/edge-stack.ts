/**
 * The edge stack, always in us-east-1: what CloudFront requires to be there.
 * Today the WAF web ACL of the distribution; the app stack reads its ARN
 * across regions (`crossRegionReferences`: CDK writes it to SSM Parameter
 * Store in the app stack's region). Bootstrap us-east-1 once as well.
 */
import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { PublicEntryFirewall } from './constructs/public-entry-firewall.js';

export const EDGE_REGION = 'us-east-1';

export interface EdgeStackProps extends StackProps {
  prefix: string;
}

export class EdgeStack extends Stack {
  readonly firewall: PublicEntryFirewall;

  constructor(scope: Construct, id: string, props: EdgeStackProps) {
    super(scope, id, { ...props, env: { ...props.env, region: EDGE_REGION }, crossRegionReferences: true });
    this.firewall = new PublicEntryFirewall(this, 'Firewall', { prefix: props.prefix });
  }

  get webAclArn(): string {
    return this.firewall.webAcl.attrArn;
  }
}
