/**
 * What managers read: the monthly service-standards report and the annual
 * regulator return (CONTRACTS.md "Regulator return").
 */
import * as z from 'zod';
import { callRecordSchema } from '../calls.js';
import { CASE_CATEGORIES, CASE_KINDS, CHANNELS } from '../model.js';
import { instant } from './shapes.js';

const count = z.number().int();
const share = z.number().min(0).max(1).nullable().meta({ description: 'Between 0 and 1; null with nothing to count' });
const days = z.number().nullable().meta({ description: 'Working days; null with nothing to count' });

const stageFigures = z.object({ received: count, answeredOnTime: count, answeredLate: count, open: count });

const groupFigures = z.object({
  id: z.string(),
  name: z.string(),
  due: count,
  met: count,
  missed: count,
  openOverdue: count,
});

/** The month's figures managers monitor (each answer in the local month its clock started). */
export const MonthlyReportView = z
  .object({
    month: z
      .string()
      .meta({ examples: ['2026-12'], description: 'The month reported: the stack clock’s when not asked' }),
    landlord: z.object({ id: z.string(), name: z.string() }),
    generatedAt: instant,
    contacts: z.object({ total: count, byChannel: z.record(z.enum(CHANNELS), count) }),
    cases: z.object({ opened: count, byCategory: z.record(z.enum(CASE_CATEGORIES), count) }),
    phoneMessages: z.object({
      received: count.meta({ description: 'Phone messages and voicemails logged (visits apart)' }),
      voicemails: count,
      answered: count,
      answeredOnTime: count,
      visits: count,
    }),
    acknowledgements: z.object({ due: count, onTime: count, late: count, outstanding: count }),
    responses: z.object({
      answeredOnTime: count,
      answeredLate: count,
      openOverdue: count,
      openNotYetDue: count,
      closedWithoutReply: count.meta({ description: 'Closed unanswered (duplicate, withdrawn): never overdue' }),
      onTimeRate: share.meta({ description: 'Answered on time ÷ (answered + open overdue); null with none' }),
    }),
    complaints: z.object({ 'complaint-stage-1': stageFigures, 'complaint-stage-2': stageFigures }),
    standards: z.array(
      z.object({
        kind: z.enum(CASE_KINDS),
        target: z.string().meta({ examples: ['10 working days'] }),
        due: count,
        met: count,
        missed: count,
        openOverdue: count,
        openNotYetDue: count,
        closedWithoutReply: count,
        medianWorkingDays: days,
        p90WorkingDays: days,
      }),
    ),
    teams: z.array(groupFigures),
    officers: z.array(groupFigures),
    notices: z.object({ delayUpdates: count, extensions: count }),
    hazardMilestones: z.object({ due: count, met: count, missed: count, pending: count }),
    monthEnd: z.object({ at: instant, open: count, overdue: count }),
    calls: z.object({
      offered: count,
      answered: count,
      abandoned: count,
      answeredWithinStandard: count,
      standardSeconds: z.number().int().nullable(),
      withinStandardRate: share,
    }),
  })
  .meta({ id: 'MonthlyReport' });

export type MonthlyReportView = z.infer<typeof MonthlyReportView>;

export const YearQuery = z.object({
  year: z
    .string()
    .regex(/^\d{4}$/, 'Give the year the financial year starts in, as YYYY (2026 for 2026-27)')
    .meta({ description: 'The financial year starting 1 April of this year' }),
});

const ratio = z.object({ responded: count, withinTimescale: count, proportion: share });
const perThousand = z.object({ received: count, perThousandHomes: z.number() });
const completed = z.object({ completed: count, withinTarget: count, proportion: share });
const average = (unit: string) =>
  z
    .number()
    .nullable()
    .meta({ description: `Average ${unit}; null with none` });

export const TsmReturnView = z
  .object({
    year: z.string().meta({ examples: ['2026-27'] }),
    framework: z.literal('tsm'),
    homes: count,
    CH01: z.object({ stage1: perThousand, stage2: perThousand }),
    CH02: z.object({ stage1: ratio, stage2: ratio }),
    RP02: z.object({ emergency: completed, nonEmergency: completed }),
  })
  .meta({ id: 'TsmReturn' });

export const CharterReturnView = z
  .object({
    year: z.string().meta({ examples: ['2026-27'] }),
    framework: z.literal('scottish-charter'),
    homes: count,
    complaints: z.object({
      stage1: z.object({ received: count, responded: count, averageWorkingDays: average('working days') }),
      stage2: z.object({ received: count, responded: count, averageWorkingDays: average('working days') }),
    }),
    repairs: z.object({
      emergency: z.object({ completed: count, averageHours: average('hours') }),
      nonEmergency: z.object({ completed: count, averageWorkingDays: average('working days') }),
    }),
  })
  .meta({ id: 'CharterReturn' });

export const RegulatorReturnView = z
  .discriminatedUnion('framework', [TsmReturnView, CharterReturnView])
  .meta({ id: 'RegulatorReturn' });

export type RegulatorReturnView = z.infer<typeof RegulatorReturnView>;

/** A phone system's call records imported (`POST /api/calls`, `npx inbox calls import`). */
export const CallImportView = z.object({ imported: count }).meta({ id: 'CallImport' });

/** Call records from the phone system, checked whole before any is kept. */
export const CallImportInput = z
  .object({ calls: z.array(callRecordSchema()).min(1).max(10_000) })
  .meta({ id: 'CallImportInput' });

/** The month index rebuilt from the case record, one bounded page of cases at a time (`npx inbox report backfill`). */
export const MonthBackfillInput = z
  .object({
    from: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Give the first month as YYYY-MM')
      .optional()
      .meta({ description: 'Only cases received in this local month or later' }),
    next: z.string().min(1).max(2000).optional().meta({ description: 'The cursor the previous page gave' }),
  })
  .meta({ id: 'MonthBackfillInput' });

export const MonthBackfillView = z
  .object({
    cases: count.meta({ description: 'Cases whose month-index items were rebuilt on this page' }),
    markers: count.meta({ description: 'Month markers written (the same again on a second run)' }),
    next: z.string().nullable().meta({ description: 'Post again with this to go on; null when every case is done' }),
  })
  .meta({ id: 'MonthBackfill' });
