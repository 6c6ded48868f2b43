/** Questions an owner asks other departments, collated into the one reply. */
import type { LocalDate } from './dates.js';

export const REQUEST_STATUSES = ['open', 'answered', 'closed'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** The owner's question to another department; its answer is collated into the one reply. */
export interface DepartmentRequest {
  id: string;
  caseRef: string;
  department: string;
  question: string;
  /** A working day on or before the case's response target. */
  dueBy: LocalDate;
  status: RequestStatus;
  askedBy: string;
  askedAt: string;
  answer?: string;
  answeredBy?: string;
  answeredAt?: string;
  moreTime?: { until: LocalDate; reason: string; askedBy: string; at: string };
  closedReason?: string;
  closedBy?: string;
}
