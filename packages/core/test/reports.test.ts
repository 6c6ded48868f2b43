import { type LandlordPolicy, monthlyReport } from '@housing-inbox/core';
import { presets } from '@housing-inbox/policies';
import { describe, expect, it } from 'vitest';

const policy = presets.hightown as LandlordPolicy;
type ReportCase = Parameters<typeof monthlyReport>[2]['cases'][number];
const base = (over: Partial<ReportCase>): ReportCase => ({
  ref: 'HT-2026-000001',
  channel: 'email',
  kind: 'email',
  status: 'new',
  classification: { category: 'service-request', kind: 'email', reason: 'x', decidedBy: 'system' },
  targets: { clockStarts: '2026-12-01', acknowledgeBy: null, respondBy: '2026-12-15' },
  receivedAt: '2026-12-01T10:00:00.000Z',
  ...over,
});

describe('the monthly report', () => {
  const now = new Date('2026-12-20T10:00:00Z');
  const report = monthlyReport(
    policy,
    '2026-12',
    {
      cases: [
        base({ ref: 'A', respondedAt: '2026-12-10T10:00:00Z', responseOutcome: 'met' }),
        base({ ref: 'B', respondedAt: '2026-12-16T10:00:00Z', responseOutcome: 'missed' }),
        base({ ref: 'C' }), // target 15 December passed unanswered
        base({ ref: 'D', targets: { clockStarts: '2026-12-18', acknowledgeBy: null, respondBy: '2027-01-05' } }),
        base({
          ref: 'E',
          kind: 'phone-message',
          channel: 'phone',
          respondedAt: '2026-12-02T10:00:00Z',
          responseOutcome: 'met',
        }),
        base({
          ref: 'F',
          kind: 'complaint-stage-1',
          classification: { category: 'complaint', kind: 'complaint-stage-1', reason: 'x', decidedBy: 'system' },
          targets: { clockStarts: '2026-12-01', acknowledgeBy: '2026-12-08', respondBy: '2026-12-22' },
          acknowledgedAt: '2026-12-09T10:00:00Z',
        }),
        base({ ref: 'G', agreedReplyDate: '2026-12-30' }), // policy target passed, agreed date still ahead
      ],
      messages: [
        { caseRef: 'A', channel: 'email', receivedAt: '2026-12-01T10:00:00Z' },
        { caseRef: 'A', channel: 'email', receivedAt: '2026-12-03T10:00:00Z' },
        {
          caseRef: 'E',
          channel: 'phone',
          receivedAt: '2026-12-02T09:00:00Z',
          logged: { kind: 'voicemail', loggedBy: 'x' },
        },
      ],
    },
    now,
  );

  it('counts contacts by channel, follow-ups included', () => {
    expect(report.contacts).toMatchObject({ total: 3, byChannel: { email: 2, phone: 1, sms: 0 } });
  });

  it('judges responses against the target that applies (an agreed date replaces the policy date)', () => {
    expect(report.responses).toEqual({
      answeredOnTime: 2,
      answeredLate: 1,
      openOverdue: 1,
      openNotYetDue: 3,
      onTimeRate: 0.5,
    });
  });

  it('reports phone messages received and answered on time, and complaints by stage', () => {
    expect(report.phoneMessages).toEqual({ received: 1, answered: 1, answeredOnTime: 1 });
    expect(report.complaints['complaint-stage-1']).toEqual({
      received: 1,
      answeredOnTime: 0,
      answeredLate: 0,
      open: 1,
    });
    expect(report.acknowledgements).toEqual({ due: 1, onTime: 0, late: 1, outstanding: 0 });
  });

  it('refuses a month that is not YYYY-MM', () => {
    expect(() => monthlyReport(policy, '2026-13', { cases: [], messages: [] }, now)).toThrow(/not a month/);
  });
});
