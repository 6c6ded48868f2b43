import type { InboundMessage } from '@housing-inbox/core';
import { describe, expect, it } from 'vitest';
import { isNoReplyAddress, parseEmail, residentAddress, residentSender } from '../src/index.js';
import { RECEIVED } from './fixtures.js';

const mime = (s: string) => new TextEncoder().encode(s.replace(/\n/g, '\r\n'));
const RELAYS = ['forms@hightown-website.example', '@relay.formservice.example'];

async function email(from: string, replyTo?: string): Promise<InboundMessage> {
  const reply = replyTo ? `Reply-To: ${replyTo}\n` : '';
  return parseEmail(mime(`From: ${from}\n${reply}Subject: Contact form\n\nMy gutter is blocked.\n`), {
    receivedAt: RECEIVED,
  });
}

describe('who the resident is: From, or Reply-To behind a relay or no-reply sender', () => {
  it('exposes From and the first Reply-To, names decoded', async () => {
    const message = await email(
      'Website <noreply@hightown-website.example>',
      '=?UTF-8?Q?Si=C3=A2n?= <sian@example.org>, other@example.org',
    );
    expect(message.from).toEqual({ name: 'Website', email: 'noreply@hightown-website.example' });
    expect(message.replyTo).toEqual({ name: 'Siân', email: 'sian@example.org' });
  });

  it.each([
    ['noreply', 'Website <noreply@hightown-website.example>'],
    ['no-reply', 'no-reply@forms.example.com'],
    ['no_reply with a tag', 'no_reply+f81@forms.example.com'],
    ['donotreply', 'DoNotReply@forms.example.com'],
    ['do-not-reply', 'do-not-reply@forms.example.com'],
    ['mailer-daemon-like', 'mailer-daemon@forms.example.com'],
    ['bounces', 'bounces+12345@forms.example.com'],
    ['a relay address named in the policy', 'Hightown forms <forms@hightown-website.example>'],
    ['any address at a relay domain named in the policy', 'submissions@relay.formservice.example'],
  ])('takes Reply-To when From is %s', async (_label, from) => {
    const message = await email(from, 'Ann Resident <ann.resident@example.net>');

    expect(residentAddress(message, RELAYS)).toBe('ann.resident@example.net');
    expect(residentSender(message, RELAYS)).toEqual({
      email: 'ann.resident@example.net',
      name: 'Ann Resident',
      via: 'reply-to',
    });
  });

  it('takes From when it is a person, even when Reply-To differs', async () => {
    const message = await email('Ann Resident <ann.resident@example.net>', 'ann.work@example.com');
    expect(residentSender(message, RELAYS)).toEqual({
      email: 'ann.resident@example.net',
      name: 'Ann Resident',
      via: 'from',
    });
  });

  it('names nobody when a no-reply sender gives no usable Reply-To', async () => {
    expect(residentAddress(await email('noreply@forms.example.com'), RELAYS)).toBeUndefined();
    expect(
      residentAddress(await email('noreply@forms.example.com', 'no-reply@forms.example.com'), RELAYS),
    ).toBeUndefined();
  });

  it.each([
    ['reply@example.org', false],
    ['noreplyjones@example.org', false],
    ['ann.noreply@example.org', false],
    ['NoReply@example.org', true],
    ['postmaster@example.org', true],
  ])('isNoReplyAddress(%s) is %s', (address, expected) => {
    expect(isNoReplyAddress(address)).toBe(expected);
  });
});
