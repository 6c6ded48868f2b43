/**
 * The whole runtime, for the functions that need every use case (the HTTP
 * API; the timers' act step takes its notice sender from here): the store
 * runtime (store-runtime.ts: policy, repository, blobs, clock, the timers'
 * events), the senders (SES, SNS, letters to S3: outbound.ts) and the use cases
 * composed by @housing-inbox/services' createServices (the same composition as
 * the local stack). A function that needs less builds less: ingest-runtime.ts
 * (with the letter function's Textract reader), timer-runtime.ts, or the store
 * runtime alone. No letter reader: the HTTP API reads no scanned letter.
 * Handlers take a `() => Runtime`-like factory: tests hand in one wired to
 * local DynamoDB and mocked S3; production builds the real one on the first
 * invocation.
 */
import type { OutboundPorts } from '@housing-inbox/core';
import type { PutLetterObject } from '@housing-inbox/outbound/senders';
import { createActServices, createServices, type Services } from '@housing-inbox/services';
import {
  type CloudOutboundOptions,
  cloudOutbound,
  cloudSenders,
  notASender,
  type OutboundClients,
  outboundEnvironmentSchema,
} from './outbound.js';
import {
  createStoreRuntime,
  once,
  parseEnvironment,
  type RecordsRuntime,
  type StoreRuntime,
  type StoreRuntimeOptions,
  storeEnvironmentSchema,
} from './store-runtime.js';

export interface Runtime extends StoreRuntime {
  /** Email, text messages and letters: the cloud senders on functions CDK made senders. */
  outbound: OutboundPorts;
  services: Services;
}

/** What a caller may supply instead of the defaults (tests: clients pointed at local DynamoDB, or mocked). */
export interface RuntimeOptions extends StoreRuntimeOptions {
  /** Clients for the cloud senders (tests: mocked); production builds them with one attempt each. */
  outboundClients?: OutboundClients;
  /** Replaces the cloud senders altogether. */
  outbound?: OutboundPorts;
}

const environmentSchema = outboundEnvironmentSchema.extend(storeEnvironmentSchema.shape);

export type FunctionEnvironment = import('zod').input<typeof environmentSchema>;

export function createRuntime(env: Record<string, string | undefined>, options: RuntimeOptions = {}): Runtime {
  const store = createStoreRuntime(env, options);
  return { ...store, ...servicesOver(store, env, options) };
}

type SenderOptions = Pick<RuntimeOptions, 'outbound' | 'outboundClients' | 'log'>;

/** What the senders and the act step's use cases read: the case table's records and the payload bucket's name. */
type SenderStore = RecordsRuntime & Pick<StoreRuntime, 'bucketName'>;

/** The cloud senders and every use case over a store runtime already built. */
function servicesOver(
  store: StoreRuntime,
  env: Record<string, string | undefined>,
  options: SenderOptions = {},
): Pick<Runtime, 'outbound' | 'services'> {
  const outbound = options.outbound ?? cloudOutbound(cloudOptions(store, env, options));
  // A function that may not send leaves a new case's owner email to the timers (act sends it).
  const officerEmailsBy = outbound === notASender ? 'timers' : 'ingest';
  return { outbound, services: createServices({ ...store, outbound, log: options.log, officerEmailsBy }) };
}

/**
 * The timers' act step's senders over a store runtime: the notice sender and the officers'
 * notifier (new cases' owner emails). No commands, ingest or form, and no payloads read. Letters
 * are put through `putLetter` (timer-act.ts: an S3 client loaded with the first letter).
 */
export function actSendersOver(
  store: SenderStore,
  env: Record<string, string | undefined>,
  options: SenderOptions & { putLetter: PutLetterObject },
): Pick<Services, 'notices' | 'notifier'> {
  const outbound =
    options.outbound ?? cloudSenders({ ...cloudOptions(store, env, options), putLetter: options.putLetter });
  return createActServices({ ...store, outbound, log: options.log });
}

function cloudOptions(
  store: SenderStore,
  env: Record<string, string | undefined>,
  options: SenderOptions,
): CloudOutboundOptions {
  return {
    env: parseEnvironment(environmentSchema, env),
    policy: store.policy,
    bucketName: store.bucketName,
    clock: store.clock,
    clients: options.outboundClients,
  };
}

/** Builds the runtime on first call and hands the same one to every later invocation in this container. */
export function runtimeFromEnvironment(options: RuntimeOptions = {}): () => Runtime {
  return once(() => createRuntime(process.env, options));
}
