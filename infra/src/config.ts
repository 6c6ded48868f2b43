/**
 * Deployment settings, read from CDK context (`-c key=value` or cdk.json):
 *
 * | key          | meaning                                                                  | default            |
 * | ------------ | ------------------------------------------------------------------------ | ------------------ |
 * | `recipient`  | address(es) or domain SES accepts mail for, comma-separated              | none: a warning    |
 * | `policy`     | landlord policy preset (`hightown`, `blairtummock`)                      | `hightown`         |
 * | `mailDomain` | domain of our outbound Message-IDs                                       | recipient's domain |
 * | `alertEmail` | address subscribed to the operators' alarm topic                         | no subscription    |
 * | `prefix`     | prefix of stack names, for more than one landlord in one account        | `HousingInbox`     |
 */
import type { Node } from 'constructs';

export interface InboxConfig {
  recipients: string[];
  policy: string;
  mailDomain: string;
  alertEmail?: string;
  prefix: string;
}

/** Used when no recipient is given, so `cdk synth` works with no context; a rule for it matches no real mail. */
export const PLACEHOLDER_RECIPIENT = 'contact@inbox.invalid';

const PRESETS = ['hightown', 'blairtummock'];

function text(node: Node, key: string): string | undefined {
  const value = node.tryGetContext(key);
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

export function configFrom(node: Node): InboxConfig {
  const recipients = (text(node, 'recipient') ?? PLACEHOLDER_RECIPIENT)
    .split(',')
    .map((r) => r.trim().toLowerCase())
    .filter(Boolean);
  for (const r of recipients) {
    if (!/^([^@\s]+@)?[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(r)) {
      throw new Error(`context "recipient": "${r}" is neither an email address nor a domain`);
    }
  }
  const policy = text(node, 'policy') ?? 'hightown';
  if (!PRESETS.includes(policy)) {
    throw new Error(`context "policy": unknown preset "${policy}" (presets: ${PRESETS.join(', ')})`);
  }
  const first = recipients[0] as string;
  return {
    recipients,
    policy,
    mailDomain: text(node, 'mailDomain') ?? first.slice(first.indexOf('@') + 1),
    alertEmail: text(node, 'alertEmail'),
    prefix: text(node, 'prefix') ?? 'HousingInbox',
  };
}
