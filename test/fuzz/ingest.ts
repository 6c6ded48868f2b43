/**
 * Fuzzing the real ingest: each generated input goes through core's
 * `acceptDelivery` with the real parser of its channel, on the embedded
 * DynamoDB and a blob folder, as the services wire it. An input passes when
 * ingest answers (no throw, no unhandled rejection); after the run every answer
 * is recounted against the store: a case it was filed on exists, a quarantined
 * input is in quarantine with its reason.
 */
import {
  parseEmail,
  parseLetter,
  parseSms,
  parseWebForm,
  residentSender,
  TesseractLetterReader,
} from '@housing-inbox/channels';
import {
  acceptDelivery,
  type IngestDeps,
  type IngestOutcome,
  inboundRulesOf,
  type ManualClock,
  type RawDelivery,
} from '@housing-inbox/core';
import fc from 'fast-check';
import { OFFICERS } from '../support/officers.js';
import { clockAt, hightown, startTestStore, type TestStore } from '../support/stack.js';
import { emailInput, formInput, type LetterInput, letterBytes, letterInput, smsInput } from './inputs.js';

export type FuzzChannel = 'email' | 'sms' | 'web-form' | 'letter';
export const FUZZ_CHANNELS: FuzzChannel[] = ['email', 'sms', 'web-form', 'letter'];

export interface FuzzReport {
  channel: FuzzChannel;
  inputs: number;
  /** Outcomes by name (created, threaded, duplicate, automated, opted-out, quarantined, …). */
  outcomes: Record<string, number>;
  /** Quarantine reasons, first 60 characters, by count (the most common few). */
  reasons: Record<string, number>;
  /** Problems found by the recount: a case that is not there, a quarantine entry missing or without reason. */
  lost: string[];
  /** Letters only: how many went through OCR as images. */
  images?: number;
}

export interface FuzzBed {
  store: TestStore;
  deps: IngestDeps;
  ocr?: TesseractLetterReader;
  stop(): Promise<void>;
}

export async function fuzzBed(): Promise<FuzzBed> {
  const store = await startTestStore();
  for (const o of OFFICERS) await store.repository.putOfficer(o);
  const policy = hightown;
  const deps: IngestDeps = {
    policy,
    repository: store.repository,
    blobs: store.blobs,
    clock: clockAt('2026-12-01T10:00:00Z'),
    residentOf: (message) => residentSender(message, inboundRulesOf(policy).relayAddresses),
  };
  const bed: FuzzBed = {
    store,
    deps,
    async stop() {
      await bed.ocr?.close();
      await store.stop();
    },
  };
  return bed;
}

const bytes = (s: string) => new TextEncoder().encode(s);

/** The delivery of one input, as the channel's entry point builds it. */
function delivery(bed: FuzzBed, channel: FuzzChannel, raw: Uint8Array, letter?: LetterInput): RawDelivery {
  const receivedAt = bed.deps.clock.now().toISOString();
  switch (channel) {
    case 'email':
      return { channel, raw, contentType: 'message/rfc822', parse: (b) => parseEmail(b, { receivedAt }) };
    case 'sms':
      return { channel, raw, contentType: 'application/json', parse: (b) => parseSms(b, { receivedAt }) };
    case 'web-form':
      return {
        channel,
        raw,
        contentType: 'application/x-www-form-urlencoded',
        parse: (b) =>
          parseWebForm(Object.fromEntries(new URLSearchParams(new TextDecoder().decode(b))), {
            receivedAt,
            categories: bed.deps.policy.categories,
          }),
      };
    case 'letter':
      bed.ocr ??= new TesseractLetterReader();
      return {
        channel,
        raw,
        contentType: letter?.contentType ?? 'application/pdf',
        parse: (b) =>
          parseLetter(b, {
            filename: 'fuzz',
            contentType: letter?.contentType,
            receivedAt,
            ocr: bed.ocr as TesseractLetterReader,
          }),
      };
  }
}

/** `runs` inputs of `channel` through ingest on `bed`, then the recount. `seed` makes a run repeatable. */
export async function fuzzChannel(
  bed: FuzzBed,
  channel: FuzzChannel,
  runs: number,
  options: {
    seed?: number;
    imagesPerThousand?: number;
    onProgress?: (done: number) => void;
    /** Quarantine entries read per page in the recount (the store's most, 200, by default). */
    pageSize?: number;
    /** Stop starting new inputs after this many milliseconds (what was done is recounted and reported). */
    timeLimitMs?: number;
  } = {},
): Promise<FuzzReport> {
  const answers: IngestOutcome[] = [];
  let images = 0;
  const input: fc.Arbitrary<{ raw?: Uint8Array; letter?: LetterInput }> =
    channel === 'email'
      ? emailInput.map((raw) => ({ raw }))
      : channel === 'sms'
        ? smsInput.map((raw) => ({ raw }))
        : channel === 'web-form'
          ? formInput(bed.deps.policy.categories.map((c) => c.id)).map((body) => ({ raw: bytes(body) }))
          : letterInput(options.imagesPerThousand ?? 1).map((letter) => ({ letter }));

  await fc.assert(
    fc.asyncProperty(input, async ({ raw, letter }) => {
      const file = raw ?? (await letterBytes(letter as LetterInput));
      if (letter?.kind === 'image') images++;
      // A new second per input, so quarantine entries of identical inputs stay apart only by content.
      (bed.deps.clock as ManualClock).advanceMs(1000);
      const answer = await acceptDelivery(bed.deps, delivery(bed, channel, file, letter));
      answers.push(answer);
      options.onProgress?.(answers.length);
    }),
    {
      numRuns: runs,
      ...(options.seed === undefined ? {} : { seed: options.seed }),
      ...(options.timeLimitMs === undefined
        ? {}
        : { interruptAfterTimeLimit: options.timeLimitMs, markInterruptAsFailure: false }),
      endOnFailure: true,
    },
  );
  return {
    ...(await recount(bed, channel, answers, options.pageSize ?? 200)),
    ...(channel === 'letter' ? { images } : {}),
  };
}

/** Every answer checked against the store. */
async function recount(
  bed: FuzzBed,
  channel: FuzzChannel,
  answers: IngestOutcome[],
  pageSize: number,
): Promise<FuzzReport> {
  const outcomes: Record<string, number> = {};
  const reasons: Record<string, number> = {};
  const lost: string[] = [];
  const quarantined = new Map<string, string>();
  let next: string | undefined;
  do {
    // The store's cursor option is `cursor`: the page's `next` handed back (it was passed as `next`, ignored,
    // so past one page of quarantine the recount read the first page for ever and the full run never ended).
    const page = await bed.store.repository.listQuarantine({ limit: pageSize, ...(next ? { cursor: next } : {}) });
    for (const q of page.items) quarantined.set(q.id, q.reason);
    next = page.next ?? undefined;
  } while (next);
  const cases = new Set<string>();
  for (const a of answers) {
    outcomes[a.outcome] = (outcomes[a.outcome] ?? 0) + 1;
    if (a.outcome === 'quarantined') {
      const reason = quarantined.get(a.quarantineId);
      if (!reason) lost.push(`quarantine ${a.quarantineId} is missing or has no reason`);
      const short = a.reason.slice(0, 60);
      reasons[short] = (reasons[short] ?? 0) + 1;
    } else if ('caseRef' in a && a.caseRef) {
      if (!cases.has(a.caseRef)) {
        if (!(await bed.store.repository.getCase(a.caseRef))) lost.push(`case ${a.caseRef} (${a.outcome}) is missing`);
        cases.add(a.caseRef);
      }
    } else if (a.outcome === 'created' || a.outcome === 'threaded') {
      lost.push(`a ${a.outcome} answer names no case`);
    }
  }
  const top = Object.fromEntries(
    Object.entries(reasons)
      .sort((x, y) => y[1] - x[1])
      .slice(0, 8),
  );
  return { channel, inputs: answers.length, outcomes, reasons: top, lost };
}
