/**
 * The composition shared by the local stack and every Lambda: given the
 * adapters (store, blobs, senders, clock, the timers' events), build the use
 * cases the HTTP routes and the inbound and timer handlers call. One place, so
 * local and cloud cannot drift apart. `createServices` builds them all (the
 * local stack, the HTTP API); `createIngestServices` only ingest and the
 * officers' notifier, for a function that files deliveries and nothing else
 * (its bundle then carries no notice, letter or command code).
 */
import { logContact, parseWebForm, residentSender, WebFormError } from '@housing-inbox/channels';
import {
  type Actor,
  acceptDelivery,
  type BlobStore,
  type CaseCommands,
  type CaseEvents,
  type CaseRepository,
  type Clock,
  CommandError,
  createCaseCommands,
  createNoticeSender,
  createOfficerCommands,
  createOfficerNotifier,
  type IngestDeps,
  type IngestOutcome,
  inboundRulesOf,
  ingestMessage,
  type LandlordPolicy,
  type LogNewContactInput,
  type Mailer,
  type NoticeSender,
  noCaseEvents,
  type OfficerNotifier,
  type OutboundPorts,
  UnparseableInput,
} from '@housing-inbox/core';
import { createRelease, type ReleaseQuarantined } from './release.js';

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
  /** Who emails a new case's owner (`IngestDeps.officerEmailsBy`): `timers` where this function may not send. */
  officerEmailsBy?: 'ingest' | 'timers';
}

/** The resident form's fields, as posted (form-encoded or JSON), not yet checked. */
export type ContactFields = Record<string, string>;

export type ContactResult =
  | { ok: true; ref: string; respondBy?: string }
  /** Kept, but not filed on a case automatically (quarantined with its reason): staff will read it. */
  | { ok: true; held: true }
  | { ok: false; fieldErrors: Record<string, string> }
  /** The form's hidden trap was filled in: refused without saying why. */
  | { ok: false; spam: true };

/** Checks, keeps and ingests one submission of the resident form. */
export type SubmitContact = (
  fields: ContactFields,
  meta: { raw: Uint8Array; contentType: string },
) => Promise<ContactResult>;

/** Logs a phone message, voicemail or visit as a new contact (or onto the contact's open case). */
export type LogNewContact = (actor: Actor, input: LogNewContactInput) => Promise<{ ref: string; outcome: string }>;

export type OfficerCommands = ReturnType<typeof createOfficerCommands>;

export interface Services {
  ingest: IngestDeps;
  /** Officers' inboxes and emails (the timers send the emails cloud ingest leaves them). */
  notifier: OfficerNotifier;
  notices: NoticeSender;
  commands: CaseCommands;
  officers: OfficerCommands;
  submitContact: SubmitContact;
  logNewContact: LogNewContact;
  /** Puts a quarantined delivery through ingest again (release.ts). */
  releaseQuarantined: ReleaseQuarantined;
}

function outcomeRef(outcome: IngestOutcome): string {
  if ('caseRef' in outcome && outcome.caseRef) return outcome.caseRef;
  throw new Error(`the contact was ${outcome.outcome}`);
}

/** What ingest needs: the adapters without the senders, bar the mailer that tells officers. */
export type IngestAdapters = Omit<ServiceAdapters, 'outbound'> & { mailer: Mailer };

/** Officers told what is meant for them, by email through the residents' own mailer. */
function officerNotifier(a: Omit<IngestAdapters, 'blobs'>): OfficerNotifier {
  return createOfficerNotifier({
    policy: a.policy,
    repository: a.repository,
    mailer: a.mailer,
    clock: a.clock,
    mailDomain: a.mailDomain,
  });
}

/** Ingest's dependencies and the officers' notifier (email through `mailer`). */
export function createIngestServices(a: IngestAdapters): { ingest: IngestDeps; notifier: OfficerNotifier } {
  const notifier = officerNotifier(a);
  const ingest: IngestDeps = {
    policy: a.policy,
    repository: a.repository,
    blobs: a.blobs,
    clock: a.clock,
    events: a.events ?? noCaseEvents,
    log: a.log,
    // Web-form relays and no-reply senders: the resident is Reply-To, and acknowledgements go there.
    residentOf: (message) => residentSender(message, inboundRulesOf(a.policy).relayAddresses),
    notifier,
    ...(a.officerEmailsBy ? { officerEmailsBy: a.officerEmailsBy } : {}),
  };
  return { ingest, notifier };
}

/** The notice sender alone (the timers' act step), with the officers' notifier it tells of failures. */
export function createNoticeServices(
  a: Omit<ServiceAdapters, 'blobs'>,
  notifier: OfficerNotifier = officerNotifier({ ...a, mailer: a.outbound.mailer }),
): NoticeSender {
  return createNoticeSender({
    policy: a.policy,
    repository: a.repository,
    outbound: a.outbound,
    clock: a.clock,
    mailDomain: a.mailDomain,
    notifier,
  });
}

/**
 * The timers' act step: the notice sender and the officers' notifier (it emails a new case's
 * owner when the ingest function could not) over one set of senders.
 */
export function createActServices(a: Omit<ServiceAdapters, 'blobs'>): Pick<Services, 'notices' | 'notifier'> {
  const notifier = officerNotifier({ ...a, mailer: a.outbound.mailer });
  return { notices: createNoticeServices(a, notifier), notifier };
}

export function createServices(a: ServiceAdapters): Services {
  const events = a.events ?? noCaseEvents;
  const { ingest, notifier } = createIngestServices({ ...a, mailer: a.outbound.mailer });
  const notices = createNoticeServices(a, notifier);
  const commands = createCaseCommands({
    policy: a.policy,
    repository: a.repository,
    clock: a.clock,
    notices,
    events,
    notifier,
  });
  const officers = createOfficerCommands({ policy: a.policy, repository: a.repository, clock: a.clock });

  const submitContact: SubmitContact = async (fields, meta) => {
    const receivedAt = a.clock.now().toISOString();
    const form = { receivedAt, categories: a.policy.categories };
    try {
      // Validate first, so a resident's typo is answered at once rather than quarantined.
      parseWebForm(fields, form);
    } catch (err) {
      if (err instanceof WebFormError && err.spam) return { ok: false, spam: true };
      if (err instanceof WebFormError) return { ok: false, fieldErrors: err.fieldErrors };
      throw err;
    }
    const outcome = await acceptDelivery(ingest, {
      channel: 'web-form',
      raw: meta.raw,
      contentType: meta.contentType,
      parse: () => parseWebForm(fields, form),
    });
    // A permanent failure after the form was valid is quarantined with its reason: the
    // resident is told it is kept and a person will read it, never a 500 to retry forever.
    if (!('caseRef' in outcome) || !outcome.caseRef) return { ok: true, held: true };
    const ref = outcome.caseRef;
    const kase = await a.repository.getCase(ref);
    return { ok: true, ref, respondBy: kase?.targets.respondBy };
  };

  const logNewContact: LogNewContact = async (actor, input) => {
    const now = a.clock.now();
    // When the call came in, not when it was typed up: its clock starts then (a minute's grace for a clock ahead of ours).
    if (input.calledAt && new Date(input.calledAt).getTime() > now.getTime() + 60_000) {
      throw new CommandError('invalid', 'That is in the future', { calledAt: 'That is in the future' });
    }
    let message: ReturnType<typeof logContact>;
    try {
      message = logContact({
        kind: input.kind,
        loggedBy: actor.officerId,
        receivedAt: now.toISOString(),
        calledAt: input.calledAt,
        summary: input.summary,
        from: { name: input.name, email: input.email, phone: input.phone, address: input.address },
        preferredChannel: input.preferredChannel,
        communicationNeeds: input.communicationNeeds,
      });
    } catch (err) {
      // What the schema cannot see: a contact with no way to reply.
      if (err instanceof UnparseableInput) throw new CommandError('invalid', err.message);
      throw err;
    }
    const outcome = await ingestMessage(ingest, message);
    return { ref: outcomeRef(outcome), outcome: outcome.outcome };
  };

  return {
    ingest,
    notifier,
    notices,
    commands,
    officers,
    submitContact,
    logNewContact,
    releaseQuarantined: createRelease(ingest),
  };
}
