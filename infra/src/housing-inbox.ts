/** The whole deployment: the data stack, the edge stack (us-east-1) and the app stack, joined by props. */
import { Annotations, type App } from 'aws-cdk-lib';
import { AppStack } from './app-stack.js';
import { configFrom, type InboxConfig, isReceived, PLACEHOLDER_RECIPIENT } from './config.js';
import { DataStack } from './data-stack.js';
import { EdgeStack } from './edge-stack.js';

export interface HousingInbox {
  config: InboxConfig;
  data: DataStack;
  edge: EdgeStack;
  app: AppStack;
}

export function createHousingInbox(app: App): HousingInbox {
  const config = configFrom(app.node, process.env.CDK_DEFAULT_REGION);
  // An explicit region: the app stack reads the edge stack's WAF across regions. The account stays the CLI's.
  const env = { region: config.region };
  const data = new DataStack(app, `${config.prefix}Data`, {
    env,
    config,
    description:
      'Housing inbox: case table, payload bucket, inbound topics, officer sign-in, dead letters, backups, data key',
  });
  const edge = new EdgeStack(app, `${config.prefix}Edge`, {
    prefix: config.prefix,
    description: 'Housing inbox: the WAF web ACL of the CloudFront distribution (us-east-1)',
  });
  const stack = new AppStack(app, `${config.prefix}App`, {
    env,
    data,
    edge,
    config,
    description: 'Housing inbox: functions, SES receipt rule, sending, HTTP API, officer console, alarms',
  });
  if (config.recipients.includes(PLACEHOLDER_RECIPIENT)) {
    Annotations.of(stack).addWarningV2(
      'housing-inbox:recipient',
      `no "recipient" context: the receipt rule accepts ${PLACEHOLDER_RECIPIENT} only; deploy with -c recipient=contact@your-landlord.org.uk`,
    );
  }
  const { fromAddress, letterAddress } = config.sending;
  if (!isReceived(fromAddress, config.recipients)) {
    Annotations.of(stack).addWarningV2(
      'housing-inbox:from-address',
      `residents' replies to ${fromAddress} will not reach the inbox: the receipt rule accepts ${config.recipients.join(', ')} only`,
    );
  }
  if (!letterAddress) {
    Annotations.of(stack).addWarningV2(
      'housing-inbox:letter-address',
      'no "letterAddress" context: letters go out without the landlord’s postal address; deploy with -c letterAddress="Name, Street, Town, Postcode"',
    );
  }
  return { config, data, edge, app: stack };
}
