/**
 * The composition shared by the local stack and the Lambdas: given the
 * adapters (store, blobs, senders, clock), build the use cases every route and
 * handler calls. One place, so local and cloud cannot drift apart.
 */
import { logContact, parseWebForm, WebFormError } from '@housing-inbox/channels';
import {
  acceptDelivery,
  type BlobStore,
  type CaseCommands,
  type CaseEvents,
  type CaseRepository,
  type Clock,
  createCaseCommands,
  createNoticeSender,
  type IngestDeps,
  type IngestOutcome,
  ingestMessage,
  type LandlordPolicy,
  type NoticeSender,
  noCaseEvents,
  type OutboundPorts,
  UnparseableInput,
} from '@housing-inbox/core';
import type { SubmitContact } from './contact.js';
import { HttpError } from './http.js';
import type { LogNewContact } from './router.js';

export interface ServiceAdapters {
  policy: LandlordPolicy;
  repository: CaseRepository;
  blobs: BlobStore;
  clock: Clock;
  outbound: OutboundPorts;
  /** Timers listen here; a no-op until they are wired. */
  events?: CaseEvents;
  /** Domain of our outbound Message-IDs. */
  mailDomain: string;
  log?: (event: string, fields: Record<string, unknown>) => void;
}

export interface Services {
  ingest: IngestDeps;
  notices: NoticeSender;
  commands: CaseCommands;
  submitContact: SubmitContact;
  logNewContact: LogNewContact;
}

function outcomeRef(outcome: IngestOutcome): string {
  if ('caseRef' in outcome && outcome.caseRef) return outcome.caseRef;
  throw new Error(`the contact was ${outcome.outcome}`);
}

export function createServices(a: ServiceAdapters): Services {
  const events = a.events ?? noCaseEvents;
  const ingest: IngestDeps = {
    policy: a.policy,
    repository: a.repository,
    blobs: a.blobs,
    clock: a.clock,
    events,
    log: a.log,
  };
  const notices = createNoticeSender({
    policy: a.policy,
    repository: a.repository,
    outbound: a.outbound,
    clock: a.clock,
    mailDomain: a.mailDomain,
  });
  const commands = createCaseCommands({ policy: a.policy, repository: a.repository, clock: a.clock, notices, events });

  const submitContact: SubmitContact = async (fields, meta) => {
    const receivedAt = a.clock.now().toISOString();
    const form = { receivedAt, categories: a.policy.categories };
    try {
      // Validate first, so a resident's typo is answered at once rather than quarantined.
      parseWebForm(fields, form);
    } catch (err) {
      if (err instanceof WebFormError && err.spam)
        throw new HttpError(400, 'rejected', 'this form could not be accepted');
      if (err instanceof WebFormError) return { ok: false, fieldErrors: err.fieldErrors };
      throw err;
    }
    const outcome = await acceptDelivery(ingest, {
      channel: 'web-form',
      raw: meta.raw,
      contentType: meta.contentType,
      parse: () => parseWebForm(fields, form),
    });
    const ref = outcomeRef(outcome);
    const kase = await a.repository.getCase(ref);
    return { ok: true, ref, respondBy: kase?.targets.respondBy };
  };

  const logNewContact: LogNewContact = async (actor, body) => {
    let message: ReturnType<typeof logContact>;
    try {
      message = logContact({
        kind: body.kind,
        loggedBy: actor.officerId,
        receivedAt: a.clock.now().toISOString(),
        summary: body.summary,
        from: { name: body.name, email: body.email, phone: body.phone, address: body.address },
        preferredChannel: body.preferredChannel,
        communicationNeeds: body.communicationNeeds,
      } as never);
    } catch (err) {
      if (err instanceof UnparseableInput) throw new HttpError(400, 'invalid-contact', err.message);
      throw err;
    }
    const outcome = await ingestMessage(ingest, message);
    return { ref: outcomeRef(outcome), outcome: outcome.outcome };
  };

  return { ingest, notices, commands, submitContact, logNewContact };
}
