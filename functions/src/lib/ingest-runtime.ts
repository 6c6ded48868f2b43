/**
 * The ingest functions' runtime (inbound email, SMS, letters): the store
 * runtime and ingest's dependencies, and no sender at all. CDK never makes an
 * ingest function a sender (no `FROM_ADDRESS`, no sending rights: infra's
 * `ResidentSending.grantSendToResidents` goes to the HTTP API and the timers'
 * act step only), so a new case's owner email is left on the case for its
 * first timer step to send (`officerEmailsBy: 'timers'`), and the SES client
 * (~60 KB minified) is not in these bundles. No notice sender, commands, text
 * messages or letter PDFs: those are the HTTP API's and the timers' (runtime.ts).
 */
import type { TextractClient } from '@aws-sdk/client-textract';
import type { LetterTextReader } from '@housing-inbox/channels';
import { createIngestServices, type Services } from '@housing-inbox/services';
import { lazyLetterReader } from './letter-reader.js';
import { notASender } from './outbound.js';
import { createStoreRuntime, once, type StoreRuntime, type StoreRuntimeOptions } from './store-runtime.js';

/** What an ingest handler calls; the full `Runtime` (runtime.ts) is one too. */
export interface IngestRuntime extends StoreRuntime {
  services: Pick<Services, 'ingest'>;
}

export interface IngestRuntimeOptions extends StoreRuntimeOptions {
  /** The letter function's Textract client (tests: mocked). */
  textract?: TextractClient;
}

/** The letter function's: ingest's, and the reader for scanned letters. */
export interface LetterRuntime extends IngestRuntime {
  letterReader(): LetterTextReader;
}

export function createIngestRuntime(
  env: Record<string, string | undefined>,
  options: IngestRuntimeOptions = {},
): IngestRuntime {
  const store = createStoreRuntime(env, options);
  // Never a sender: a new case's owner email is left to the timers (act sends it).
  const { ingest } = createIngestServices({
    ...store,
    mailer: notASender.mailer,
    log: options.log,
    officerEmailsBy: 'timers',
  });
  return { ...store, services: { ingest } };
}

/** Builds the ingest runtime from `process.env` on first call, once per container. */
export function ingestRuntimeFromEnvironment(options: IngestRuntimeOptions = {}): () => IngestRuntime {
  return once(() => createIngestRuntime(process.env, options));
}

/** The letter function's runtime from `process.env`, once per container. */
export function letterRuntimeFromEnvironment(options: IngestRuntimeOptions = {}): () => LetterRuntime {
  return once(() => ({
    ...createIngestRuntime(process.env, options),
    letterReader: lazyLetterReader(options.textract),
  }));
}
