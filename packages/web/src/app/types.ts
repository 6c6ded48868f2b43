/** The API's shapes as the console reads them (packages/api/COMMANDS.md). */

export type Channel = 'email' | 'sms' | 'letter' | 'web-form' | 'phone' | 'in-person';
export type ReplyChannel = 'email' | 'sms' | 'letter' | 'phone';
export type CaseStatus = 'new' | 'in-progress' | 'awaiting-departments' | 'answered' | 'closed';
export type Role = 'officer' | 'contributor' | 'manager' | 'reception';

export const CHANNELS: readonly Channel[] = ['email', 'sms', 'letter', 'web-form', 'phone', 'in-person'];
export const REPLY_CHANNELS: readonly ReplyChannel[] = ['email', 'sms', 'letter', 'phone'];
export const CASE_STATUSES: readonly CaseStatus[] = [
  'new',
  'in-progress',
  'awaiting-departments',
  'answered',
  'closed',
];
export const CASE_KINDS = [
  'phone-message',
  'email',
  'letter',
  'web-form',
  'sms',
  'complaint-stage-1',
  'complaint-stage-2',
  'repair-emergency',
  'repair-urgent',
  'repair-standard',
  'repair-programmed',
] as const;

export interface ContactSummary {
  id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  postcode: string | null;
  preferredChannel: ReplyChannel | null;
  unacceptableBehaviour: boolean;
}

export interface Countdown {
  effectiveRespondBy?: string;
  /** Negative when overdue; null once answered or closed. */
  workingDaysLeft?: number | null;
  /** Hours targets (emergency repairs) only. */
  hoursLeft?: number;
  overdue?: boolean;
}

export interface CaseListItem extends Countdown {
  ref: string;
  channel: Channel;
  kind: string;
  status: CaseStatus;
  ownerId: string | null;
  teamId?: string;
  contact: ContactSummary | null;
  subject: string;
  receivedAt: string;
  targets: { acknowledgeBy: string | null; respondBy: string; clockStarts?: string };
  category?: string;
  restricted?: boolean;
  acknowledgedAt?: string | null;
  respondedAt?: string | null;
}

export interface Contact {
  id: string;
  name?: string;
  email?: string;
  phone?: string;
  address?: string;
  postcode?: string;
  tenancyRef?: string;
  preferredChannel?: ReplyChannel;
  communicationNeeds?: string;
  largePrint?: boolean;
  channelsToAvoid?: ReplyChannel[];
  unacceptableBehaviour?: { setBy: string; setAt: string; reason: string };
}

export interface Attachment {
  filename: string;
  contentType: string;
  size: number;
  inline: boolean;
  contentId?: string;
}

export interface CaseMessage {
  id: string;
  direction: 'inbound' | 'outbound';
  channel: Channel;
  receivedAt: string;
  from: { name?: string; email?: string; phone?: string; address?: string };
  to: string[];
  subject?: string;
  text: string;
  /** Sanitised on ingest; the console sanitises it again before showing it. */
  safeHtml?: string;
  attachments: Attachment[];
  logged?: { kind: string; loggedBy: string };
  scan?: { method: string; confidence?: number };
  automated?: { kind: string; reason: string };
  purpose?: string;
  sentBy?: string;
}

export interface TimelineEntry {
  id: string;
  at: string;
  type: string;
  actor: string;
  summary: string;
  data?: Record<string, unknown>;
}

export interface DepartmentRequest {
  id: string;
  caseRef: string;
  department: string;
  question: string;
  dueBy: string;
  status: 'open' | 'answered' | 'closed';
  askedBy: string;
  askedAt: string;
  answer?: string;
  answeredBy?: string;
  answeredAt?: string;
  moreTime?: { until: string; reason: string; askedBy: string; at: string };
  closedReason?: string;
  closedBy?: string;
}

export interface CaseDetail extends Omit<CaseListItem, 'contact' | 'targets'> {
  contact: Contact | null;
  targets: { clockStarts: string; acknowledgeBy: string | null; respondBy: string };
  classification: { category: string; priority?: string; kind: string; reason: string; decidedBy: string };
  agreedReplyDate: string | null;
  delayReason: string | null;
  extension: { workingDays: number; reason: string; respondBy: string; grantedBy: string; at: string } | null;
  stageOneOwnerId: string | null;
  closedAt: string | null;
  responseOutcome: 'met' | 'missed' | null;
  messages: CaseMessage[];
  timeline: TimelineEntry[];
  requests: DepartmentRequest[];
}

export interface Officer {
  id: string;
  name: string;
  email: string;
  role: Role;
  teamId: string;
  lineManagerId: string | null;
  active: boolean;
  absences: { from: string; to: string }[];
}

export interface Me {
  officer: Officer | null;
  role: Role;
  teamId: string;
  landlord?: { id: string; name: string };
}

export interface Departments {
  items: { id: string; name: string }[];
  categories: { id: string; label: string; department: string; treatAs?: string }[];
}

export interface OutboxItem {
  id: string;
  channel: 'email' | 'sms' | 'letter';
  to: string;
  subject?: string;
  body: string;
  caseRef?: string;
  purpose: string;
  sentAt: string;
}

export type CaseCategory = 'service-request' | 'complaint' | 'repair';
export const CASE_CATEGORIES: readonly CaseCategory[] = ['service-request', 'complaint', 'repair'];

export interface StageFigures {
  received: number;
  answeredOnTime: number;
  answeredLate: number;
  open: number;
}

/** GET /api/reports/monthly?month=YYYY-MM (packages/api/COMMANDS.md, "Reports"). */
export interface MonthlyReport {
  month: string;
  landlord: { id: string; name: string };
  generatedAt: string;
  contacts: { total: number; byChannel: Partial<Record<Channel, number>> & Record<string, number> };
  cases: { opened: number; byCategory: Partial<Record<CaseCategory, number>> & Record<string, number> };
  phoneMessages: { received: number; answered: number; answeredOnTime: number };
  acknowledgements: { due: number; onTime: number; late: number; outstanding: number };
  responses: {
    answeredOnTime: number;
    answeredLate: number;
    openOverdue: number;
    openNotYetDue: number;
    /** Answered on time ÷ (answered + open overdue); null when none fell due. */
    onTimeRate: number | null;
  };
  complaints: { 'complaint-stage-1': StageFigures; 'complaint-stage-2': StageFigures };
}
