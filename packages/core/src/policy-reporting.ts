/**
 * What the landlord reports on, as policy data: the regulator's return (which
 * framework, the financial year, the number of homes it is divided by) and the
 * monitored standards no case records (answering calls to the switchboard).
 */
import * as z from 'zod';
import { once } from './once.js';

export const REGULATOR_FRAMEWORKS = ['tsm', 'scottish-charter'] as const;
export type RegulatorFramework = (typeof REGULATOR_FRAMEWORKS)[number];

export const reportingSchema = once(() =>
  z.strictObject({
    regulatorReturn: z.strictObject({
      /** `tsm`: the Regulator of Social Housing's Tenant Satisfaction Measures (England); `scottish-charter`: the SHR's Annual Return on the Charter. */
      framework: z.enum(REGULATOR_FRAMEWORKS),
      /** The month the reporting year starts (4: 1 April to 31 March, the financial year both regulators use). */
      yearStartsMonth: z.number().int().min(1).max(12),
      basis: z.string().min(1),
    }),
    /** Homes owned and managed: CH01 is per 1,000 of them. */
    homes: z.strictObject({ count: z.number().int().positive(), basis: z.string().min(1) }),
    /**
     * The landlord's published repair timescales, per priority, where its policy's
     * targets set none (TSM RP02 judges repairs against them): clock hours or
     * working days from the report. Hightown's customer service policy publishes
     * none, so its preset leaves this out and RP02 judges no repair within target.
     */
    repairTargets: z
      .partialRecord(
        z.enum(['emergency', 'urgent', 'standard', 'programmed']),
        z.union([
          z.strictObject({ hours: z.number().int().positive(), basis: z.string().min(1) }),
          z.strictObject({ workingDays: z.number().int().positive(), basis: z.string().min(1) }),
        ]),
      )
      .optional(),
    /** The switchboard's answering standard (call records from the phone system). */
    callAnswering: z
      .strictObject({ withinSeconds: z.number().int().positive().max(600), basis: z.string().min(1) })
      .optional(),
  }),
);

export type ReportingRules = z.infer<ReturnType<typeof reportingSchema>>;
