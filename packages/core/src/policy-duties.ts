/**
 * The statutory duties a landlord policy carries beyond its own timescales:
 * hazard clocks and their milestones (Awaab's Law in England, the
 * Investigation and Commencement of Repair (Scotland) Regulations 2026), the
 * complaint procedure's rules (Housing Ombudsman Code, SPSO model procedure),
 * and where the clock of a call or a letter starts. Each rule carries its
 * `basis`, so a third landlord is one more object, never code.
 */
import * as z from 'zod';
import { HAZARD_KINDS } from './model.js';
import { once } from './once.js';
import { TEMPLATE_PLACEHOLDERS, unknownPlaceholders } from './templates.js';

export const basis = once(() => z.string().min(1));
const workingDays = once(() => z.number().int().min(0).max(365));
const slug = once(() => z.string().regex(/^[a-z][a-z0-9-]*$/, 'expected lower-case letters, digits and hyphens'));
export const keywordList = once(() => z.array(z.string().min(2)).min(1));

export const templateText = once(() =>
  z
    .string()
    .min(1)
    .superRefine((text, ctx) => {
      for (const p of unknownPlaceholders(text)) {
        ctx.addIssue({
          code: 'custom',
          message: `unknown placeholder {{${p}}} (known: ${TEMPLATE_PLACEHOLDERS.join(', ')})`,
        });
      }
    }),
);
export const template = once(() => z.strictObject({ subject: templateText(), body: templateText() }));

/**
 * What meets a response target (`targets.<kind>.metBy`; `reply` when left out):
 * - `reply`: the resident was answered — a written reply, or a call back or a
 *   visit recorded as the response;
 * - `works-completed`: the repair is done (`repair-completed`), not a letter about it;
 * - `investigation`: the investigation concluded (damp and mould);
 * - `made-safe`: the home was made safe (the safety works done), or the
 *   investigation found nothing to make safe (emergency hazards).
 */
export const RESPONSE_MEASURES = ['reply', 'works-completed', 'investigation', 'made-safe'] as const;
export type ResponseMeasure = (typeof RESPONSE_MEASURES)[number];

/**
 * What an officer records as a hazard case moves on (each a command and a
 * timeline entry). `further-works-started` is supplementary (preventative)
 * work, which Awaab's Law times separately from the safety work.
 */
export const MILESTONE_EVENTS = [
  'investigation-concluded',
  'summary-sent',
  'works-started',
  'works-completed',
  'further-works-started',
  'alternative-accommodation-offered',
] as const;
export type MilestoneEvent = (typeof MILESTONE_EVENTS)[number];

/** When a milestone applies: always, or only when the investigation found (further) works are needed. */
export const MILESTONE_CONDITIONS = ['always', 'works-needed', 'further-works-needed'] as const;

const milestoneRule = once(() =>
  z.strictObject({
    /** `summary` and `works` are CONTRACTS.md's `summaryBy` and `worksBy`. */
    id: slug(),
    /** What is promised, completing "we will …": "send you a written summary of what we found". */
    promise: z.string().min(1),
    /** Counted from the investigation's conclusion: working days by the day-0 rule, or calendar weeks. */
    due: z.union([
      z.strictObject({ workingDays: workingDays() }),
      z.strictObject({
        weeks: z
          .number()
          .int()
          .positive()
          .max(52 * 2),
      }),
    ]),
    metBy: z.enum(MILESTONE_EVENTS),
    when: z.enum(MILESTONE_CONDITIONS),
    /** The law asks for it "where possible": staff are warned and alerted, the resident is not told it slipped. */
    bestEffort: z.boolean().optional(),
    basis: basis(),
  }),
);
export type MilestoneRule = z.infer<ReturnType<typeof milestoneRule>>;

/** Words that suggest a hazard; `withAny` and `months` narrow it (no heating, for a vulnerable household, in winter). */
const hazardSign = once(() =>
  z.strictObject({
    label: z.string().min(1),
    words: keywordList(),
    withAny: keywordList().optional(),
    months: z.array(z.number().int().min(1).max(12)).min(1).optional(),
  }),
);
export type HazardSign = z.infer<ReturnType<typeof hazardSign>>;

const hazardRule = once(() =>
  z.strictObject({
    /** The law behind the clock, as staff and residents read it. */
    law: z.string().min(1),
    signs: z.array(hazardSign()).min(1),
    milestones: z.array(milestoneRule()),
    /** When the home cannot be made safe in time: offering suitable alternative accommodation. */
    alternativeAccommodation: z.strictObject({ required: z.boolean(), basis: basis() }).optional(),
    basis: basis(),
  }),
);
export type HazardRule = z.infer<ReturnType<typeof hazardRule>>;

export const hazardsSchema = once(() =>
  z.partialRecord(z.enum(HAZARD_KINDS), hazardRule()).superRefine((hazards, ctx) => {
    for (const [kind, rule] of Object.entries(hazards)) {
      const ids = rule?.milestones.map((m) => m.id) ?? [];
      ids.forEach((id, i) => {
        if (ids.indexOf(id) !== i) {
          ctx.addIssue({ code: 'custom', path: [kind, 'milestones', i, 'id'], message: `milestone "${id}" twice` });
        }
      });
    }
  }),
);

export const complaintsSchema = once(() =>
  z.strictObject({
    /** Where the resident goes once the landlord's procedure is exhausted. */
    ombudsman: z.strictObject({ name: z.string().min(1), contact: z.string().min(1), basis: basis() }),
    /** Stage 2 is handled by someone other than the stage 1 handler (escalate, reassign and take). */
    independentStageTwo: z.strictObject({ required: z.boolean(), basis: basis() }),
    /** A complex complaint may start at stage 2 (the SPSO model procedure). */
    directToStageTwo: z.strictObject({ allowed: z.boolean(), basis: basis() }),
    /** An agreed date on a complaint may not go past its target: only an extension moves it, within the limit. */
    agreedDateWithinTarget: z.strictObject({ required: z.boolean(), basis: basis() }),
    /** The acknowledgement states the complaint as the landlord understands it (an officer confirms the summary). */
    statedComplaint: z.strictObject({ required: z.boolean(), basis: basis() }),
    /** Words that ask for stage 2 after a stage 1 answer, in any channel (ingest recognises them). */
    escalationWords: keywordList(),
    /** What the resident can do next, added to each stage's response. */
    nextSteps: z.strictObject({
      'complaint-stage-1': templateText(),
      'complaint-stage-2': templateText(),
      basis: basis(),
    }),
    templates: z.strictObject({
      /** The complaint acknowledgement, with {{complaint}}: the summary, or that it will follow. */
      acknowledgement: template(),
      /** {{complaint}} until an officer has confirmed the summary. */
      summaryToFollow: templateText(),
      /** Sent when the officer confirms the summary after the acknowledgement went. */
      summary: template(),
      /** The resident is told of an extension at once: why, the new date and where to go next. */
      extension: template(),
    }),
  }),
);
export type ComplaintRules = z.infer<ReturnType<typeof complaintsSchema>>;

export const contactClocksSchema = once(() =>
  z.strictObject({
    /** A voicemail left while its officer was away: from the call, or from the officer's next working day. */
    voicemailWhileAway: z.strictObject({ from: z.enum(['call', 'officer-return']), basis: basis() }),
    /** A letter: from the date it arrived in the post (entered when scanned), or from the scan. */
    letter: z.strictObject({ from: z.enum(['arrival', 'scan']), basis: basis() }),
  }),
);
export type ContactClocks = z.infer<ReturnType<typeof contactClocksSchema>>;

/** Staff and resident notices about hazard milestones. */
export const milestoneTemplatesSchema = once(() =>
  z.strictObject({
    /** The resident, at each step ({{step}}) and with the next date ({{milestone}} by {{newDate}}). */
    step: template(),
    /** The resident, when a milestone date slips: {{milestone}}, {{target}}, {{reason}}, {{newDate}}. */
    slipped: template(),
    ownerWarning: template(),
    managerAlert: template(),
  }),
);
