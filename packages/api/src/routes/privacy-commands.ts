/** The data-protection commands on a case (their lines in the command table) and the audit record every privacy route writes. */
import { randomUUID } from 'node:crypto';
import type { Actor, AuditEntry, CaseCommands, CaseWithHistory } from '@housing-inbox/core';
import type { CommandInput } from '@housing-inbox/core/contracts';
import type { ApiDeps } from './shared.js';

interface PrivacyLine<I> {
  summary: string;
  who: string;
  note?: string;
  run(commands: CaseCommands, actor: Actor, ref: string, input: I): Promise<CaseWithHistory>;
  audit(input: I, found: CaseWithHistory): Pick<AuditEntry, 'action' | 'detail'>;
}

export const PRIVACY_COMMAND_LINES: {
  'legal-hold': PrivacyLine<CommandInput<'legal-hold'>>;
  disclosure: PrivacyLine<CommandInput<'disclosure'>>;
} = {
  'legal-hold': {
    summary: 'Place or lift a legal hold: while it stands, neither erasure nor retention touches the case',
    who: 'manager',
    note: '409 when the case already is (or is not) on hold. Recorded on the audit trail.',
    run: (c, a, ref, b) => c.legalHold(a, ref, b),
    audit: ({ hold, reason }) => ({ action: hold ? 'legal-hold-set' : 'legal-hold-lifted', detail: { reason } }),
  },
  disclosure: {
    summary: 'Record a decision to pass information to an outside body: to whom, what, why, on what lawful basis',
    who: 'the officers the policy names (Blairtummock 4.3: the Housing Services Manager or the Director; Hightown: a manager)',
    note: '403 for anyone else, a manager too. Listed on the case and in the audit trail (`GET /api/audit?type=disclosure`).',
    run: (c, a, ref, b) => c.recordDisclosure(a, ref, b),
    audit: (input, found) => ({
      action: 'disclosure-recorded',
      detail: { ...input, disclosureId: found.case.disclosures?.at(-1)?.id ?? '' },
    }),
  },
};

/** Appends one act to the audit trail: who (the caller), when (the stack's clock), and what. */
export async function recordAct(
  deps: Pick<ApiDeps, 'audit' | 'clock'>,
  actor: Pick<Actor, 'officerId'>,
  act: Omit<AuditEntry, 'id' | 'at' | 'officerId'>,
): Promise<void> {
  await deps.audit.record({ id: randomUUID(), at: deps.clock.now().toISOString(), officerId: actor.officerId, ...act });
}
