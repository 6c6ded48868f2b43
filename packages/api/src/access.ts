/** What each officer may see. Confidential by default: only staff who need a case see it. */
import type { Case } from '@housing-inbox/core';
import type { Principal } from './auth.js';

export function canSeeAllCases(p: Principal): boolean {
  return p.role === 'manager';
}

export function canSeeCase(p: Principal, kase: Case): boolean {
  if (p.role === 'manager') return true;
  if (kase.ownerId === p.officerId) return true;
  // A restricted case is for its owner and managers only.
  if (kase.restricted) return false;
  return kase.teamId === p.teamId;
}
