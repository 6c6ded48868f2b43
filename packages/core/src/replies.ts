/**
 * Replying well (issue 14): the landlord's phone number and the reply
 * templates officers start from, as policy data, and the values a template is
 * filled with for one case. A template naming a placeholder the product does
 * not fill fails when the policy loads (`templateText`), as notices do.
 */
import * as z from 'zod';
import type { Case } from './cases.js';
import { CASE_KINDS, type Contact, isComplaintKind } from './model.js';
import { once } from './once.js';
import type { LandlordPolicy } from './policy.js';
import { basis, templateText } from './policy-duties.js';
import { currentAgreedDate, currentExtension, effectiveRespondBy, policyRespondBy } from './targets.js';
import { formatLocalDate, renderTemplate, type TemplatePlaceholder } from './templates.js';

/** A UK phone number as residents dial it: digits and spaces, 10 or 11 digits (or +44). */
const ukPhone = once(() =>
  z
    .string()
    .trim()
    .regex(/^(\+44\s?|0)[\d\s]{9,13}$/, 'expected a UK phone number such as 0121 496 0000'),
);

export const landlordContactSchema = once(() =>
  z.strictObject({
    /** What notices (`{{phone}}`) and the resident form give residents to call. */
    phone: ukPhone(),
    /** Where the number comes from, or what was assumed. */
    basis: basis(),
  }),
);

export const replyTemplateSchema = once(() =>
  z.strictObject({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'expected lower-case letters, digits and hyphens'),
    /** What the officer picks, e.g. "Repair booked". */
    label: z.string().min(1),
    /** The case kinds it suits; every kind when left out. */
    kinds: z.array(z.enum(CASE_KINDS)).min(1).optional(),
    /** Email only; the reply's default subject when left out. */
    subject: templateText().optional(),
    body: templateText(),
  }),
);
export const replyTemplatesSchema = once(() =>
  z.array(replyTemplateSchema()).superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((t, i) => {
      if (seen.has(t.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `"${t.id}" is used twice` });
      seen.add(t.id);
    });
  }),
);
export type ReplyTemplate = z.infer<ReturnType<typeof replyTemplateSchema>>;
export type LandlordContact = z.infer<ReturnType<typeof landlordContactSchema>>;

/** A template filled for one case: what goes into the reply box. */
export interface FilledReplyTemplate {
  id: string;
  label: string;
  subject?: string;
  body: string;
}

/**
 * The values every reply template may use, for one case: `respondBy` is the
 * target that applies now (agreed date, extension, else the policy's), as a
 * date in words; `officer` is the officer replying; `owner` the case owner.
 */
export function replyValues(
  policy: LandlordPolicy,
  kase: Case,
  contact: Contact | undefined,
  names: { officer: string; owner?: string },
): Partial<Record<TemplatePlaceholder, string>> {
  const date = (value: string | undefined) => (value ? formatLocalDate(value, policy.timeZone) : '');
  return {
    ref: kase.ref,
    name: contact?.name?.trim() || 'resident',
    landlord: policy.name,
    team: policy.departments.find((d) => d.id === kase.teamId)?.name ?? kase.teamId,
    owner: names.owner ?? '',
    officer: names.officer,
    receivedOn: date(kase.receivedAt),
    acknowledgeBy: date(kase.targets.acknowledgeBy ?? undefined),
    respondBy: date(effectiveRespondBy(kase, policy)),
    phone: policy.contact?.phone ?? '',
    ombudsman: `${policy.complaints.ombudsman.name}: ${policy.complaints.ombudsman.contact}`,
    complaint: isComplaintKind(kase.kind) ? (kase.complaintSummary?.text ?? '') : '',
  };
}

/** The policy's templates that suit the case's kind, filled for it. */
export function fillReplyTemplates(
  policy: LandlordPolicy,
  kase: Case,
  values: Partial<Record<TemplatePlaceholder, string>>,
): FilledReplyTemplate[] {
  const kind = kase.round?.kind ?? kase.kind;
  return (policy.replyTemplates ?? [])
    .filter((t) => !t.kinds || t.kinds.includes(kind))
    .map((t) => ({
      id: t.id,
      label: t.label,
      ...(t.subject ? { subject: renderTemplate(t.subject, values) } : {}),
      body: renderTemplate(t.body, values),
    }));
}

/** How the resident was last told when to expect their answer. */
export type PromiseSource = 'target' | 'agreed-date' | 'extension' | 'told-with-request';

/**
 * The date the resident was last promised an answer by, and how: the most
 * recent of a date told when a department request ran past a missed target
 * (`promisedReplyDate`), an agreed date and an extension of this round; else,
 * once acknowledged, the target the acknowledgement gave. Undefined before the
 * resident was told anything. A working-day date, or an instant for an hours target.
 */
export function lastPromised(
  kase: Case,
  policy: LandlordPolicy,
): { date: string; source: PromiseSource; at: string } | undefined {
  const since = kase.round?.startedAt ?? '';
  const told: { date: string; source: PromiseSource; at: string }[] = [];
  if (kase.promisedReplyDate && kase.promisedReplyAt && kase.promisedReplyAt >= since) {
    told.push({ date: kase.promisedReplyDate, source: 'told-with-request', at: kase.promisedReplyAt });
  }
  const agreed = currentAgreedDate(kase);
  if (agreed) told.push({ date: agreed, source: 'agreed-date', at: kase.agreedReplyAt ?? kase.receivedAt });
  const extension = currentExtension(kase);
  if (extension) told.push({ date: extension.respondBy, source: 'extension', at: extension.at });
  const latest = told.sort((a, b) => b.at.localeCompare(a.at))[0];
  if (latest) return latest;
  if (!kase.acknowledgedAt) return undefined;
  return { date: policyRespondBy(policy, kase), source: 'target', at: kase.acknowledgedAt };
}
