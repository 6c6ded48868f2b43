import { readFileSync } from 'node:fs';
import { type LandlordPolicy, PolicyError, parsePolicy } from '@housing-inbox/core';
import { blairtummock } from './presets/blairtummock.js';
import { hightown } from './presets/hightown.js';

/** The shipped presets, validated once when this module loads: a broken preset fails every test. */
export const presets: Readonly<Record<string, LandlordPolicy>> = Object.freeze({
  hightown: parsePolicy(hightown, 'preset "hightown"'),
  blairtummock: parsePolicy(blairtummock, 'preset "blairtummock"'),
});

export const presetIds = Object.keys(presets);

/**
 * A policy by preset name, or from a JSON file when given a path ending in
 * `.json` (how an operator adds a landlord without changing code).
 */
export function loadPolicy(nameOrPath: string): LandlordPolicy {
  if (nameOrPath.endsWith('.json')) {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(nameOrPath, 'utf8'));
    } catch (err) {
      throw new PolicyError(`cannot read policy file ${nameOrPath}: ${(err as Error).message}`);
    }
    return parsePolicy(raw, `policy file ${nameOrPath}`);
  }
  const preset = presets[nameOrPath];
  if (!preset) throw new PolicyError(`unknown policy "${nameOrPath}" (presets: ${presetIds.join(', ')})`);
  return preset;
}
