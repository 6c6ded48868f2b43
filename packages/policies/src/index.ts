import { readFileSync } from 'node:fs';
import { type LandlordPolicy, PolicyError, parsePolicy } from '@housing-inbox/core';
import { blairtummock } from './presets/blairtummock.js';
import { hightown } from './presets/hightown.js';

/**
 * The shipped presets, shipped already validated: each is exactly what
 * `parsePolicy` makes of it, which test/presets.test.ts proves for every
 * preset (a preset the schema refuses or changes fails `npm test`, so it never
 * ships). No function builds the policy schema or runs it on a preset at
 * start-up or on its first call: that cost every Lambda ~60–90 ms of CPU.
 * A policy from a JSON file is validated as it is read (`loadPolicy`).
 */
export const presets: Readonly<Record<string, LandlordPolicy>> = Object.freeze({ hightown, blairtummock });

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
  const preset = Object.hasOwn(presets, nameOrPath) ? presets[nameOrPath] : undefined;
  if (!preset) throw new PolicyError(`unknown policy "${nameOrPath}" (presets: ${presetIds.join(', ')})`);
  return preset;
}
