/**
 * What managers and operators read: the quarantine, automatic mail that
 * joined no case, and the monthly figures.
 */
import { z } from 'zod';
import { CASE_CATEGORIES, CHANNELS } from '../model.js';
import { automatedView, instant, nextCursor } from './shapes.js';

export const QuarantineListView = z
  .object({
    items: z.array(
      z.object({
        id: z.string(),
        channel: z.enum(CHANNELS),
        receivedAt: instant,
        reason: z.string(),
        rawKey: z.string().meta({ description: 'Where the payload is kept, exactly as delivered' }),
      }),
    ),
    next: nextCursor,
  })
  .meta({ id: 'QuarantineList' });

/** Automatic mail (auto-replies, help-desk tickets, list mail, bounces) that joined no case. */
export const AutomatedListView = z
  .object({
    items: z.array(
      z.object({
        id: z.string(),
        channel: z.enum(CHANNELS),
        receivedAt: instant,
        from: z.object({ name: z.string().optional(), email: z.string().optional() }),
        subject: z.string().nullable(),
        excerpt: z.string().meta({ description: 'The start of the text' }),
        automated: automatedView,
        rawKey: z.string().nullable(),
      }),
    ),
    next: nextCursor,
  })
  .meta({ id: 'AutomatedList' });

const stageFigures = z.object({
  received: z.number().int(),
  answeredOnTime: z.number().int(),
  answeredLate: z.number().int(),
  open: z.number().int(),
});

/** The month's figures managers monitor (month of receipt, landlord's local time). */
export const MonthlyReportView = z
  .object({
    month: z.string().meta({ examples: ['2026-12'] }),
    landlord: z.object({ id: z.string(), name: z.string() }),
    generatedAt: instant,
    contacts: z.object({ total: z.number().int(), byChannel: z.record(z.enum(CHANNELS), z.number().int()) }),
    cases: z.object({ opened: z.number().int(), byCategory: z.record(z.enum(CASE_CATEGORIES), z.number().int()) }),
    phoneMessages: z.object({
      received: z.number().int(),
      answered: z.number().int(),
      answeredOnTime: z.number().int(),
    }),
    acknowledgements: z.object({
      due: z.number().int(),
      onTime: z.number().int(),
      late: z.number().int(),
      outstanding: z.number().int(),
    }),
    responses: z.object({
      answeredOnTime: z.number().int(),
      answeredLate: z.number().int(),
      openOverdue: z.number().int(),
      openNotYetDue: z.number().int(),
      onTimeRate: z
        .number()
        .nullable()
        .meta({ description: 'Answered on time ÷ (answered + open overdue); null with none' }),
    }),
    complaints: z.object({ 'complaint-stage-1': stageFigures, 'complaint-stage-2': stageFigures }),
  })
  .meta({ id: 'MonthlyReport' });

export type MonthlyReportView = z.infer<typeof MonthlyReportView>;
export type AutomatedListView = z.infer<typeof AutomatedListView>;
export type QuarantineListView = z.infer<typeof QuarantineListView>;
