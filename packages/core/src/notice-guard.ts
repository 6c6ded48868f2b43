/**
 * What keeps our automatic notices (acknowledgements, delay updates) from
 * feeding a loop with another help desk, or from answering a machine:
 * - none to an address whose mail was recognised as machine-made (a help
 *   desk's ticket acknowledgements, list or bulk mail: `ingest/automated.ts`
 *   remembers them);
 * - at most the policy's `inbound.automaticNoticesPerAddressPerDay` to one
 *   address in a local day.
 * Officers' own replies are never held. A held notice is recorded as skipped,
 * with the reason, like any notice that cannot go.
 */
import { calendarFor } from './calendar.js';
import type { Case } from './cases.js';
import type { Clock } from './clock.js';
import type { Notice } from './notices.js';
import type { OutboundChannel } from './outbound.js';
import { inboundRulesOf, type LandlordPolicy } from './policy.js';
import type { CaseRepository } from './ports.js';

/** The reason a notice must not go, or undefined when it may. */
export type NoticeGuard = (
  kase: Case,
  notice: Notice,
  to: { channel: OutboundChannel; to: string },
) => Promise<string | undefined>;

export interface NoticeGuardDeps {
  policy: LandlordPolicy;
  repository: Pick<CaseRepository, 'getAutomatedSender' | 'claimAutomaticNotice'>;
  clock: Clock;
}

export function automaticNoticeGuard(deps: NoticeGuardDeps): NoticeGuard {
  const { repository } = deps;
  // A repository that keeps no such records (an in-memory double) holds nothing back.
  if (typeof repository.getAutomatedSender !== 'function' || typeof repository.claimAutomaticNotice !== 'function') {
    return async () => undefined;
  }
  return async (_kase, notice, { channel, to }) => {
    if (notice.audience !== 'resident' || notice.sentBy !== 'system' || channel === 'letter') return undefined;
    const address = to.trim().toLowerCase();
    if (channel === 'email') {
      const machine = await repository.getAutomatedSender(address);
      if (machine) {
        return `the address sends automatic mail (${machine.category}, last seen ${machine.lastSeenAt.slice(0, 10)}), so no automatic notices go to it`;
      }
    }
    const { automaticNoticesPerAddressPerDay: limit } = inboundRulesOf(deps.policy);
    const now = deps.clock.now();
    const day = calendarFor(deps.policy).localDate(now);
    if (!(await repository.claimAutomaticNotice(address, day, limit, now.toISOString()))) {
      return `${limit} automatic notice${limit === 1 ? '' : 's'} already went to this ${channel === 'sms' ? 'number' : 'address'} today, the policy's daily limit`;
    }
    return undefined;
  };
}
