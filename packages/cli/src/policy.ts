import { type LandlordPolicy, PolicyError } from '@housing-inbox/core';
import { loadPolicy } from '@housing-inbox/policies';
import { UsageError } from './cli.js';

export function policyOrUsageError(nameOrPath: string): LandlordPolicy {
  try {
    return loadPolicy(nameOrPath);
  } catch (err) {
    if (err instanceof PolicyError) throw new UsageError(err.message);
    throw err;
  }
}
