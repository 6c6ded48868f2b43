/** What the case page's sections share: who may act on the case, and where its commands go. */
import { isManager, myId, useSession } from '../../session.js';
import type { CaseDetail } from '../../types.js';

/** A section that shows the case and can replace it with a command's answer. */
export interface CaseSectionProps {
  kase: CaseDetail;
  onChange(c: CaseDetail): void;
}

/** The signed-in officer's standing on this case. */
export function useCaseAccess(kase: CaseDetail) {
  const session = useSession();
  const manager = isManager(session);
  const owner = kase.ownerId === myId(session);
  return {
    manager,
    owner,
    /** The owner and managers run the case's commands. */
    runs: owner || manager,
    contributor: session.me.role === 'contributor',
    closed: kase.status === 'closed',
  };
}

/** `/api/cases/{ref}/…` for a command on the case. */
export function commandPath(kase: CaseDetail, command: string): string {
  return `/api/cases/${kase.ref}/${command}`;
}

/** The response target in force: an agreed date or extension, else the policy's. */
export function responseTarget(kase: CaseDetail): string {
  return kase.effectiveRespondBy ?? kase.targets.respondBy;
}
