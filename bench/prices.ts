/**
 * AWS list prices used by the cost model, region eu-west-2 (London), in USD,
 * as recorded on 2026-11-30 from the public AWS pricing pages (on-demand, no
 * free tier, no savings plans). They are data: check them against
 * https://aws.amazon.com/pricing/ before quoting a figure, and change them here.
 */
export const PRICES = {
  region: 'eu-west-2',
  recordedOn: '2026-11-30',
  dynamodb: {
    /** On-demand, per million write request units. */
    writeRequestUnitPerMillion: 0.7425,
    /** On-demand, per million read request units (a consistent read of ≤ 4 KB is 1). */
    readRequestUnitPerMillion: 0.1485,
  },
  lambda: {
    /** Arm (Graviton), per GB-second. */
    armGbSecond: 0.0000133334,
    requestPerMillion: 0.2,
  },
  stepFunctions: { standardPerThousandTransitions: 0.025 },
  ses: {
    /** Outbound email, per 1,000 messages. */
    sendPerThousand: 0.1,
    /** Inbound email, per 1,000 messages plus per 1,000 incoming 256 KB chunks. */
    receivePerThousand: 0.1,
    receiveChunkPerThousand: 0.09,
  },
  sns: {
    /** SNS publishes (SES receipt → ingest), per million. */
    publishPerMillion: 0.5,
    /** An outbound SMS to a UK number (AWS End User Messaging), per message part: the carrier fee, shown apart. */
    smsUkPerMessage: 0.0377,
  },
  s3: {
    putPerThousand: 0.0053,
    getPerThousand: 0.00042,
    /** Standard storage, per GB-month. */
    storageGbMonth: 0.024,
  },
  textract: { detectDocumentTextPerThousandPages: 1.5 },
  cloudwatchLogs: { ingestPerGb: 0.5985 },
  apiGateway: { httpApiPerMillion: 1.11 },
  sqs: { perMillion: 0.4 },
  eventBridgeScheduler: { perMillion: 1.0 },
} as const;
