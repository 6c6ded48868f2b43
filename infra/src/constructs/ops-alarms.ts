/** Where alarms go: one topic for the operators, with an email subscription when `alertEmail` is set. */
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface OpsAlarmsProps {
  alertEmail?: string;
}

export class OpsAlarms extends Construct {
  /** Alarm messages name a function or queue and a count: no personal data, so no customer key is needed. */
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: OpsAlarmsProps) {
    super(scope, id);
    this.topic = new Topic(this, 'Alarms', { displayName: 'Housing inbox alarms', enforceSSL: true });
    if (props.alertEmail) this.topic.addSubscription(new EmailSubscription(props.alertEmail));
  }
}
