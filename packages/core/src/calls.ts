/**
 * Calls to the switchboard, as the phone system records them (a CSV export
 * locally, Amazon Connect contact events in the cloud): what the monthly
 * report counts against the answering standard (policy `reporting.callAnswering`).
 * No caller's number is kept: the figures need only the times.
 */
import * as z from 'zod';
import { once } from './once.js';

export const CALL_OUTCOMES = ['answered', 'abandoned'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

const instant = once(() => z.iso.datetime({ offset: true }));
const ms = (at: string) => Date.parse(at);

/**
 * One call offered to the switchboard. Instants are UTC ISO-8601; `outcome`
 * is `answered` when someone picked up (`answeredAt` then given), else
 * `abandoned` (the caller hung up while waiting, or the call went unanswered).
 */
export const callRecordSchema = once(() =>
  z
    .strictObject({
      callId: z.string().trim().min(1).max(200),
      /** When the call reached the switchboard (the wait counts from here). */
      offeredAt: instant(),
      answeredAt: instant().optional(),
      endedAt: instant().optional(),
      /** The queue or line it came in on (e.g. "switchboard"). */
      queue: z.string().trim().max(100).optional(),
      outcome: z.enum(CALL_OUTCOMES),
    })
    .superRefine((call, ctx) => {
      if (call.outcome === 'answered' && !call.answeredAt) {
        ctx.addIssue({ code: 'custom', path: ['answeredAt'], message: 'an answered call needs answeredAt' });
      }
      if (call.outcome === 'abandoned' && call.answeredAt) {
        ctx.addIssue({
          code: 'custom',
          path: ['outcome'],
          message: 'a call with answeredAt was answered, not abandoned',
        });
      }
      if (call.answeredAt && ms(call.answeredAt) < ms(call.offeredAt)) {
        ctx.addIssue({ code: 'custom', path: ['answeredAt'], message: 'answeredAt is before startedAt' });
      }
      if (call.endedAt && ms(call.endedAt) < ms(call.answeredAt ?? call.offeredAt)) {
        ctx.addIssue({
          code: 'custom',
          path: ['endedAt'],
          message: 'endedAt is before the call was offered or answered',
        });
      }
    }),
);

export type CallRecord = z.output<ReturnType<typeof callRecordSchema>>;

/** The record with its instants in UTC (`…Z`), so they sort and compare as text. */
export function normalisedCall(call: CallRecord): CallRecord {
  const utc = (at: string | undefined) => (at ? new Date(at).toISOString() : undefined);
  return {
    ...call,
    offeredAt: utc(call.offeredAt) as string,
    ...(call.answeredAt ? { answeredAt: utc(call.answeredAt) } : {}),
    ...(call.endedAt ? { endedAt: utc(call.endedAt) } : {}),
  };
}

/** Seconds the caller waited before an answer (null when nobody answered). */
export function secondsToAnswer(call: CallRecord): number | null {
  if (!call.answeredAt) return null;
  return (new Date(call.answeredAt).getTime() - new Date(call.offeredAt).getTime()) / 1000;
}

/** The CSV columns `inbox calls import` reads, in order; a header row must name them. */
export const CALL_CSV_COLUMNS = ['callId', 'startedAt', 'answeredAt', 'endedAt', 'queue', 'outcome'] as const;

export interface CallRowProblem {
  /** 1-based line number in the file (the header is line 1). */
  line: number;
  problem: string;
}

/**
 * Parsed CSV rows (objects keyed by header) to call records: every row checked
 * before any is kept, so a file with one bad row imports nothing. `outcome`
 * may be left empty: answered when `answeredAt` is given, else abandoned.
 */
export function callRecordsFromRows(rows: { line: number; values: Record<string, string> }[]): {
  calls: CallRecord[];
  problems: CallRowProblem[];
} {
  const calls: CallRecord[] = [];
  const problems: CallRowProblem[] = [];
  const seen = new Map<string, number>();
  for (const { line, values } of rows) {
    const blank = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);
    const answeredAt = blank(values.answeredAt);
    const parsed = callRecordSchema().safeParse({
      callId: values.callId ?? '',
      offeredAt: blank(values.startedAt) ?? '',
      ...(answeredAt ? { answeredAt } : {}),
      ...(blank(values.endedAt) ? { endedAt: blank(values.endedAt) } : {}),
      ...(blank(values.queue) ? { queue: blank(values.queue) } : {}),
      outcome: blank(values.outcome)?.toLowerCase() ?? (answeredAt ? 'answered' : 'abandoned'),
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = String(issue?.path[0] ?? '');
      const column = field === 'offeredAt' ? 'startedAt' : field;
      problems.push({ line, problem: `${column ? `${column}: ` : ''}${issue?.message ?? 'invalid row'}` });
      continue;
    }
    const earlier = seen.get(parsed.data.callId);
    if (earlier !== undefined) {
      problems.push({ line, problem: `callId ${parsed.data.callId} is also on line ${earlier}` });
      continue;
    }
    seen.set(parsed.data.callId, line);
    calls.push(normalisedCall(parsed.data));
  }
  return { calls, problems };
}
