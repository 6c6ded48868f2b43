/** What the case page's sections share: who may act on the case, and where its commands go. */
import type { CaseCommandName, RequestCommandName } from '@housing-inbox/core/contracts';
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

/** `POST /api/cases/{ref}/<name>`: a command on the case, by its name in the contracts. */
export function caseCommand<N extends CaseCommandName>(kase: CaseDetail, name: N) {
  return { route: `POST /api/cases/{ref}/${name}` as const, params: { ref: kase.ref } };
}

/** `POST /api/cases/{ref}/requests/{id}/<name>`: a command on one of the case's department requests. */
export function requestCommand<N extends RequestCommandName>(kase: CaseDetail, requestId: string, name: N) {
  return { route: `POST /api/cases/{ref}/requests/{id}/${name}` as const, params: { ref: kase.ref, id: requestId } };
}
