/**
 * Where AWS tells us something arrived: SES publishes a notification when its
 * receipt rule has stored an email; AWS End User Messaging publishes each text
 * a resident sends to our number. Encrypted with the data key; only the
 * publishing service of this account may publish.
 */
import { Aws } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

export interface InboundTopicsProps {
  encryptionKey: IKey;
}

/** Services that publish resident contacts to our topics (and so encrypt with the data key). */
export const PUBLISHING_SERVICES = ['ses.amazonaws.com', 'sms-voice.amazonaws.com'] as const;

export class InboundTopics extends Construct {
  /** SES receipt notifications: "this email is stored at …". */
  readonly email: Topic;
  /** Two-way SMS: one message per text received. */
  readonly sms: Topic;

  constructor(scope: Construct, id: string, props: InboundTopicsProps) {
    super(scope, id);
    const topic = (name: string, displayName: string, publisher: string) => {
      const t = new Topic(this, name, { displayName, masterKey: props.encryptionKey, enforceSSL: true });
      t.addToResourcePolicy(
        new PolicyStatement({
          sid: 'OnlyOurPublisher',
          actions: ['sns:Publish'],
          principals: [new ServicePrincipal(publisher)],
          resources: [t.topicArn],
          conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
        }),
      );
      return t;
    };
    this.email = topic('InboundEmail', 'Housing inbox: inbound email stored', 'ses.amazonaws.com');
    this.sms = topic('InboundSms', 'Housing inbox: inbound SMS', 'sms-voice.amazonaws.com');
  }
}
