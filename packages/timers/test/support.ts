/**
 * Test wiring: cases built with the real target engine, the real presets, a
 * fake NoticeSender that records keys, and an in-memory case repository good
 * enough for core's real NoticeSender (claims, timeline, messages).
 */
import {
  type Case,
  type CaseChange,
  type CaseKind,
  type CaseMessage,
  type CaseRepository,
  type CaseWithHistory,
  type Clock,
  type Contact,
  computeTargets,
  createNoticeSender,
  type DepartmentRequest,
  type LandlordPolicy,
  type Notice,
  type NoticeResult,
  type NoticeSender,
  type Officer,
  type OutboundPorts,
  type TimelineEntry,
  WriteConflictError,
} from '@housing-inbox/core';
import { presets } from '@housing-inbox/policies';

export const hightown = presets.hightown as LandlordPolicy;
export const blairtummock = presets.blairtummock as LandlordPolicy;

/** Tuesday 3 March 2026, 10:00 in London (GMT): clear of bank holidays for two weeks either way. */
export const RECEIVED = '2026-03-03T10:00:00.000Z';

export function makeCase(
  policy: LandlordPolicy,
  kind: CaseKind,
  overrides: Partial<Case> & { receivedAt?: string } = {},
): Case {
  const receivedAt = overrides.receivedAt ?? RECEIVED;
  const category = kind.startsWith('complaint')
    ? 'complaint'
    : kind.startsWith('repair')
      ? 'repair'
      : 'service-request';
  return {
    ref: `${policy.caseReferencePrefix}-2026-000001`,
    policyId: policy.id,
    channel: 'email',
    kind,
    classification: { category, kind, reason: 'test', decidedBy: 'system' },
    status: 'new',
    ownerId: 'owner-1',
    teamId: policy.departments[1]?.id ?? (policy.departments[0] as { id: string }).id,
    contactId: 'contact-1',
    subject: 'About my home',
    receivedAt,
    targets: computeTargets(policy, { kind, received: new Date(receivedAt) }),
    restricted: false,
    lastMessageAt: receivedAt,
    messageCount: 1,
    createdAt: receivedAt,
    updatedAt: receivedAt,
    ...overrides,
  };
}

let ids = 0;
export function noticeEntry(caseRef: string, key: string, at: string, type = 'notice-sent'): TimelineEntry {
  ids++;
  return { id: `t${ids}`, caseRef, at, type, actor: 'system', summary: type, data: { noticeKey: key } };
}

export const contact: Contact = {
  id: 'contact-1',
  name: 'Ada Resident',
  email: 'ada@resident.example',
};

export const officers: Officer[] = [
  {
    id: 'owner-1',
    name: 'Olu Owner',
    email: 'olu@landlord.example',
    role: 'officer',
    teamId: 'housing-management',
    lineManagerId: 'manager-1',
    active: true,
  },
  { id: 'manager-1', name: 'Mo Manager', email: 'mo@landlord.example', role: 'manager', teamId: 'x', active: true },
];

/** Records what would be sent; claims keys like the real one. */
export class RecordingNoticeSender implements NoticeSender {
  readonly sent: Notice[] = [];
  readonly claimed = new Set<string>();
  async send(notice: Notice): Promise<NoticeResult> {
    const claim = `${notice.caseRef}/${notice.key}`;
    if (notice.key && this.claimed.has(claim)) return { status: 'already-sent' };
    if (notice.key) this.claimed.add(claim);
    this.sent.push(notice);
    return { status: 'sent', channel: 'email', messageId: `m${this.sent.length}`, providerMessageId: 'p' };
  }
}

export interface OutboxItem {
  channel: 'email' | 'sms' | 'letter';
  caseRef: string;
  purpose: string;
  to: string;
  subject: string;
  body: string;
}

/** Just enough of CaseRepository for the timers and core's NoticeSender, in memory. */
export class MemoryCases {
  readonly cases = new Map<string, CaseWithHistory>();
  readonly claims = new Set<string>();
  readonly officers = new Map(officers.map((o) => [o.id, o]));

  add(kase: Case, extra: { contact?: Contact; requests?: DepartmentRequest[] } = {}): void {
    this.cases.set(kase.ref, {
      case: kase,
      contact: extra.contact ?? contact,
      messages: [],
      timeline: [],
      requests: extra.requests ?? [],
    });
  }

  /** Changes a case the way a command would (new updatedAt). */
  update(ref: string, change: (kase: Case) => Case, at: string): void {
    const found = this.cases.get(ref);
    if (!found) throw new Error(`no case ${ref}`);
    found.case = { ...change(found.case), updatedAt: at };
  }

  repository(): CaseRepository {
    const self = this;
    const clone = <T>(v: T): T => structuredClone(v);
    const partial: Partial<CaseRepository> = {
      async getCase(ref) {
        const found = self.cases.get(ref);
        return found ? clone(found.case) : undefined;
      },
      async getCaseWithHistory(ref) {
        const found = self.cases.get(ref);
        return found ? clone(found) : undefined;
      },
      async getOfficer(id) {
        return self.officers.get(id);
      },
      async listOfficers() {
        return [...self.officers.values()];
      },
      async claimNotice(ref, key) {
        const claim = `${ref}/${key}`;
        if (self.claims.has(claim)) return false;
        self.claims.add(claim);
        return true;
      },
      async releaseNotice(ref, key) {
        self.claims.delete(`${ref}/${key}`);
      },
      async commitCaseChange(change: CaseChange) {
        const found = self.cases.get(change.case.ref);
        if (!found) throw new WriteConflictError('no such case');
        if (found.case.updatedAt !== change.expectedUpdatedAt) throw new WriteConflictError('moved');
        found.case = clone(change.case);
        found.timeline.push(...clone(change.timeline));
        found.messages.push(...clone(change.messages ?? ([] as CaseMessage[])));
      },
    };
    return partial as CaseRepository;
  }
}

/** An outbox recording every email, text and letter; core's real NoticeSender in front of it. */
export function realNoticeSender(cases: MemoryCases, policy: LandlordPolicy, clock: Clock) {
  const outbox: OutboxItem[] = [];
  const receipt = () => ({ providerMessageId: `p-${outbox.length}` });
  const outbound: OutboundPorts = {
    mailer: {
      async sendEmail(m) {
        outbox.push({
          channel: 'email',
          caseRef: m.caseRef,
          purpose: m.purpose,
          to: m.to,
          subject: m.subject,
          body: m.body,
        });
        return receipt();
      },
    },
    sms: {
      async sendSms(m) {
        outbox.push({
          channel: 'sms',
          caseRef: m.caseRef,
          purpose: m.purpose,
          to: m.to,
          subject: m.subject,
          body: m.body,
        });
        return receipt();
      },
    },
    letters: {
      async queueLetter(m) {
        outbox.push({
          channel: 'letter',
          caseRef: m.caseRef,
          purpose: m.purpose,
          to: m.to.address,
          subject: m.subject,
          body: m.body,
        });
        return receipt();
      },
    },
  };
  const sender = createNoticeSender({
    policy,
    repository: cases.repository(),
    outbound,
    clock,
    mailDomain: 'inbox.test.example',
    retryDelayMs: 0,
  });
  return { sender, outbox };
}
