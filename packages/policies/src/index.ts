import { readFileSync } from 'node:fs';
import { type LandlordPolicy, PolicyError, parsePolicy } from '@housing-inbox/core';
import { blairtummock } from './presets/blairtummock.js';
import { hightown } from './presets/hightown.js';

const SHIPPED = { hightown, blairtummock } as const;
const validated = new Map<string, LandlordPolicy>();

/** A shipped preset, validated the first time it is asked for (a function loads one, never both). */
function preset(id: keyof typeof SHIPPED): LandlordPolicy {
  let policy = validated.get(id);
  if (!policy) {
    policy = parsePolicy(SHIPPED[id], `preset "${id}"`);
    validated.set(id, policy);
  }
  return policy;
}

/**
 * The shipped presets, each validated on first read and the same object after:
 * validating both at import cost every Lambda start-up ~40 ms for a policy it
 * never uses. A broken preset still fails its tests (test/presets.test.ts).
 */
export const presets: Readonly<Record<string, LandlordPolicy>> = Object.freeze(
  Object.defineProperties(
    {},
    Object.fromEntries(
      (Object.keys(SHIPPED) as (keyof typeof SHIPPED)[]).map((id) => [id, { enumerable: true, get: () => preset(id) }]),
    ),
  ),
);

export const presetIds = Object.keys(SHIPPED);

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
