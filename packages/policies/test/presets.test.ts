import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeTargets, type LandlordPolicy, PolicyError, parsePolicy } from '@housing-inbox/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy, presetIds, presets } from '../src/index.js';
import { titled } from './support/titled.js';

describe('presets', () => {
  it('ships exactly hightown and blairtummock', () => {
    expect(presetIds).toEqual(['hightown', 'blairtummock']);
  });

  it.each(
    titled(
      [
        { id: 'hightown', name: 'Hightown', nation: 'GB-ENG', regulator: 'housing-ombudsman', prefix: 'HT' },
        {
          id: 'blairtummock',
          name: 'Blairtummock Housing Association',
          nation: 'GB-SCT',
          regulator: 'spso',
          prefix: 'BT',
        },
      ],
      '$id loads by name: $nation bank holidays, $regulator complaints',
    ),
  )('%s', (_title, { id, name, nation, regulator, prefix }) => {
    // Act
    const policy = loadPolicy(id);

    // Assess
    expect(policy).toBe(presets[id]);
    expect(policy).toMatchObject({
      id,
      name,
      bankHolidays: nation,
      regulator,
      caseReferencePrefix: prefix,
      timeZone: 'Europe/London',
      officeHours: { opens: '09:00', closes: '17:00' },
    });
  });

  /** The seed policies' timescales (DESIGN.md) and the regulators' complaint rules, as data. */
  it.each(
    titled(
      [
        { policy: 'hightown', kind: 'phone-message', acknowledge: null, respond: { workingDays: 2, from: 'receipt' } },
        { policy: 'hightown', kind: 'email', acknowledge: null, respond: { workingDays: 10, from: 'receipt' } },
        { policy: 'hightown', kind: 'letter', acknowledge: null, respond: { workingDays: 10, from: 'receipt' } },
        { policy: 'hightown', kind: 'sms', acknowledge: null, respond: { workingDays: 10, from: 'receipt' } },
        { policy: 'hightown', kind: 'web-form', acknowledge: null, respond: { workingDays: 10, from: 'receipt' } },
        {
          policy: 'hightown',
          kind: 'complaint-stage-1',
          acknowledge: { workingDays: 5 },
          respond: { workingDays: 10, from: 'acknowledgement' },
        },
        {
          policy: 'hightown',
          kind: 'complaint-stage-2',
          acknowledge: { workingDays: 5 },
          respond: { workingDays: 20, from: 'acknowledgement' },
        },
        {
          policy: 'blairtummock',
          kind: 'phone-message',
          acknowledge: null,
          respond: { workingDays: 0, from: 'receipt' },
        },
        {
          policy: 'blairtummock',
          kind: 'email',
          acknowledge: { workingDays: 3 },
          respond: { workingDays: 10, from: 'receipt' },
        },
        {
          policy: 'blairtummock',
          kind: 'letter',
          acknowledge: { workingDays: 3 },
          respond: { workingDays: 10, from: 'receipt' },
        },
        {
          policy: 'blairtummock',
          kind: 'sms',
          acknowledge: { workingDays: 3 },
          respond: { workingDays: 10, from: 'receipt' },
        },
        {
          policy: 'blairtummock',
          kind: 'web-form',
          acknowledge: { workingDays: 3 },
          respond: { workingDays: 10, from: 'receipt' },
        },
        {
          policy: 'blairtummock',
          kind: 'complaint-stage-1',
          acknowledge: null,
          respond: { workingDays: 5, from: 'receipt' },
        },
        {
          policy: 'blairtummock',
          kind: 'complaint-stage-2',
          acknowledge: { workingDays: 3 },
          respond: { workingDays: 20, from: 'receipt' },
        },
        { policy: 'blairtummock', kind: 'repair-emergency', acknowledge: null, respond: { hours: 24 } },
        {
          policy: 'blairtummock',
          kind: 'repair-urgent',
          acknowledge: null,
          respond: { workingDays: 5, from: 'receipt' },
        },
        {
          policy: 'blairtummock',
          kind: 'repair-standard',
          acknowledge: null,
          respond: { workingDays: 10, from: 'receipt' },
        },
        {
          policy: 'blairtummock',
          kind: 'repair-programmed',
          acknowledge: null,
          respond: { workingDays: 30, from: 'receipt' },
        },
      ] as const,
      '$policy $kind: acknowledge $acknowledge, respond $respond',
    ),
  )('%s', (_title, { policy, kind, acknowledge, respond }) => {
    expect(presets[policy]?.targets[kind]).toMatchObject({ acknowledge, respond });
  });

  it.each(['repair-emergency', 'repair-urgent', 'repair-standard', 'repair-programmed'] as const)(
    'hightown sets no %s target (its policy sets no repair timescales)',
    (kind) => {
      expect(presets.hightown?.targets[kind]).toBeUndefined();
    },
  );

  it.each(
    titled(
      [
        { policy: 'hightown', kind: 'sms' },
        { policy: 'hightown', kind: 'web-form' },
        { policy: 'blairtummock', kind: 'sms' },
        { policy: 'blairtummock', kind: 'web-form' },
      ] as const,
      '$policy $kind: the seed is silent, so the preset says what it assumes',
    ),
  )('%s', (_title, { policy, kind }) => {
    expect(presets[policy]?.targets[kind]?.basis).toMatch(/^Assumed:/);
  });

  it.each(
    titled(
      [
        { policy: 'hightown', stage1: 10, stage2: 20 },
        { policy: 'blairtummock', stage1: 5, stage2: 20 },
      ] as const,
      '$policy allows complaint extensions of $stage1 / $stage2 working days',
    ),
  )('%s', (_title, { policy, stage1, stage2 }) => {
    expect(presets[policy]?.extensions['complaint-stage-1']?.maxWorkingDays).toBe(stage1);
    expect(presets[policy]?.extensions['complaint-stage-2']?.maxWorkingDays).toBe(stage2);
  });

  it.each(presetIds)('%s: every category routes to a department it lists', (id) => {
    // Prepare
    const policy = presets[id] as LandlordPolicy;
    const departments = new Set(policy.departments.map((d) => d.id));

    // Assess
    expect(policy.categories.filter((c) => !departments.has(c.department))).toEqual([]);
    expect(policy.categories.some((c) => c.treatAs === 'complaint')).toBe(true);
  });

  // Presets are not validated when they load (no function builds the policy schema at start-up):
  // this is what makes that safe. A preset the schema refuses, or would change, fails here.
  it.each(presetIds)('%s ships validated: it is exactly what parsePolicy makes of it', (id) => {
    const preset = presets[id];
    expect(parsePolicy(preset, `preset "${id}"`)).toStrictEqual(preset);
  });

  it('a preset validation would change is told apart from one it leaves as it is', () => {
    // Prepare: a relay address as an operator might type it; validation trims and lower-cases it.
    const typed = {
      ...(presets.hightown as LandlordPolicy),
      inbound: { relayAddresses: [' Forms@Relay.Example '], automaticNoticesPerAddressPerDay: 3, basis: 'test' },
    };

    // Act
    const validated = parsePolicy(typed);

    // Assess
    expect(validated).not.toStrictEqual(typed);
    expect(validated.inbound?.relayAddresses).toEqual(['forms@relay.example']);
  });
});

describe('loadPolicy from a file', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'housing-inbox-policies-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  function write(name: string, content: string): string {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  }

  it('loads a landlord written as JSON, closure days included', () => {
    // Prepare
    const glenview = {
      ...presets.blairtummock,
      id: 'glenview',
      name: 'Glenview Housing Co-operative',
      caseReferencePrefix: 'GV',
      closureDays: [{ date: '2026-06-09', reason: 'staff training' }],
    };
    const path = write('glenview.json', JSON.stringify(glenview, null, 2));

    // Act
    const policy = loadPolicy(path);
    const targets = computeTargets(policy, { kind: 'repair-urgent', received: new Date('2026-06-08T10:00:00Z') });

    // Assess: 5 working days from Mon 8 Jun, skipping the closure on the 9th
    expect(policy.id).toBe('glenview');
    expect(policy.bankHolidays).toBe('GB-SCT');
    expect(targets.respondBy).toBe('2026-06-16');
  });

  it.each(
    titled(
      [
        {
          label: 'broken JSON',
          file: 'broken.json',
          content: '{"id": "broken",',
          problem: /cannot read policy file .*broken\.json/,
        },
        { label: 'an empty file', file: 'empty.json', content: '', problem: /cannot read policy file .*empty\.json/ },
        {
          label: 'valid JSON that is not a valid policy',
          file: 'invalid.json',
          content: JSON.stringify({ ...presets.hightown, caseReferencePrefix: 'hightown' }),
          problem: /policy file .*invalid\.json is invalid: caseReferencePrefix: expected 2 to 4 capital letters/,
        },
      ],
      '$label gives a PolicyError naming the problem',
    ),
  )('%s', (_title, { file, content, problem }) => {
    // Prepare
    const path = write(file, content);

    // Act
    const act = () => loadPolicy(path);

    // Assess
    expect(act).toThrow(PolicyError);
    expect(act).toThrow(problem);
  });

  it('a file that does not exist gives a PolicyError naming the file', () => {
    // Act
    const act = () => loadPolicy(join(dir, 'missing.json'));

    // Assess
    expect(act).toThrow(PolicyError);
    expect(act).toThrow(/cannot read policy file .*missing\.json: ENOENT/);
  });
});

describe('loadPolicy by name', () => {
  it.each(['nope', 'Hightown', '', 'hightown.yaml', 'toString', 'constructor'])(
    'unknown preset "%s" gives a PolicyError listing the presets',
    (name) => {
      // Act
      const act = () => loadPolicy(name);

      // Assess
      expect(act).toThrow(PolicyError);
      expect(act).toThrow(`unknown policy "${name}" (presets: hightown, blairtummock)`);
    },
  );
});
