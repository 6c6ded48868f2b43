/**
 * The ingest functions' runtime (inbound email, SMS, letters): the store
 * runtime and ingest's dependencies, with the one sender ingest uses (the
 * mailer that tells officers). No notice sender, commands, text messages or
 * letter PDFs: those are the HTTP API's and the timers' (runtime.ts).
 */
import type { TextractClient } from '@aws-sdk/client-textract';
import type { LetterTextReader } from '@housing-inbox/channels';
import { createIngestServices, type Services } from '@housing-inbox/services';
import { lazyLetterReader } from './letter-reader.js';
import { cloudMailer, notASender, type OutboundClients, outboundEnvironmentSchema } from './outbound.js';
import {
  createStoreRuntime,
  once,
  parseEnvironment,
  type StoreRuntime,
  type StoreRuntimeOptions,
} from './store-runtime.js';

/** What an ingest handler calls; the full `Runtime` (runtime.ts) is one too. */
export interface IngestRuntime extends StoreRuntime {
  services: Pick<Services, 'ingest'>;
}

export interface IngestRuntimeOptions extends StoreRuntimeOptions {
  /** The SES client the officers' notifier uses (tests: mocked); production builds one with one attempt. */
  outboundClients?: Pick<OutboundClients, 'sesv2'>;
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
  const outboundEnv = parseEnvironment(outboundEnvironmentSchema, env);
  const store = createStoreRuntime(env, options);
  const mailer = cloudMailer({ env: outboundEnv, policy: store.policy, sesv2: options.outboundClients?.sesv2 });
  // Without FROM_ADDRESS this function may not send: a new case's owner email is left to the timers (act sends it).
  const officerEmailsBy = mailer === notASender.mailer ? 'timers' : 'ingest';
  const { ingest } = createIngestServices({ ...store, mailer, log: options.log, officerEmailsBy });
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
