/**
 * The landlord's data-protection rules as policy data (UK GDPR; both seeds'
 * confidentiality sections): how long a closed case's personal data is kept,
 * and who may decide to pass information to an outside body. Each rule says
 * where it comes from in `basis`.
 */
import * as z from 'zod';
import type { Officer, OfficerRole } from '../cases.js';
import { once } from '../once.js';

const basis = once(() => z.string().min(1));

export const privacySchema = once(() =>
  z.strictObject({
    retention: z.strictObject({
      /** Whole years after a case closed; then its personal data is erased (unless a legal hold stops it). */
      yearsAfterClosure: z.number().int().min(1).max(100),
      basis: basis(),
    }),
    disclosure: z.strictObject({
      /**
       * Who may decide to pass information on: officers holding one of these job
       * titles (the directory's `jobTitle`), or any officer of these roles.
       */
      deciders: z.strictObject({
        jobTitles: z.array(z.string().trim().min(1)).max(20),
        roles: z.array(z.enum(['officer', 'contributor', 'manager', 'reception'])).max(4),
      }),
      basis: basis(),
    }),
  }),
);

export type PrivacyRules = z.infer<ReturnType<typeof privacySchema>>;

/** What a policy that says nothing about personal data gets. */
export const DEFAULT_PRIVACY_RULES: PrivacyRules = {
  retention: {
    yearsAfterClosure: 6,
    basis:
      'Assumed (the policy is silent): six years after closure, the Limitation Act 1980 period for a claim in contract or tort, which the National Housing Federation’s retention guidance uses for tenancy and complaint records.',
  },
  disclosure: {
    deciders: { jobTitles: [], roles: ['manager'] },
    basis: 'Assumed (the policy is silent): managers decide disclosures to outside bodies.',
  },
};

export function privacyRulesOf(policy: { privacy?: PrivacyRules }): PrivacyRules {
  return policy.privacy ?? DEFAULT_PRIVACY_RULES;
}

/** Who the policy names to decide disclosures, in words (for a refusal or the console). */
export function disclosureDeciders(rules: PrivacyRules): string {
  const { jobTitles, roles } = rules.disclosure.deciders;
  const named = [...jobTitles, ...roles.map((r) => `any ${r}`)];
  return named.length ? named.join(' or ') : 'nobody';
}

/**
 * May this officer decide to pass a resident's information to an outside body?
 * True when their job title is one the policy names (Blairtummock 4.3: the
 * Housing Services Manager or the Director) or their role is.
 */
export function mayDecideDisclosure(
  rules: PrivacyRules,
  officer: Pick<Officer, 'jobTitle'> & { role: OfficerRole },
): boolean {
  const { jobTitles, roles } = rules.disclosure.deciders;
  const title = officer.jobTitle?.trim().toLowerCase();
  return roles.includes(officer.role) || (title !== undefined && jobTitles.some((t) => t.toLowerCase() === title));
}

/**
 * When a closed case's personal data falls due for erasure: the same instant
 * `yearsAfterClosure` calendar years after `closedAt` (UTC; 29 February rolls
 * to 1 March). Returns an ISO-8601 instant.
 */
export function retentionEndsAt(rules: PrivacyRules, closedAt: string): string {
  const end = new Date(closedAt);
  end.setUTCFullYear(end.getUTCFullYear() + rules.retention.yearsAfterClosure);
  return end.toISOString();
}

/**
 * The quarantine's retention (UK GDPR Art. 5(1)(e), storage limitation): a delivery held
 * aside that no one released is of no use once a closed case's records would have gone, and
 * one released is on a case that keeps its own copy. So an entry goes, with the files it
 * alone holds, `yearsAfterClosure` calendar years after it arrived — the policy's own
 * period, counted from the last thing that happened to a delivery nobody filed.
 * Returns the ISO-8601 instant before which an entry's arrival makes it due at `now`.
 */
export function quarantineDueBefore(rules: PrivacyRules, now: string): string {
  const cutoff = new Date(now);
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - rules.retention.yearsAfterClosure);
  return cutoff.toISOString();
}
