/** `GET /api/search`: what an officer types to find a case, and a page of what it finds (the queue's row shape). */
import * as z from 'zod';
import { CaseListQuery } from './routes.js';

export const SearchQuery = z.object({
  q: z
    .string({ error: 'Type what to look for: a reference, name, email, phone number, postcode or words' })
    .trim()
    .min(1, 'Type what to look for: a reference, name, email, phone number, postcode or words')
    .max(200, 'Search for 200 characters at most'),
  ...CaseListQuery.pick({ limit: true, next: true }).shape,
});
export type SearchQuery = z.infer<typeof SearchQuery>;
