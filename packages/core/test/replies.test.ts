import {
  type Contact,
  fillReplyTemplates,
  parsePolicy,
  replyValues,
  residentDelivery,
  smsLength,
} from '@housing-inbox/core';
import { loadPolicy } from '@housing-inbox/policies';
import { describe, expect, it } from 'vitest';
import { makeCase } from './support/context.js';

const hightown = loadPolicy('hightown');
const blairtummock = loadPolicy('blairtummock');

describe('reply templates in the policy', () => {
  it('refuses a reply template with an unknown placeholder, naming it', () => {
    const broken = structuredClone(hightown) as { replyTemplates: { body: string }[] };
    (broken.replyTemplates[0] as { body: string }).body = 'Dear {{nmae}}';
    expect(() => parsePolicy(broken, 'test policy')).toThrow(
      /replyTemplates\[0\]\.body: unknown placeholder \{\{nmae\}\}/,
    );
  });

  it('refuses two templates with one id', () => {
    const broken = structuredClone(blairtummock) as { replyTemplates: { id: string }[] };
    (broken.replyTemplates[1] as { id: string }).id = broken.replyTemplates[0]?.id as string;
    expect(() => parsePolicy(broken, 'test policy')).toThrow(/replyTemplates\[1\]\.id: "repair-booked" is used twice/);
  });

  it('refuses {{phone}} in a policy that gives no phone number', () => {
    const { contact: _c, ...noPhone } = structuredClone(hightown);
    expect(() => parsePolicy(noPhone, 'test policy')).toThrow(/contact: a template names \{\{phone\}\}/);
  });

  it('gives both landlords a phone number with its basis, and the notices say it', () => {
    expect(hightown.contact?.phone).toBe('0121 496 0000');
    expect(blairtummock.contact?.phone).toBe('0141 496 0000');
    expect(hightown.notices.templates.acknowledgement.body).toContain('{{phone}}');
    expect(blairtummock.contact?.basis).toMatch(/^Assumed/);
  });

  it('fills a template for a case: names, the target in words, the phone; complaint frames only for complaints', () => {
    const policy = hightown;
    const kase = makeCase(policy, 'email', {
      targets: { clockStarts: '2026-12-01', acknowledgeBy: null, respondBy: '2026-12-15' },
    });
    const values = replyValues(policy, kase, { id: 'c1', name: 'Sam Jones' } as Contact, { officer: 'Priya Shah' });
    const filled = fillReplyTemplates(policy, kase, values);
    expect(filled.map((t) => t.id)).toEqual(['repair-booked', 'information-requested', 'cannot-help-signpost']);
    const booked = filled[0];
    expect(booked?.body).toContain('Dear Sam Jones,');
    expect(booked?.body).toContain('call us on 0121 496 0000 and quote');
    expect(booked?.body).toContain('Priya Shah\nHightown');
    expect(booked?.subject).toBe(`Your repair is booked – reference ${kase.ref}`);
    expect(values.respondBy).toBe('Tuesday, 15 December 2026');
    const complaint = fillReplyTemplates(policy, { ...kase, kind: 'complaint-stage-1' }, values).map((t) => t.id);
    expect(complaint).toContain('complaint-stage-1-response');
  });
});

describe('text message length', () => {
  it('counts GSM-7 in 160 characters, then 153 a part', () => {
    expect(smsLength('a'.repeat(160))).toMatchObject({
      encoding: 'GSM-7',
      characters: 160,
      segments: 1,
      perSegment: 160,
    });
    expect(smsLength('a'.repeat(161))).toMatchObject({ encoding: 'GSM-7', segments: 2, perSegment: 153 });
    expect(smsLength('a'.repeat(306)).segments).toBe(2);
    expect(smsLength('a'.repeat(307)).segments).toBe(3);
  });

  it('counts the euro sign and brackets as two GSM-7 units', () => {
    expect(smsLength('€'.repeat(80))).toMatchObject({ encoding: 'GSM-7', characters: 160, segments: 1 });
    expect(smsLength(`${'a'.repeat(159)}[`)).toMatchObject({ characters: 161, segments: 2 });
  });

  it('turns the whole text UCS-2 for one curly quote or emoji: 70, then 67 a part, and names the characters', () => {
    const curly = smsLength(`It’s booked${'.'.repeat(59)}`);
    expect(curly).toMatchObject({ encoding: 'UCS-2', characters: 70, segments: 1, nonGsmCharacters: ['’'] });
    expect(smsLength(`It’s booked${'.'.repeat(60)}`)).toMatchObject({ segments: 2, perSegment: 67 });
    expect(smsLength('😀').characters).toBe(2);
  });

  it('counts an empty text as no messages', () => {
    expect(smsLength('').segments).toBe(0);
  });
});

describe('what the resident receives', () => {
  const policy = hightown;
  const kase = makeCase(policy, 'sms', { channel: 'sms' });
  const texter: Contact = { id: 'c1', phone: '+447700900123', email: 'sam@example.org' } as Contact;

  it('a text with its length, on the channel they used', () => {
    const d = residentDelivery(policy, kase, texter, { subject: 'Our reply', body: ' Booked for Tuesday. ' });
    expect(d).toMatchObject({
      parts: [{ channel: 'sms', to: '+447700900123', body: 'Booked for Tuesday.', length: { segments: 1 } }],
    });
  });

  it('a text of more than six parts goes by email, with a text pointing to it', () => {
    const d = residentDelivery(policy, kase, texter, { subject: 'Our reply', body: 'x'.repeat(153 * 6 + 1) });
    if (!('parts' in d)) throw new Error('expected parts');
    expect(d.parts.map((p) => p.channel)).toEqual(['email', 'sms']);
    expect(d.parts[0]).toMatchObject({ to: 'sam@example.org', subject: `Our reply [${kase.ref}]` });
    expect(d.parts[1]?.body).toContain('too long for a text, so we have sent it by email');
  });

  it('a letter in large print when the resident’s needs say so', () => {
    const d = residentDelivery(
      policy,
      { ...kase, channel: 'letter' },
      {
        id: 'c2',
        name: 'Ann',
        address: '1 High St',
        communicationNeeds: 'Partially sighted',
      } as Contact,
      { subject: 'Our reply', body: 'Hello' },
    );
    expect(d).toMatchObject({
      parts: [{ channel: 'letter', largePrint: true, to: { name: 'Ann', address: '1 High St' } }],
    });
  });
});
