/**
 * The cost of 1,000 cases: AWS list prices (prices.ts) × the requests counted
 * in this run (DynamoDB requests and write units per message, measured by SDK
 * middleware) × the workload assumptions below (channel mix, messages and
 * notices per case, state transitions, Lambda duration from the measured
 * ingest latency). SMS carrier fees are shown apart: they depend on how many
 * residents prefer texts, not on the product.
 */
import type { RequestFigures } from './ingest.js';
import { PRICES } from './prices.js';
import { round } from './stats.js';

/** What a typical case is made of; each figure is an assumption stated in bench/README.md. */
export const WORKLOAD = {
  /** Share of new cases by channel. */
  channels: { email: 0.5, webForm: 0.25, sms: 0.15, letter: 0.1 },
  /** Inbound messages per case after the first (resident replies). */
  threadedPerCase: 2,
  /** Duplicate deliveries per case (SES/SNS at-least-once, resubmitted forms). */
  duplicatesPerCase: 0.2,
  /** Officer API calls per case (queue views, opening the case, commands). */
  apiCallsPerCase: 25,
  /** DynamoDB reads per officer API call (a query page or a case with its history). */
  readUnitsPerApiCall: 3,
  /** Notices sent per case: acknowledgement, reply, one update. */
  noticesPerCase: 3,
  /** Of the notices, the share that go by SMS (resident preference). */
  smsShareOfNotices: 0.15,
  /** Step Functions executions per case (opened, then restarted when the case changes) and timer actions. */
  executionsPerCase: 3,
  timerActionsPerCase: 3,
  /** Pages of a letter read by Textract. */
  pagesPerLetter: 1.5,
  /** Lambda memory (MB) and the invocations per case besides ingest (API calls, timer plan/act). */
  lambdaMemoryMb: 1024,
  /** Log bytes written per Lambda invocation (JSON lines, no personal data). */
  logBytesPerInvocation: 1500,
  /** Stored bytes per case in S3 (raw payloads, attachments, letter scans), kept a year. */
  s3BytesPerCase: 400_000,
  s3PutsPerCase: 4,
  s3GetsPerCase: 6,
};

export interface CostFigures {
  usd: number;
  excludes: string[];
  lines: Record<string, number>;
  /** Apart from `usd`: SMS carrier fees for the notices sent by text. */
  apart: { smsCarrierFees: number };
  /** What went in: counted requests, write units, GB-seconds, transitions. */
  inputs: Record<string, number>;
}

/** Per 1,000 cases. `ingestMs` is the measured time to file one message (Lambda duration proxy). */
export function costPer1000Cases(requests: RequestFigures, ingestMs: number, apiMs: number): CostFigures {
  const w = WORKLOAD;
  const cases = 1000;
  const { newCase, threaded, duplicate } = requests.detail;
  const inbound = cases * (1 + w.threadedPerCase + w.duplicatesPerCase);

  // DynamoDB: counted write units per message kind; reads as one unit per non-write request.
  const writeUnits =
    cases * (newCase.writeUnits + w.threadedPerCase * threaded.writeUnits + w.duplicatesPerCase * duplicate.writeUnits);
  const readsOf = (c: typeof newCase) =>
    (c.byOperation.GetItem ?? 0) + (c.byOperation.Query ?? 0) + (c.byOperation.BatchGetItem ?? 0);
  const readUnits =
    cases *
    (readsOf(newCase) +
      w.threadedPerCase * readsOf(threaded) +
      w.duplicatesPerCase * readsOf(duplicate) +
      w.apiCallsPerCase * w.readUnitsPerApiCall +
      w.timerActionsPerCase * 2 * 3);
  const dynamodb =
    (writeUnits / 1e6) * PRICES.dynamodb.writeRequestUnitPerMillion +
    (readUnits / 1e6) * PRICES.dynamodb.readRequestUnitPerMillion;

  // Lambda: ingest invocations, API calls and the timer tasks (plan and act per action, plus one plan per execution).
  const gb = w.lambdaMemoryMb / 1024;
  const timerInvocations = cases * (w.executionsPerCase + 2 * w.timerActionsPerCase);
  const invocations = inbound + cases * w.apiCallsPerCase + timerInvocations;
  const gbSeconds =
    gb * ((inbound * ingestMs) / 1000 + (cases * w.apiCallsPerCase * apiMs) / 1000 + (timerInvocations * 50) / 1000);
  const lambda = gbSeconds * PRICES.lambda.armGbSecond + (invocations / 1e6) * PRICES.lambda.requestPerMillion;

  // Step Functions: Start → Plan → Choose → Done per execution, Plan → Choose → Wait → Act per action.
  const transitions = cases * (w.executionsPerCase * 4 + w.timerActionsPerCase * 4);
  const stepFunctions = (transitions / 1000) * PRICES.stepFunctions.standardPerThousandTransitions;

  const emailsIn = inbound * w.channels.email;
  const emailNotices = cases * w.noticesPerCase * (1 - w.smsShareOfNotices);
  const ses =
    (emailsIn / 1000) * (PRICES.ses.receivePerThousand + PRICES.ses.receiveChunkPerThousand) +
    (emailNotices / 1000) * PRICES.ses.sendPerThousand;
  const textract =
    ((cases * w.channels.letter * w.pagesPerLetter) / 1000) * PRICES.textract.detectDocumentTextPerThousandPages;
  const s3 =
    ((cases * w.s3PutsPerCase) / 1000) * PRICES.s3.putPerThousand +
    ((cases * w.s3GetsPerCase) / 1000) * PRICES.s3.getPerThousand +
    ((cases * w.s3BytesPerCase) / 1e9) * PRICES.s3.storageGbMonth * 12;
  const logs = ((invocations * w.logBytesPerInvocation) / 1e9) * PRICES.cloudwatchLogs.ingestPerGb;
  const snsPublishes = emailsIn + cases * w.channels.sms * (1 + w.threadedPerCase);
  const other =
    (snsPublishes / 1e6) * PRICES.sns.publishPerMillion +
    ((cases * (w.channels.webForm + w.apiCallsPerCase)) / 1e6) * PRICES.apiGateway.httpApiPerMillion +
    ((cases * w.executionsPerCase) / 1e6) * PRICES.sqs.perMillion +
    logs;

  const lines = {
    stepFunctions: round(stepFunctions, 4),
    ses: round(ses, 4),
    textract: round(textract, 4),
    dynamodb: round(dynamodb, 4),
    lambda: round(lambda, 4),
    s3: round(s3, 4),
    other: round(other, 4),
  };
  const usd = round(
    Object.values(lines).reduce((a, b) => a + b, 0),
    4,
  );
  return {
    usd,
    excludes: ['SMS carrier fees'],
    lines,
    apart: { smsCarrierFees: round(cases * w.noticesPerCase * w.smsShareOfNotices * PRICES.sns.smsUkPerMessage, 2) },
    inputs: {
      inboundMessages: inbound,
      dynamodbWriteUnits: writeUnits,
      dynamodbReadUnits: readUnits,
      lambdaInvocations: invocations,
      lambdaGbSeconds: round(gbSeconds, 1),
      stateTransitions: transitions,
      emailsReceived: emailsIn,
      emailsSent: emailNotices,
      logGb: round((invocations * w.logBytesPerInvocation) / 1e9, 3),
    },
  };
}
