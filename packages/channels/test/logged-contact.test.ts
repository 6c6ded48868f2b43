import { UnparseableInput } from '@housing-inbox/core';
import { describe, expect, it } from 'vitest';
import { logContact } from '../src/index.js';

const voicemail = {
  kind: 'voicemail' as const,
  loggedBy: 'officer-jd',
  receivedAt: '2026-03-16T08:12:00Z',
  from: { name: 'Mr Ahmed Khan', phone: '07700 900842' },
  summary: 'Left a voicemail at 08:12: no hot water since Saturday, has two small children. Asks for a call back.',
};

describe('logContact', () => {
  it.each([
    ['phone-message', 'phone', 'Phone message'],
    ['voicemail', 'phone', 'Voicemail'],
    ['visit', 'in-person', 'Visit to the office'],
  ] as const)('records a %s on the %s channel', (kind, channel, subject) => {
    const message = logContact({ ...voicemail, kind });

    expect(message).toMatchObject({
      channel,
      subject,
      receivedAt: '2026-03-16T08:12:00.000Z',
      from: { name: 'Mr Ahmed Khan', phone: '07700 900842' },
      text: voicemail.summary,
      logged: { kind, loggedBy: 'officer-jd' },
    });
    expect(message.form).toBeUndefined();
  });

  it('keeps the tenancy reference, preferred reply and communication needs the officer noted', () => {
    const message = logContact({
      ...voicemail,
      kind: 'visit',
      subject: 'Came in about rent arrears letter',
      tenancyRef: 'HT-001234',
      preferredChannel: 'letter',
      communicationNeeds: 'Needs a Polish interpreter',
      from: { ...voicemail.from, address: '2 Ash Court, Hightown' },
    });
    expect(message.subject).toBe('Came in about rent arrears letter');
    expect(message.form).toEqual({
      tenancyRef: 'HT-001234',
      preferredChannel: 'letter',
      communicationNeeds: 'Needs a Polish interpreter',
    });
  });

  it('logs the same contact once however often it is submitted, or by the console id', () => {
    expect(logContact(voicemail).dedupeKey).toBe(logContact({ ...voicemail }).dedupeKey);
    expect(logContact({ ...voicemail, logId: 'log-91' }).dedupeKey).toBe('log-91');
  });

  it.each([
    ['no way to reply', { from: { name: 'Anonymous caller' } }, 'the logged contact has no way to reply'],
    ['no summary', { summary: '  ' }, 'summary: write down what the resident said'],
    ['no officer', { loggedBy: '' }, 'loggedBy: say which officer logged it'],
    ['an unknown kind', { kind: 'fax' }, 'kind'],
    [
      'a time that is not an instant',
      { receivedAt: 'this morning' },
      'receivedAt "this morning" is not an ISO-8601 instant',
    ],
  ])('refuses a record with %s', (_label, change, reason) => {
    const attempt = () => logContact({ ...voicemail, ...change } as Parameters<typeof logContact>[0]);
    expect(attempt).toThrow(UnparseableInput);
    expect(attempt).toThrow(reason);
  });
});
