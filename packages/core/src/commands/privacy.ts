/**
 * Data protection on a case: a legal hold (nothing erased or aged out while it
 * stands) and the record of a disclosure to an outside body, which only the
 * officers the policy names may decide (Blairtummock policy 4.3: the Housing
 * Services Manager or the Director; UK GDPR Article 30 keeps the record).
 */

import type { CommandInput } from '../contracts/commands.js';
import { DisclosureInput, LegalHoldInput } from '../contracts/privacy.js';
import { disclosureDeciders, mayDecideDisclosure, privacyRulesOf } from '../privacy/policy.js';
import { type Change, CommandError, type Context, type Runner, requireManager } from './run.js';

export const privacyCommands = ({ command }: Runner) => ({
  legalHold: command(LegalHoldInput, 'legal hold', decideLegalHold),
  recordDisclosure: command(DisclosureInput, 'disclosure recorded', decideDisclosure),
});

export function decideLegalHold(ctx: Context, { hold, reason }: CommandInput<'legal-hold'>): Change {
  requireManager(ctx);
  if (hold === Boolean(ctx.kase.legalHold)) {
    throw new CommandError(
      'conflict',
      hold ? `${ctx.kase.ref} is already on legal hold` : `${ctx.kase.ref} is not on legal hold`,
    );
  }
  const { legalHold: _lifted, ...rest } = ctx.kase;
  return {
    case: hold ? { ...rest, legalHold: { by: ctx.actor.officerId, at: ctx.now, reason } } : rest,
    timeline: [
      ctx.entry(
        hold ? 'legal-hold-set' : 'legal-hold-lifted',
        hold
          ? `Legal hold placed: ${reason}. Nothing on this case is erased while it stands.`
          : `Legal hold lifted: ${reason}`,
        { hold, reason },
      ),
    ],
  };
}

export function decideDisclosure(ctx: Context, input: CommandInput<'disclosure'>): Change {
  const rules = privacyRulesOf(ctx.policy);
  const officer = ctx.officers.find((o) => o.id === ctx.actor.officerId);
  if (!mayDecideDisclosure(rules, { role: ctx.actor.role, jobTitle: officer?.jobTitle })) {
    throw new CommandError(
      'forbidden',
      `only ${disclosureDeciders(rules)} may decide to pass information to an outside body (${rules.disclosure.basis})`,
    );
  }
  const disclosure = { id: ctx.newId(), ...input, decidedBy: ctx.actor.officerId, at: ctx.now };
  return {
    case: { ...ctx.kase, disclosures: [...(ctx.kase.disclosures ?? []), disclosure] },
    timeline: [
      ctx.entry('disclosure-recorded', `Information passed to ${input.to}: ${input.what}`, {
        disclosureId: disclosure.id,
        to: input.to,
        lawfulBasis: input.lawfulBasis,
      }),
    ],
  };
}
