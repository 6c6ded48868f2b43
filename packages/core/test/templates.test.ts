import { parsePolicy, renderTemplate, unknownPlaceholders } from '@housing-inbox/core';
import { presets } from '@housing-inbox/policies';
import { describe, expect, it } from 'vitest';

describe('notice templates', () => {
  it('fills placeholders and leaves out ones without a value', () => {
    expect(
      renderTemplate('Ref {{ref}} by {{ respondBy }}{{reason}}.', { ref: 'HT-2026-000001', respondBy: 'Friday' }),
    ).toBe('Ref HT-2026-000001 by Friday.');
  });

  it('finds placeholders the product does not know', () => {
    expect(unknownPlaceholders('{{ref}} {{refrence}} {{name}}')).toEqual(['refrence']);
  });

  it('refuses a policy whose template has a typo in a placeholder, naming the template', () => {
    const broken = structuredClone(presets.hightown) as Record<string, unknown> & {
      notices: { templates: { acknowledgement: { body: string } } };
    };
    broken.notices.templates.acknowledgement.body = 'Your reference is {{refrence}}';
    expect(() => parsePolicy(broken, 'test policy')).toThrow(
      /notices\.templates\.acknowledgement\.body: unknown placeholder \{\{refrence\}\}/,
    );
  });
});
