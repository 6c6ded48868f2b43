import { UnparseableInput } from '@housing-inbox/core';
import { describe, expect, it } from 'vitest';
import { parseWebForm, WEB_FORM_HONEYPOT_FIELD, WebFormError } from '../src/index.js';
import { RECEIVED } from './fixtures.js';

// The ids and labels of a landlord policy's categories (as in the Hightown preset).
const categories = [
  { id: 'repairs', label: 'A repair' },
  { id: 'rent', label: 'Rent, charges or payments' },
  { id: 'complaint', label: 'A complaint' },
];

const complete = {
  name: '  Olivia Bennett ',
  email: 'olivia.bennett@example.com',
  phone: '07700 900765',
  address: '18 Poplar Gardens, Hightown HT3 9XY',
  tenancyRef: 'HT-009210',
  category: 'repairs',
  message: 'The front door lock is stiff and\r\nsometimes will not turn at all.  ',
  preferredChannel: 'sms',
  communicationNeeds: 'Large print letters please',
};

function fieldErrorsOf(input: unknown, opts: Partial<Parameters<typeof parseWebForm>[1]> = {}): Record<string, string> {
  try {
    parseWebForm(input, { receivedAt: RECEIVED, categories, ...opts });
  } catch (err) {
    if (err instanceof WebFormError) return err.fieldErrors;
    throw err;
  }
  throw new Error('the form was accepted');
}

describe('parseWebForm', () => {
  it('turns a complete form into a web-form message with its extras, trimmed', () => {
    const message = parseWebForm(complete, { receivedAt: RECEIVED, categories });

    expect(message).toMatchObject({
      channel: 'web-form',
      receivedAt: RECEIVED,
      from: {
        name: 'Olivia Bennett',
        email: 'olivia.bennett@example.com',
        phone: '07700 900765',
        address: '18 Poplar Gardens, Hightown HT3 9XY',
      },
      subject: 'Web form: A repair',
      text: 'The front door lock is stiff and\nsometimes will not turn at all.',
      form: {
        tenancyRef: 'HT-009210',
        category: 'repairs',
        preferredChannel: 'sms',
        communicationNeeds: 'Large print letters please',
      },
    });
  });

  it('accepts the least a resident must give: a name, a message and one way to reply', () => {
    const message = parseWebForm(
      { name: 'Kai', phone: '+44 7700 900111', message: 'Please call me about my rent.', email: '', address: '' },
      { receivedAt: RECEIVED },
    );
    expect(message.from).toEqual({ name: 'Kai', phone: '+44 7700 900111' });
    expect(message.subject).toBe('Web form');
    expect(message.form).toEqual({});
  });

  it('uses the submission id as the dedupe key when the caller has one', () => {
    expect(parseWebForm(complete, { receivedAt: RECEIVED, submissionId: 'post-7f3a' }).dedupeKey).toBe('post-7f3a');
  });

  it('treats the same form posted twice within a minute as one, and a minute later as another', () => {
    const at = (receivedAt: string, extra = {}) =>
      parseWebForm({ ...complete, ...extra }, { receivedAt, categories }).dedupeKey;

    expect(at('2026-03-16T09:30:05Z')).toBe(
      at('2026-03-16T09:30:55Z', { name: 'Olivia Bennett', message: `${complete.message}\n` }),
    );
    expect(at('2026-03-16T09:30:05Z')).not.toBe(at('2026-03-16T09:31:05Z'));
    expect(at('2026-03-16T09:30:05Z')).not.toBe(at('2026-03-16T09:30:05Z', { message: 'Something else' }));
  });

  it('reports every problem at once, against its field, in plain words', () => {
    expect(fieldErrorsOf({ name: ' ', message: '', email: '', phone: '' })).toEqual({
      name: 'Please tell us your name',
      message: 'Please tell us what you are contacting us about',
      email: 'Please give an email address or a phone number so we can reply to you',
    });
  });

  it.each([
    [
      'email',
      { email: 'olivia.bennett@' },
      "That email address doesn't look right: please check it (for example name@example.com)",
    ],
    [
      'phone',
      { phone: '0770' },
      "That phone number doesn't look right: please give the full number, for example 07700 900123",
    ],
    [
      'phone',
      { phone: 'call me' },
      "That phone number doesn't look right: please give the full number, for example 07700 900123",
    ],
    ['message', { message: 'x'.repeat(10_001) }, 'Your message is too long: please keep it under 10,000 characters'],
    ['name', { name: 42 }, 'Your name must be text'],
    [
      'preferredChannel',
      { preferredChannel: 'pigeon' },
      'Please choose how you would like us to reply: email, text message, letter or phone',
    ],
    [
      'category',
      { category: 'parking' },
      'Please choose one of the listed categories (A repair, Rent, charges or payments, A complaint)',
    ],
    [
      'email',
      { email: '', preferredChannel: 'email' },
      'You asked us to reply by email: please give your email address',
    ],
    ['phone', { phone: '', preferredChannel: 'phone' }, 'You asked us to phone you: please give your phone number'],
    [
      'address',
      { address: '', preferredChannel: 'letter' },
      'You asked us to reply by letter: please give your address',
    ],
    ['message', { message: ['one', 'two'] }, 'Please give only one answer here'],
  ])('explains a bad %s', (field, change, explanation) => {
    expect(fieldErrorsOf({ ...complete, ...change })).toEqual({ [field]: explanation });
  });

  it('accepts a message of exactly 10 000 characters', () => {
    expect(parseWebForm({ ...complete, message: 'x'.repeat(10_000) }, { receivedAt: RECEIVED }).text).toHaveLength(
      10_000,
    );
  });

  it('accepts any category when no list is given', () => {
    expect(parseWebForm({ ...complete, category: 'parking' }, { receivedAt: RECEIVED }).subject).toBe(
      'Web form: parking',
    );
  });

  it(`rejects a post whose hidden "${WEB_FORM_HONEYPOT_FIELD}" field is filled in as spam`, () => {
    const attempt = () =>
      parseWebForm({ ...complete, [WEB_FORM_HONEYPOT_FIELD]: 'http://cheap-pills.example' }, { receivedAt: RECEIVED });

    expect(attempt).toThrow(WebFormError);
    expect(attempt).toThrow('rejected as spam');
    try {
      attempt();
    } catch (err) {
      expect((err as WebFormError).spam).toBe(true);
      expect(err).toBeInstanceOf(UnparseableInput);
    }
  });

  it('accepts the honeypot left empty, as browsers post it', () => {
    expect(parseWebForm({ ...complete, [WEB_FORM_HONEYPOT_FIELD]: '' }, { receivedAt: RECEIVED }).channel).toBe(
      'web-form',
    );
  });

  it('refuses a body that is not a set of fields', () => {
    expect(fieldErrorsOf('name=Olivia')).toEqual({ form: 'We did not receive your form. Please try again.' });
  });
});
