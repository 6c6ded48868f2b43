/**
 * Safety first (issue 11): an emergency keeps its emergency target even when
 * the message complains; likely hazards take their statutory clock from
 * receipt, flagged for an officer; a complaint with a repair names the second
 * clock (`also`) for ingest to run beside it.
 */
import { describe, expect, it } from 'vitest';
import { asksToEscalate, classify } from '../src/classify.js';
import type { InboundMessage } from '../src/inbound.js';
import type { LandlordPolicy } from '../src/policy.js';
import { blairtummock, hightown } from './support/context.js';
import { titled } from './support/titled.js';

const policies: Record<string, LandlordPolicy> = { hightown, blairtummock };

function message(text: string, over: Partial<InboundMessage> = {}): InboundMessage {
  return {
    channel: 'email',
    dedupeKey: 'k',
    receivedAt: '2027-01-12T10:00:00.000Z',
    from: { email: 'r@resident.example' },
    to: [],
    text,
    attachments: [],
    threading: { inReplyTo: [], references: [] },
    ...over,
  };
}

const JULY = '2027-07-13T10:00:00.000Z';

describe('classify: safety is never downgraded', () => {
  it.each(
    titled(
      [
        {
          label: 'complaint words with a gas smell',
          policy: 'hightown',
          text: 'This is unacceptable — I can smell gas in the kitchen',
          kind: 'hazard-emergency',
          sign: 'gas',
          also: 'complaint-stage-1',
        },
        {
          label: 'complaint words with a gas smell',
          policy: 'blairtummock',
          text: 'This is unacceptable — I can smell gas in the kitchen',
          kind: 'hazard-emergency',
          sign: 'gas',
          also: 'complaint-stage-1',
        },
        {
          label: 'a carbon monoxide alarm',
          policy: 'hightown',
          text: 'The carbon monoxide alarm keeps going off',
          kind: 'hazard-emergency',
          sign: 'carbon monoxide',
        },
        {
          label: 'exposed wiring, complaining',
          policy: 'blairtummock',
          text: 'I am disappointed nobody came. There are exposed wires in the hall',
          kind: 'hazard-emergency',
          sign: 'electrical danger',
          also: 'complaint-stage-1',
        },
        {
          label: 'flooding',
          policy: 'hightown',
          text: 'Burst pipe, water pouring through the ceiling',
          kind: 'hazard-emergency',
          sign: 'flooding',
        },
        {
          label: 'a collapsed ceiling',
          policy: 'blairtummock',
          text: 'Part of the ceiling has collapsed in the bedroom',
          kind: 'hazard-emergency',
          sign: 'structural danger',
        },
        {
          label: 'no heating in January with a baby, complaining',
          policy: 'hightown',
          text: 'I want to complain. There is no heating and my baby is freezing',
          kind: 'hazard-emergency',
          sign: 'no heating in the cold months for a vulnerable household',
          also: 'complaint-stage-1',
        },
        {
          label: 'no hot water for an elderly tenant',
          policy: 'blairtummock',
          text: 'My elderly mother has had no hot water for two days',
          kind: 'hazard-emergency',
          sign: 'no hot water for a vulnerable household',
        },
        {
          label: 'black mould',
          policy: 'hightown',
          text: 'There is black mould on the bedroom wall again',
          kind: 'hazard-damp-mould',
          sign: 'damp or mould',
        },
        {
          label: 'condensation and black spots, complaining',
          policy: 'blairtummock',
          text: 'I am not happy: condensation every morning and black spots round the window',
          kind: 'hazard-damp-mould',
          sign: 'damp or mould',
          also: 'complaint-stage-1',
        },
        {
          label: 'a leak into the wall',
          policy: 'hightown',
          text: 'Water from the flat upstairs is leaking into the wall',
          kind: 'hazard-damp-mould',
          sign: 'damp or mould',
        },
      ] as const,
      '$policy: $label → $kind',
    ),
  )('%s', (_title, row) => {
    const result = classify(policies[row.policy] as LandlordPolicy, message(row.text));
    expect(result.kind).toBe(row.kind);
    expect(result.category).toBe('repair');
    expect(result.hazard).toMatchObject({ kind: row.kind, sign: row.sign, status: 'suspected' });
    expect(result.also?.kind).toBe('also' in row ? row.also : undefined);
  });

  it('Blairtummock: an emergency repair that is not a hazard keeps its 24 hours, and the complaint runs too', () => {
    const result = classify(blairtummock, message('Unacceptable! No heating again', { receivedAt: JULY }));
    expect(result).toMatchObject({
      kind: 'repair-emergency',
      priority: 'emergency',
      also: { kind: 'complaint-stage-1' },
    });
    expect(result.hazard).toBeUndefined();
  });

  it('no heating in July for a household that names no vulnerability is not a hazard', () => {
    const result = classify(hightown, message('There is no heating and my baby is cold', { receivedAt: JULY }));
    expect(result.hazard).toBeUndefined();
    // Hightown sets no repair targets: the repair is answered like an email, and routed as a repair.
    expect(result).toMatchObject({ category: 'repair', priority: 'emergency', kind: 'email' });
  });

  it('a complaint that also asks for a repair: the complaint, with the repair beside it', () => {
    const result = classify(blairtummock, message('This is poor service. Please fix my broken cupboard door'));
    expect(result).toMatchObject({
      category: 'complaint',
      kind: 'complaint-stage-1',
      also: { category: 'repair', priority: 'standard', kind: 'repair-standard' },
    });
  });

  it('what a ruled-out hazard returns to is kept on the flag', () => {
    const result = classify(blairtummock, message('Damp patch under the window, please repair'));
    expect(result.hazard?.otherwise).toMatchObject({ category: 'repair', kind: 'repair-standard' });
    const complaint = classify(hightown, message('I complain about the mould'));
    expect(complaint.hazard?.otherwise).toMatchObject({ category: 'complaint', kind: 'complaint-stage-1' });
  });

  it.each(['When is my gas safety check?', 'Can I have a new parking permit?', 'Damper weather ahead'])(
    'no hazard in "%s"',
    (text) => {
      for (const policy of Object.values(policies)) expect(classify(policy, message(text)).hazard).toBeUndefined();
    },
  );

  it('a web-form complaint reporting exposed wiring is still the emergency', () => {
    const result = classify(
      hightown,
      message('Exposed wiring in the hall cupboard', { channel: 'web-form', form: { category: 'complaint' } }),
    );
    expect(result).toMatchObject({ kind: 'hazard-emergency', also: { category: 'complaint' } });
  });
});

describe('asksToEscalate: the policy’s escalation words, for ingest', () => {
  it.each(
    titled(
      [
        {
          text: 'I am not happy with your response and want to take this further',
          word: 'not happy with your response',
        },
        { text: 'Please escalate my complaint', word: 'escalate' },
        { text: 'I would like stage 2 please', word: 'stage 2' },
        { text: 'Thank you for fixing it', word: undefined },
      ],
      '"$text"',
    ),
  )('%s', (_title, { text, word }) => {
    expect(asksToEscalate(hightown, text)).toBe(word);
    expect(asksToEscalate(blairtummock, text)).toBe(word);
  });
});
