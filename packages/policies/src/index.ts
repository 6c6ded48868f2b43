import { readFileSync } from 'node:fs';
import { type LandlordPolicy, PolicyError, parsePolicy } from '@housing-inbox/core';
import { blairtummock } from './presets/blairtummock.js';
import { hightown } from './presets/hightown.js';

/** Every preset this package ships, whether or not this build carries it. */
export const SHIPPED_PRESETS = ['hightown', 'blairtummock'] as const;

/**
 * The presets this build carries, already validated: each is exactly what
 * `parsePolicy` makes of it, which test/presets.test.ts proves for every
 * preset (a preset the schema refuses or changes fails `npm test`, so it never
 * ships). No function builds the policy schema or runs it on a preset at
 * start-up or on its first call: that cost every Lambda ~60–90 ms of CPU.
 * A policy from a JSON file is validated as it is read (`loadPolicy`).
 *
 * A Lambda bundle is built for one landlord (infra/src/bundling.ts `definesOf`
 * replaces `process.env.INBOX_BUILD_LANDLORD` with the deployment's `policy`):
 * esbuild then keeps that preset alone (~13 KB each). Unbundled — the local
 * stack, the CLI, tests — the variable is unset and every preset is here.
 */
export const presets: Readonly<Record<string, LandlordPolicy>> = Object.freeze({
  ...(process.env.INBOX_BUILD_LANDLORD === undefined || process.env.INBOX_BUILD_LANDLORD === 'hightown'
    ? { hightown }
    : {}),
  ...(process.env.INBOX_BUILD_LANDLORD === undefined || process.env.INBOX_BUILD_LANDLORD === 'blairtummock'
    ? { blairtummock }
    : {}),
});

export const presetIds = Object.keys(presets);

/**
 * A policy by preset name, or from a JSON file when given a path ending in
 * `.json` (how an operator adds a landlord without changing code).
 * Errors (`PolicyError`): an unreadable or invalid file; an unknown name; a
 * shipped preset this bundle was not built for (another deployment's landlord).
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
  if (preset) return preset;
  if ((SHIPPED_PRESETS as readonly string[]).includes(nameOrPath)) {
    throw new PolicyError(
      `policy "${nameOrPath}" is not in this build: it was bundled for ${presetIds.join(', ')} alone ` +
        '(one landlord per deployment: infra config "policy" names it)',
    );
  }
  throw new PolicyError(`unknown policy "${nameOrPath}" (presets: ${presetIds.join(', ')})`);
}
