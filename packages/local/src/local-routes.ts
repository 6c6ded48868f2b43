/**
 * What the local routes (`/local/*`, defined beside the API's in
 * @housing-inbox/api) do on this machine: a text message or a letter scan
 * ingested as the cloud would, the outbox, the movable clock, and tokens
 * signed with the data folder's secret.
 */
import { type LocalPorts, signLocalToken } from '@housing-inbox/api';
import { parseLetter, parseSms, type TesseractLetterReader } from '@housing-inbox/channels';
import { acceptDelivery, type IngestDeps, type IngestOutcome, UnparseableInput } from '@housing-inbox/core';
import type { LocalOutbox } from '@housing-inbox/outbound';
import { parseDuration, type StackClock } from './clock.js';

/** `arrivedOn`: the local date the letter arrived in the post (its clock starts then where the policy says so). */
export type IngestLetter = (
  file: Uint8Array,
  filename: string,
  contentType?: string,
  arrivedOn?: string,
) => Promise<IngestOutcome>;

/** A letter scan read (its text layer, or OCR) and ingested: the upload route and the drop folder share it. */
export function letterIngester(ingest: IngestDeps, clock: StackClock, ocr: () => TesseractLetterReader): IngestLetter {
  return (file, filename, contentType, arrivedOn) =>
    acceptDelivery(ingest, {
      channel: 'letter',
      raw: file,
      contentType: contentType || 'application/octet-stream',
      parse: (raw) =>
        parseLetter(raw, { filename, contentType, receivedAt: clock.now().toISOString(), arrivedOn, ocr: ocr() }),
    });
}

export function localPorts(deps: {
  ingest: IngestDeps;
  clock: StackClock;
  outbox: LocalOutbox;
  ingestLetter: IngestLetter;
  secret: string;
}): LocalPorts {
  const { ingest, clock } = deps;
  return {
    ingestSms: (raw) =>
      acceptDelivery(ingest, {
        channel: 'sms',
        raw,
        contentType: 'application/json',
        parse: (bytes) => parseSms(jsonOf(bytes), { receivedAt: clock.now().toISOString() }),
      }),
    ingestLetter: deps.ingestLetter,
    outbox: () => deps.outbox.list(),
    now: () => clock.now(),
    moveClock: (move) =>
      'advance' in move ? clock.advance(parseDuration(move.advance)) : clock.set(new Date(move.set)),
    tokenFor: (officer) => signLocalToken(officer, deps.secret),
  };
}

function jsonOf(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new UnparseableInput('the body is not valid JSON', 'sms');
  }
}
