/**
 * Retention after closure (UK GDPR Art. 5(1)(e), the policy's
 * `privacy.retention`), in a module of its own: the daily retention function
 * imports this alone, so its bundle carries none of the other data-rights use
 * cases (privacy.ts: the subject-access export with its zip library, finding a
 * contact by a typed phone number). `createPrivacy().runRetention` is the same
 * use case for the HTTP API and the CLI.
 */
import { randomUUID } from 'node:crypto';
import {
  type AuditEntry,
  type AuditTrail,
  type BlobStore,
  type CaseRepository,
  type Clock,
  type Erasure,
  type LandlordPolicy,
  type PrivacyStore,
  privacyRulesOf,
  quarantineDueBefore,
  retentionEndsAt,
  type SentCopies,
} from '@housing-inbox/core';
import type { RetentionView } from '@housing-inbox/core/contracts';

export interface PrivacyDeps {
  policy: LandlordPolicy;
  repository: CaseRepository;
  privacy: PrivacyStore;
  blobs: BlobStore;
  clock: Clock;
  audit: AuditTrail;
  /** Copies of sent notices kept outside the case (the local outbox); none in the cloud. */
  sentCopies?: SentCopies;
}

export interface RetentionOptions {
  /** Only say what is due: erase and delete nothing (the run is still on the audit trail). */
  dryRun?: boolean;
  /** The officer who ran it; `RETENTION_ACTOR` when the schedule did. */
  by?: string;
}

/** Who ran the retention job when no officer did. */
export const RETENTION_ACTOR = 'retention';
/** Scan pages of the one-off blob reference count the nightly retention run may spend (up to 15 minutes). */
const RETENTION_COUNT_PAGES = 2_000;

/**
 * Applies the retention period: each closed case whose closure is more
 * than `privacy.retention.yearsAfterClosure` years before now is erased,
 * unless a legal hold stands on it or its contact; a contact left with no
 * case that is not erased is erased too; quarantined deliveries that
 * arrived more than the period ago are deleted with the files they alone hold. `dryRun` only says what is due.
 * The run is on the audit trail (by `retention`, or the officer who ran it).
 */
export async function runRetention(deps: PrivacyDeps, options: RetentionOptions = {}): Promise<RetentionView> {
  const { repository, privacy, clock, audit } = deps;
  const rules = privacyRulesOf(deps.policy);
  const deleteBlob = (key: string) => deps.blobs.delete(key);
  const now = clock.now().toISOString();
  const by = options.by ?? RETENTION_ACTOR;
  const record = (act: Omit<AuditEntry, 'id' | 'at' | 'officerId'>) =>
    audit.record({ id: randomUUID(), at: clock.now().toISOString(), officerId: by, ...act });
  const due: string[] = [];
  const held: string[] = [];
  let closedWithinPeriod = 0;
  const contactsTouched = new Set<string>();
  let cursor: string | undefined;
  do {
    const page = await privacy.closedCases({ cursor });
    for (const kase of page.items) {
      if (kase.erased || !kase.closedAt) continue;
      if (retentionEndsAt(rules, kase.closedAt) > now) {
        closedWithinPeriod++;
        continue;
      }
      const contact = await repository.getContact(kase.contactId);
      if (kase.legalHold || contact?.legalHold) held.push(kase.ref);
      else {
        due.push(kase.ref);
        contactsTouched.add(kase.contactId);
      }
    }
    cursor = page.next ?? undefined;
  } while (cursor);
  const dryRun = Boolean(options.dryRun);
  if (!dryRun) {
    await privacy.countBlobReferences(RETENTION_COUNT_PAGES);
    const reason = `retention: closed more than ${rules.retention.yearsAfterClosure} years ago`;
    const erasure: Erasure = { at: now, by, reason };
    for (const ref of due) {
      await record({ action: 'erased-case', caseRef: ref, detail: { reason } });
      await privacy.eraseCase(ref, erasure, deleteBlob);
    }
    if (deps.sentCopies && due.length) await deps.sentCopies.erase(due);
    for (const contactId of contactsTouched) {
      const remaining = await privacy.casesOfContact(contactId);
      if (remaining.every((c) => c.erased || due.includes(c.ref)))
        await privacy.eraseContact(contactId, erasure, deleteBlob);
    }
  }
  // Quarantine entries past the period (core's `quarantineDueBefore`): a Query of those that arrived
  // before the cutoff, 200 a page, each deleted with the files it alone held.
  let quarantineDeleted = 0;
  let next: string | undefined;
  do {
    const page = await privacy.quarantinedBefore(quarantineDueBefore(rules, now), { cursor: next });
    for (const entry of page.items) {
      if (!dryRun) await privacy.deleteQuarantined(entry, deleteBlob);
      quarantineDeleted++;
    }
    // Deleted entries leave the range: the next page starts where this one ended all the same.
    next = page.next ?? undefined;
  } while (next);
  await record({
    action: 'retention-run',
    detail: { dryRun, erased: due, held, quarantineDeleted, yearsAfterClosure: rules.retention.yearsAfterClosure },
  });
  return {
    ranAt: now,
    dryRun,
    yearsAfterClosure: rules.retention.yearsAfterClosure,
    basis: rules.retention.basis,
    erased: due,
    held,
    closedWithinPeriod,
    quarantineDeleted,
  };
}
