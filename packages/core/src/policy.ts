/**
 * The schema every landlord policy must satisfy. Policies are data: a landlord
 * is added by writing one object, never by changing code.
 */
import * as z from 'zod';
import { isLocalDate, parseHoursMinutes } from './dates.js';
import { CASE_CATEGORIES, CASE_KINDS } from './model.js';
import { once } from './once.js';
import {
  complaintsSchema,
  contactClocksSchema,
  hazardsSchema,
  keywordList,
  milestoneTemplatesSchema,
  RESPONSE_MEASURES,
  template,
} from './policy-duties.js';
import { reportingSchema } from './policy-reporting.js';
import { privacySchema } from './privacy/policy.js';
import { landlordContactSchema, replyTemplatesSchema } from './replies.js';

const localDate = once(() => z.string().refine(isLocalDate, { message: 'expected a date YYYY-MM-DD' }));
const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;
const timeOfDay = once(() => z.string().regex(TIME_OF_DAY, 'expected a time HH:MM'));
const isTimeOfDay = (value: unknown): value is string => typeof value === 'string' && TIME_OF_DAY.test(value);
const workingDays = once(() => z.number().int().min(0).max(365));
const slug = once(() => z.string().regex(/^[a-z][a-z0-9-]*$/, 'expected lower-case letters, digits and hyphens'));

const timeZone = once(() =>
  z.string().refine(
    (tz) => {
      try {
        new Intl.DateTimeFormat('en-GB', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    },
    { message: 'expected an IANA time zone such as Europe/London' },
  ),
);

/** When the resident must hear that we have the contact. */
const acknowledgeRule = once(() => z.strictObject({ workingDays: workingDays() }));

/** When the resident must have the answer. */
const respondRule = once(() =>
  z.union([
    z.strictObject({
      workingDays: workingDays(),
      /** `acknowledgement`: counted from the actual acknowledgement (or its deadline while there is none). */
      from: z.enum(['receipt', 'acknowledgement']),
    }),
    z.strictObject({
      hours: z
        .number()
        .int()
        .positive()
        .max(24 * 30),
    }),
  ]),
);

const targetRule = once(() =>
  z
    .strictObject({
      acknowledge: acknowledgeRule().nullable(),
      respond: respondRule(),
      /** What meets the response target (`reply` when left out): see `RESPONSE_MEASURES`. */
      metBy: z.enum(RESPONSE_MEASURES).optional(),
      /** Where the figure comes from, or what was assumed where the policy is silent. */
      basis: z.string().min(1),
    })
    .superRefine((rule, ctx) => {
      if ('from' in rule.respond && rule.respond.from === 'acknowledgement' && rule.acknowledge === null) {
        ctx.addIssue({
          code: 'custom',
          path: ['respond', 'from'],
          message: 'counts from the acknowledgement but no acknowledgement target is set',
        });
      }
    }),
);

const extensionRule = once(() =>
  z.strictObject({
    maxWorkingDays: workingDays(),
    /** The resident must be told the reason and the new date before the original target. */
    basis: z.string().min(1),
  }),
);

const department = once(() =>
  z.strictObject({
    id: slug(),
    name: z.string().min(1),
    /** A shared mailbox, used for internal notices only. */
    email: z.email().optional(),
  }),
);

const category = once(() =>
  z.strictObject({
    id: slug(),
    label: z.string().min(1),
    department: slug(),
    /** What a contact in this category() is treated as before an officer looks at it. */
    treatAs: z.enum(CASE_CATEGORIES),
  }),
);

/** An exact address (`forms@relay.example`) or a whole domain (`@relay.example`). */
const relayAddress = once(() =>
  z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^(?:[^@\s]+)?@[^@\s]+\.[^@\s]+$/, 'expected an email address or @domain'),
);

const inboundRules = once(() =>
  z.strictObject({
    /**
     * Web-form relays and no-reply senders that write on a resident's behalf: when From is
     * one of these, the resident is Reply-To, and acknowledgements go there.
     */
    relayAddresses: z.array(relayAddress()).max(200),
    /** At most this many automatic notices (acknowledgements, delay updates) to one address in a local day. */
    automaticNoticesPerAddressPerDay: z.number().int().min(0).max(100),
    /** Where these come from, or what was assumed. */
    basis: z.string().min(1),
  }),
);

export const policySchema = once(() =>
  z
    .strictObject({
      id: slug(),
      name: z.string().min(1),
      /** Bank holidays: `date-holidays`' GB with this state (tabulated in core's bank-holidays-table.ts). */
      bankHolidays: z.enum(['GB-ENG', 'GB-SCT']),
      regulator: z.enum(['housing-ombudsman', 'spso']),
      timeZone: timeZone(),
      officeHours: z
        .strictObject({ opens: timeOfDay(), closes: timeOfDay() })
        // Only compares two valid times; a malformed one is already reported by its own field.
        .refine(
          (h) =>
            !isTimeOfDay(h.opens) || !isTimeOfDay(h.closes) || parseHoursMinutes(h.opens) < parseHoursMinutes(h.closes),
          {
            message: 'offices must open before they close',
            path: ['closes'],
          },
        ),
      /** Days the landlord closes beyond bank holidays (e.g. between Christmas and New Year). */
      closureDays: z.array(z.strictObject({ date: localDate(), reason: z.string().min(1) })),
      caseReferencePrefix: z.string().regex(/^[A-Z]{2,4}$/, 'expected 2 to 4 capital letters'),
      targets: z.partialRecord(z.enum(CASE_KINDS), targetRule()),
      extensions: z.partialRecord(z.enum(CASE_KINDS), extensionRule()),
      departments: z.array(department()).min(1),
      /** Categories offered on the web form and used to route a contact to a department(). */
      categories: z.array(category()).min(1),
      classification: z.strictObject({
        emergencyRepair: keywordList(),
        urgentRepair: keywordList(),
        repair: keywordList(),
        complaint: keywordList(),
      }),
      threading: z.strictObject({
        /** A text from the same number within this many hours joins the open case. */
        smsReplyWindowHours: z
          .number()
          .int()
          .positive()
          .max(24 * 90),
      }),
      /** Who is writing, and how much automatic mail we send back (`ingest`, `notice-guard.ts`). */
      inbound: inboundRules().optional(),
      notices: z.strictObject({
        /** Warn the owning officer this many working days before a target. */
        warnOwnerWorkingDaysBefore: workingDays(),
        /** While an answer is late, tell the resident again at this interval. */
        delayUpdateEveryWorkingDays: z.number().int().positive().max(60),
        /** What residents and staff are sent, with {{placeholders}}. */
        templates: z.strictObject({
          acknowledgement: template(),
          delayUpdate: template(),
          ownerWarning: template(),
          managerAlert: template(),
        }),
        /** Hazard milestones: the resident at each step and when a date slips; the owner and manager. */
        milestones: milestoneTemplatesSchema(),
      }),
      /** How residents reach the landlord: the phone number notices and the form give (`{{phone}}`). */
      contact: landlordContactSchema().optional(),
      /** Reply templates officers start a reply from (issue 14), with {{placeholders}} checked here. */
      replyTemplates: replyTemplatesSchema().optional(),
      /** Statutory hazard clocks and their milestones, per hazard kind. */
      hazards: hazardsSchema(),
      complaints: complaintsSchema(),
      contactClocks: contactClocksSchema(),
      /** The regulator's return and monitored standards (`policy-reporting.ts`); no return without it. */
      reporting: reportingSchema().optional(),
      /** Personal data: retention after closure and who decides disclosures (`privacy/policy.ts`). */
      privacy: privacySchema().optional(),
    })
    .superRefine((policy, ctx) => {
      const departments = new Set(policy.departments.map((d) => d.id));
      policy.categories.forEach((c, i) => {
        if (!departments.has(c.department)) {
          ctx.addIssue({
            code: 'custom',
            path: ['categories', i, 'department'],
            message: `names department "${c.department}", which the policy does not list`,
          });
        }
      });
      const kinds = Object.keys(policy.targets);
      if (kinds.length === 0) {
        ctx.addIssue({ code: 'custom', path: ['targets'], message: 'a policy needs at least one target' });
      }
      if (!policy.contact && JSON.stringify(policy).includes('{{phone}}')) {
        ctx.addIssue({
          code: 'custom',
          path: ['contact'],
          message: 'a template names {{phone}}: give contact.phone',
        });
      }
      for (const kind of Object.keys(policy.hazards)) {
        if (!kinds.includes(kind)) {
          ctx.addIssue({ code: 'custom', path: ['hazards', kind], message: `sets no target for ${kind}` });
        }
      }
    }),
);

export type LandlordPolicy = z.infer<ReturnType<typeof policySchema>>;
export type InboundRules = z.infer<ReturnType<typeof inboundRules>>;

/** What a policy that says nothing about inbound mail gets. */
export const DEFAULT_INBOUND_RULES: InboundRules = {
  relayAddresses: [],
  automaticNoticesPerAddressPerDay: 3,
  basis:
    'Assumed: RFC 3834 §2 asks automatic responders not to answer the same sender over and over; three a day acknowledges a resident who writes about several things and stops a loop with another help desk.',
};

export function inboundRulesOf(policy: Pick<LandlordPolicy, 'inbound'>): InboundRules {
  return policy.inbound ?? DEFAULT_INBOUND_RULES;
}
export type TargetRule = z.infer<ReturnType<typeof targetRule>>;

/** What meets a kind's response target (`reply` unless the policy says otherwise). */
export function responseMeasure(
  policy: Pick<LandlordPolicy, 'targets'>,
  kind: string,
): (typeof RESPONSE_MEASURES)[number] {
  return policy.targets[kind as keyof LandlordPolicy['targets']]?.metBy ?? 'reply';
}

/** A department()'s name as residents and officers read it (the id when the policy does not list it). */
export function departmentName(policy: Pick<LandlordPolicy, 'departments'>, id: string): string {
  return policy.departments.find((d) => d.id === id)?.name ?? id;
}

export class PolicyError extends Error {
  override name = 'PolicyError';
}

function describePath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => {
    if (typeof key === 'number') return `${acc}[${key}]`;
    return acc ? `${acc}.${String(key)}` : String(key);
  }, '');
}

/**
 * A union (a respond rule is working days or hours) reports only "Invalid input"
 * at its own path; name the field instead, from the alternative that came
 * closest (fewest problems).
 */
function problemsOf(issue: z.core.$ZodIssue, prefix: readonly PropertyKey[] = []): string[] {
  const path = [...prefix, ...issue.path];
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const closest = issue.errors.reduce((best, branch) => (branch.length < best.length ? branch : best));
    if (closest.length > 0) return closest.flatMap((inner) => problemsOf(inner, path));
  }
  return [`${describePath(path) || '(root)'}: ${issue.message}`];
}

/** Validates a policy; the error names the offending field of every problem found. */
export function parsePolicy(input: unknown, source = 'policy'): LandlordPolicy {
  const result = policySchema().safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.flatMap((issue) => problemsOf(issue));
  throw new PolicyError(`${source} is invalid: ${problems.join('; ')}`);
}
