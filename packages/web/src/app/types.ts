/**
 * The API's shapes as the console reads them: every type is the output of a
 * contract in `@housing-inbox/core/contracts`, imported type-only so the
 * bundle carries no zod. The names are the console's own, kept as aliases.
 */
import type {
  AtRiskView,
  AuditListView,
  AutomatedListView,
  CaseListItemView,
  CaseListView,
  CaseView,
  CommandInput,
  ContactView,
  DeactivatedView,
  DepartmentRequestView,
  DepartmentsView,
  ErrorBody,
  LettersToReadView,
  LoggedContactKind,
  LoggedContactView,
  MessageView,
  MeView,
  MonthlyReportView,
  NotificationListView,
  OfficerListView,
  OfficerView,
  OutboxItemView,
  OutboxView,
  QuarantineListView,
  QuarantineReleaseView,
  ReplyPreviewView,
  ReplyTemplatesView,
  RequestListView,
  ResidentView,
  SignInView,
  TimelineEntryView,
} from '@housing-inbox/core/contracts';
import type { z } from 'zod';

export type CaseListItem = CaseListItemView;
export type CaseList = CaseListView;
export type CaseDetail = CaseView;
export type Contact = z.output<typeof ContactView>;
export type ContactSummary = CaseListItem['contact'] & {};
export type CaseMessage = z.output<typeof MessageView>;
export type Attachment = CaseMessage['attachments'][number];
export type TimelineEntry = z.output<typeof TimelineEntryView>;
export type DepartmentRequest = z.output<typeof DepartmentRequestView>;
export type Officer = OfficerView;
export type Me = MeView;
export type Departments = DepartmentsView;
export type OutboxItem = z.output<typeof OutboxItemView>;
export type AutomatedItem = AutomatedListView['items'][number];
export type QuarantineItem = QuarantineListView['items'][number];
export type MonthlyReport = MonthlyReportView;
export type StageFigures = MonthlyReport['complaints']['complaint-stage-1'];
export type ApiErrorBody = ErrorBody['error'];
export type LettersToRead = LettersToReadView;
export type LetterToRead = LettersToReadView['items'][number];
export type AuditEntry = AuditListView['items'][number];
export type Resident = ResidentView;
export type NotificationList = NotificationListView;
export type Notification = NotificationListView['items'][number];
export type CaseLink = CaseView['linked'][number];
export type Activity = NonNullable<CaseListItem['activity']>[number];
export type ReplyPreview = ReplyPreviewView;
export type PreviewPart = ReplyPreviewView['parts'][number];
export type ReplyTemplate = ReplyTemplatesView['items'][number];

/** What the countdown needs of a case: how long is left, and whether it has passed. */
export type Countdown = Pick<CaseListItem, 'workingDaysLeft' | 'hoursLeft' | 'overdue'>;

export type Channel = CaseListItem['channel'];
export type ReplyChannel = NonNullable<Contact['preferredChannel']>;
export type CaseStatus = CaseListItem['status'];
export type CaseKind = CaseListItem['kind'];
export type CaseCategory = CaseListItem['category'];
export type RepairPriority = NonNullable<CommandInput<'reclassify'>['priority']>;
export type Role = Officer['role'];
export type { LoggedContactKind };

/**
 * Every answer the console reads, by the id its schema has in the OpenAPI
 * document (`#/components/schemas/<id>`): the route table in api.ts names
 * these ids, and a test checks the document answers each route with that one.
 */
export interface Answers {
  Case: CaseView;
  CaseList: CaseListView;
  Me: MeView;
  OfficerList: z.output<typeof OfficerListView>;
  Officer: OfficerView;
  Departments: DepartmentsView;
  RequestList: z.output<typeof RequestListView>;
  MonthlyReport: MonthlyReportView;
  Deactivated: z.output<typeof DeactivatedView>;
  LoggedContact: z.output<typeof LoggedContactView>;
  Outbox: z.output<typeof OutboxView>;
  AutomatedList: AutomatedListView;
  QuarantineList: QuarantineListView;
  QuarantineRelease: QuarantineReleaseView;
  SignIn: z.output<typeof SignInView>;
  LettersToRead: LettersToReadView;
  AuditList: AuditListView;
  Resident: ResidentView;
  NotificationList: NotificationListView;
  ReplyTemplates: ReplyTemplatesView;
  ReplyPreview: ReplyPreviewView;
  AtRiskList: AtRiskView;
}

/**
 * Every member of a contract's union, in the order given: a plain array in the
 * bundle (the contracts' own constants would bring zod with them), and a
 * compile error when the contract adds or drops a member.
 */
function everyOf<T extends string>(members: Record<T, true>): readonly T[] {
  return Object.keys(members) as T[];
}

export const CHANNELS = everyOf<Channel>({
  email: true,
  sms: true,
  letter: true,
  'web-form': true,
  phone: true,
  'in-person': true,
});
export const REPLY_CHANNELS = everyOf<ReplyChannel>({ email: true, sms: true, letter: true, phone: true });
export const CASE_STATUSES = everyOf<CaseStatus>({
  new: true,
  'in-progress': true,
  'awaiting-departments': true,
  answered: true,
  closed: true,
});
export const CASE_KINDS = everyOf<CaseKind>({
  'phone-message': true,
  email: true,
  letter: true,
  'web-form': true,
  sms: true,
  'complaint-stage-1': true,
  'complaint-stage-2': true,
  'repair-emergency': true,
  'repair-urgent': true,
  'repair-standard': true,
  'repair-programmed': true,
  'hazard-emergency': true,
  'hazard-damp-mould': true,
});
export const CASE_CATEGORIES = everyOf<CaseCategory>({ 'service-request': true, complaint: true, repair: true });
export const REPAIR_PRIORITIES = everyOf<RepairPriority>({
  emergency: true,
  urgent: true,
  standard: true,
  programmed: true,
});
