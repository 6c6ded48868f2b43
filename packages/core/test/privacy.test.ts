/**
 * Data protection's rules as data and erasure as pure functions: who may
 * decide a disclosure under each preset, when retention falls due, and what
 * an erased item keeps (what reports count) and loses (what a person wrote).
 */
import { presets } from '@housing-inbox/policies';
import { describe, expect, it } from 'vitest';
import {
  type CaseMessage,
  DEFAULT_PRIVACY_RULES,
  disclosureDeciders,
  ERASED,
  eraseData,
  eraseMessage,
  type LandlordPolicy,
  mayDecideDisclosure,
  privacyRulesOf,
  retentionEndsAt,
} from '../src/index.js';

const preset = (id: string) => presets[id] as LandlordPolicy;

describe('disclosure deciders', () => {
  const blairtummock = privacyRulesOf(preset('blairtummock'));
  const hightown = privacyRulesOf(preset('hightown'));

  it.each([
    ['the Housing Services Manager', 'manager', 'Housing Services Manager', true],
    ['the Director (any role)', 'officer', 'director', true],
    ['another manager', 'manager', 'Area Housing Manager', false],
    ['a manager with no title', 'manager', undefined, false],
  ] as const)('Blairtummock (4.3): %s → %s', (_who, role, jobTitle, may) => {
    expect(mayDecideDisclosure(blairtummock, { role, jobTitle })).toBe(may);
  });

  it('Hightown says nothing: any manager, and no one else', () => {
    expect(mayDecideDisclosure(hightown, { role: 'manager' })).toBe(true);
    expect(mayDecideDisclosure(hightown, { role: 'officer', jobTitle: 'Director' })).toBe(false);
    expect(hightown.disclosure.basis).toMatch(/^Assumed/);
    expect(disclosureDeciders(blairtummock)).toBe('Housing Services Manager or Director');
  });

  it('a policy without a privacy section gets six years and managers, marked as assumed', () => {
    const { privacy: _none, ...bare } = preset('hightown');
    expect(privacyRulesOf(bare as LandlordPolicy)).toEqual(DEFAULT_PRIVACY_RULES);
    expect(DEFAULT_PRIVACY_RULES.retention.basis).toMatch(/^Assumed/);
  });
});

describe('retention', () => {
  it('falls due the same instant six years after closure; 29 February rolls to 1 March', () => {
    const rules = privacyRulesOf(preset('hightown'));
    expect(retentionEndsAt(rules, '2026-12-01T10:00:00.000Z')).toBe('2032-12-01T10:00:00.000Z');
    expect(retentionEndsAt(rules, '2028-02-29T12:00:00.000Z')).toBe('2034-03-01T12:00:00.000Z');
  });
});

describe('erasure', () => {
  it('keeps codes, references, dates, numbers and yes/no in timeline data; drops prose, numbers and addresses', () => {
    expect(
      eraseData({
        requestId: 'req-1',
        ref: 'HT-2026-000001',
        at: '2026-12-01T10:00:00Z',
        date: '2026-12-15',
        restricted: true,
        workingDays: 5,
        reason: 'Mrs Smith is in hospital',
        phone: '+447700900123',
        email: 'a@b.example',
        nested: { to: ['Police Scotland', 'email'] },
      }),
    ).toEqual({
      requestId: 'req-1',
      ref: 'HT-2026-000001',
      at: '2026-12-01T10:00:00Z',
      date: '2026-12-15',
      restricted: true,
      workingDays: 5,
      reason: ERASED,
      phone: ERASED,
      email: ERASED,
      nested: { to: [ERASED, 'email'] },
    });
  });

  it('leaves a message its direction, channel and time; takes the sender, words, files and raw payload', () => {
    const message: CaseMessage = {
      id: 'm1',
      caseRef: 'HT-2026-000001',
      direction: 'inbound',
      channel: 'email',
      receivedAt: '2026-12-01T10:00:00Z',
      from: { name: 'Sam', email: 'sam@resident.example' },
      replyTo: { email: 'sam@relay.example' },
      to: ['contact@hightown.example'],
      subject: 'My flat',
      text: 'I live at 1 High Street',
      html: '<p>I live at 1 High Street</p>',
      safeHtml: '<p>I live at 1 High Street</p>',
      attachments: [{ filename: 'a.png', contentType: 'image/png', size: 3, blobKey: 'attachments/x', inline: false }],
      rawKey: 'raw/email/m1',
      threading: { messageId: '<m1@resident.example>', inReplyTo: [], references: [] },
    };
    const erased = eraseMessage(message);
    expect(erased).toEqual({
      id: 'm1',
      caseRef: 'HT-2026-000001',
      direction: 'inbound',
      channel: 'email',
      receivedAt: '2026-12-01T10:00:00Z',
      from: {},
      to: [],
      subject: ERASED,
      text: ERASED,
      attachments: [],
      threading: { inReplyTo: [], references: [] },
    });
  });
});
