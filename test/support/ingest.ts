/**
 * An ingest test bed on the real store: officers seeded, the policy's relays
 * wired through channels' `residentSender` (as the services wire them), and the
 * shared ingest cases read from test/fixtures/cases/ingest with their
 * placeholders filled.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEmail, parseSms, parseWebForm, residentSender } from '@housing-inbox/channels';
import {
  acceptDelivery,
  type CaseEvents,
  type CaseRepository,
  createNoticeSender,
  type IngestDeps,
  type IngestOutcome,
  inboundRulesOf,
  type LandlordPolicy,
  type ManualClock,
  type NoticeSender,
  type OutboundPorts,
} from '@housing-inbox/core';
import { createPrivacy } from '@housing-inbox/services';
import { StoreRefusedError } from '@housing-inbox/store';
import { afterEach, beforeEach } from 'vitest';
import { OFFICERS } from './officers.js';
import { clockAt, hightown, startTestStore, type TestStore } from './stack.js';

export { OFFICERS } from './officers.js';

export interface IngestBed {
  store: TestStore;
  deps: IngestDeps;
  clock: ManualClock;
  email(raw: string | Uint8Array, options?: { transportId?: string }): Promise<IngestOutcome>;
  sms(payload: unknown): Promise<IngestOutcome>;
  webForm(fields: Record<string, string>): Promise<IngestOutcome>;
  /** Core's notice sender on this store, in front of a recording outbox. */
  notices(policy?: LandlordPolicy): { sender: NoticeSender; sent: ReturnType<typeof recordingOutbound>['sent'] };
  stop(): Promise<void>;
}

export async function ingestBed(
  options: { policy?: LandlordPolicy; now?: string; events?: CaseEvents } = {},
): Promise<IngestBed> {
  const store = await startTestStore();
  for (const o of OFFICERS) await store.repository.putOfficer(o);
  const policy = options.policy ?? hightown;
  const clock = clockAt(options.now ?? '2026-12-01T10:00:00Z');
  const deps: IngestDeps = {
    policy,
    repository: store.repository,
    blobs: store.blobs,
    clock,
    events: options.events,
    residentOf: (message) => residentSender(message, inboundRulesOf(policy).relayAddresses),
  };
  const bytes = (raw: string | Uint8Array) => (typeof raw === 'string' ? new TextEncoder().encode(raw) : raw);
  return {
    store,
    deps,
    clock,
    email: (raw, { transportId } = {}) =>
      acceptDelivery(deps, {
        channel: 'email',
        raw: bytes(raw),
        contentType: 'message/rfc822',
        transportId,
        parse: (b) => parseEmail(b, { receivedAt: clock.now().toISOString() }),
      }),
    sms: (payload) =>
      acceptDelivery(deps, {
        channel: 'sms',
        raw: bytes(JSON.stringify(payload)),
        contentType: 'application/json',
        parse: (b) => parseSms(b, { receivedAt: clock.now().toISOString() }),
      }),
    webForm: (fields) =>
      acceptDelivery(deps, {
        channel: 'web-form',
        raw: bytes(JSON.stringify(fields)),
        contentType: 'application/json',
        parse: () => parseWebForm(fields, { receivedAt: clock.now().toISOString(), categories: policy.categories }),
      }),
    notices: (withPolicy = policy) => {
      const outbound = recordingOutbound();
      const sender = createNoticeSender({
        policy: withPolicy,
        repository: store.repository,
        outbound: outbound.ports,
        clock,
        mailDomain: 'inbox.test',
      });
      return { sender, sent: outbound.sent };
    },
    stop: () => store.stop(),
  };
}

/**
 * A fresh bed for each test of the describe block it is called in, stopped after it;
 * the object answers for the current one.
 */
export function ingestBedPerTest(options: Parameters<typeof ingestBed>[0] = {}): IngestBed {
  let current: IngestBed | undefined;
  beforeEach(async () => {
    current = await ingestBed(options);
  });
  afterEach(async () => {
    await current?.stop();
    current = undefined;
  });
  return new Proxy({} as IngestBed, {
    get: (_, key) => {
      if (!current) throw new Error('the ingest bed is used outside a test');
      return current[key as keyof IngestBed];
    },
  });
}

/** The data-rights use cases (erasure, retention) on a bed's store, blobs and clock. */
export function privacyOn(bed: IngestBed) {
  const repository = bed.store.repository;
  return createPrivacy({
    policy: bed.deps.policy,
    repository,
    privacy: repository.privacy,
    blobs: bed.store.blobs,
    clock: bed.clock,
    audit: repository.audit,
  });
}

/**
 * An email with one attachment. `name` is the attachment's parameter as written after
 * `filename=` / `name=` (quoted, or RFC 2231 `*=UTF-8''…` when `encoded`).
 */
export function emailWithAttachment(a: {
  from: string;
  subject: string;
  messageId: string;
  name: string;
  encoded?: boolean;
  contentType: string;
  bytes: string;
}): string {
  const param = (p: string) => (a.encoded ? `${p}*=${a.name}` : `${p}="${a.name}"`);
  return [
    `From: ${a.from}`,
    `Subject: ${a.subject}`,
    `Message-ID: ${a.messageId}`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary=b',
    '',
    '--b',
    'Content-Type: text/plain',
    '',
    'See attached',
    '--b',
    `Content-Type: ${a.contentType}; ${param('name')}`,
    `Content-Disposition: attachment; ${param('filename')}`,
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from(a.bytes).toString('base64'),
    '--b--',
    '',
  ].join('\r\n');
}

/** Every send recorded (channel, address, purpose), nothing delivered. */
export function recordingOutbound(): {
  sent: { channel: string; to: string; purpose: string }[];
  ports: OutboundPorts;
} {
  const sent: { channel: string; to: string; purpose: string }[] = [];
  const record = async (channel: string, to: string, purpose: string) => {
    sent.push({ channel, to, purpose });
    return { providerMessageId: `${channel}-${sent.length}` };
  };
  return {
    sent,
    ports: {
      mailer: { sendEmail: (m) => record('email', m.to, m.purpose) },
      sms: { sendSms: (m) => record('sms', m.to, m.purpose) },
      letters: { queueLetter: (m) => record('letter', m.to.address, m.purpose) },
    },
  };
}

const CASES = join(import.meta.dirname, '..', 'fixtures', 'cases', 'ingest');

let run = 0;
/** A fresh `{{RUN}}` token, so cases of one test never meet another's. */
export function runToken(): string {
  run += 1;
  return `r${Date.now().toString(36)}${run}`;
}

/** A shared case file with its `{{…}}` placeholders filled; a missing value is an error. */
export function caseText(name: string, values: Record<string, string>): string {
  const all: Record<string, string> = { DATE: 'Tue, 01 Dec 2026 09:00:00 +0000', N: '1', ...values };
  return readFileSync(join(CASES, name), 'utf8').replace(/\{\{(\w+)\}\}/g, (whole, key: string) => {
    const value = all[key];
    if (value === undefined) throw new Error(`${name}: no value for ${whole}`);
    return value;
  });
}

export function smsCase(name: string, values: Record<string, string>): unknown {
  return JSON.parse(caseText(name, values));
}

/** The case reference of an outcome that has one. */
export function refOf(outcome: IngestOutcome): string {
  if ('caseRef' in outcome && outcome.caseRef) return outcome.caseRef;
  throw new Error(`no case: ${JSON.stringify(outcome)}`);
}

/** The repository, refusing to open a case as the store refuses an item over 400 KB: ingest then quarantines. */
export function refusingToOpen(repository: CaseRepository): CaseRepository {
  return new Proxy(repository, {
    get: (target, prop) =>
      prop === 'openCase'
        ? async () => {
            throw new StoreRefusedError('Item size has exceeded the maximum allowed size');
          }
        : Reflect.get(target, prop, target).bind?.(target),
  }) as CaseRepository;
}
