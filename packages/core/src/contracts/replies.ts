/**
 * Issue 14's routes: the reply templates filled for a case, the preview of a
 * reply exactly as the resident would get it, and the managers' overdue and
 * at-risk list. Browser-safe (zod only).
 */
import * as z from 'zod';
import { CaseListItemView } from './views.js';

export const ReplyTemplatesView = z
  .object({
    items: z.array(
      z.object({
        id: z.string(),
        label: z.string(),
        subject: z.string().optional(),
        body: z
          .string()
          .meta({ description: 'Filled for the case; [square brackets] are for the officer to write in' }),
      }),
    ),
  })
  .meta({ id: 'ReplyTemplates' });

const smsLengthView = z.object({
  encoding: z.enum(['GSM-7', 'UCS-2']),
  characters: z.number().int().meta({ description: 'As the network counts them (a GSM-7 escape such as € counts 2)' }),
  segments: z.number().int().meta({ description: 'Text messages the resident receives' }),
  perSegment: z.number().int(),
  nonGsmCharacters: z.array(z.string()),
});

const partView = z.discriminatedUnion('channel', [
  z.object({ channel: z.literal('email'), to: z.string(), subject: z.string(), body: z.string() }),
  z.object({ channel: z.literal('sms'), to: z.string(), subject: z.string(), body: z.string(), length: smsLengthView }),
  z.object({
    channel: z.literal('letter'),
    to: z.object({ name: z.string().optional(), address: z.string() }),
    subject: z.string(),
    body: z.string(),
    largePrint: z.boolean(),
  }),
]);

export const ReplyPreviewView = z
  .object({
    reason: z.string().optional().meta({ description: 'Why this channel' }),
    skipped: z.string().optional().meta({ description: 'Why nothing could be sent' }),
    parts: z.array(partView).meta({ description: 'The reply, then any text pointing to it when it goes in writing' }),
    blockedBy: z.string().optional().meta({ description: 'Why sending is refused now (open department requests)' }),
  })
  .meta({ id: 'ReplyPreview' });

export const AtRiskView = z
  .object({
    items: z.array(CaseListItemView),
    /** True when there were more than the route returns. */
    truncated: z.boolean(),
  })
  .meta({ id: 'AtRiskList' });

export type ReplyTemplatesView = z.infer<typeof ReplyTemplatesView>;
export type ReplyPreviewView = z.infer<typeof ReplyPreviewView>;
export type AtRiskView = z.infer<typeof AtRiskView>;
