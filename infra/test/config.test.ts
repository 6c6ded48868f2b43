import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { configFrom, PLACEHOLDER_RECIPIENT } from '../src/config.js';
import { createHousingInbox } from '../src/housing-inbox.js';
import { NO_BUNDLING } from './support/synth.js';

const config = (context: Record<string, unknown>) => configFrom(new App({ context }).node);

describe('deployment settings from CDK context', () => {
  it('reads recipients, policy, mail domain and alert address', () => {
    expect(
      config({ recipient: 'Contact@Blairtummock.example, repairs@blairtummock.example', policy: 'blairtummock' }),
    ).toEqual({
      recipients: ['contact@blairtummock.example', 'repairs@blairtummock.example'],
      policy: 'blairtummock',
      mailDomain: 'blairtummock.example',
      alertEmail: undefined,
      prefix: 'HousingInbox',
    });
    expect(config({ recipient: 'hightown.example' }).mailDomain).toBe('hightown.example');
  });

  it.each([
    ['a recipient that is not an address or domain', { recipient: 'not an address' }, /recipient/],
    ['an unknown policy preset', { policy: 'nowhere' }, /unknown preset "nowhere"/],
  ])('refuses %s', (_label, context, message) => {
    expect(() => config(context)).toThrow(message);
  });

  it('synthesises without a recipient, with a placeholder that matches no mail and a warning', () => {
    const inbox = createHousingInbox(new App({ context: NO_BUNDLING }));

    expect(inbox.config.recipients).toEqual([PLACEHOLDER_RECIPIENT]);
    const warnings = inbox.app.node.metadata.filter((m) => m.type === 'aws:cdk:warning').map((m) => String(m.data));
    expect(warnings).toContainEqual(expect.stringContaining('no "recipient" context'));
  });
});
