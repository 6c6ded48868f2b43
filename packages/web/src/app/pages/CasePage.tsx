/**
 * One case: the resident, every message and timeline entry in order, the
 * targets, the department requests and their answers, the collated reply,
 * and every command as a form. Polls so it follows changes made elsewhere.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { AnnounceContext, StatusToast } from '../components/Form.js';
import { LoadProblem } from '../components/LoadProblem.js';
import { usePageTitle, usePolling } from '../hooks.js';
import { Link, navigate } from '../router.js';
import { useSession } from '../session.js';
import { CaseActions } from './case/CaseActions.js';
import { CaseHeader } from './case/CaseHeader.js';
import { DataProtectionSection } from './case/DataProtectionSection.js';
import { MessagesSection } from './case/MessagesSection.js';
import { ReplySection } from './case/ReplySection.js';
import { RequestsSection } from './case/RequestsSection.js';
import { ResidentSection } from './case/ResidentSection.js';
import { type CaseSectionProps, useCaseAccess } from './case/shared.js';
import { TakeButton } from './case/TakeButton.js';
import { TargetsSection } from './case/TargetsSection.js';
import { TimelineSection } from './case/TimelineSection.js';

export function CasePage({ caseRef }: { caseRef: string }) {
  const session = useSession();
  const { data, error, setData, refresh } = usePolling(
    (signal) => session.api.get('GET /api/cases/{ref}', { ref: caseRef }, { signal }),
    caseRef,
  );
  usePageTitle(`Case ${caseRef}`, caseRef);
  // A merged-away reference answers with the case it was merged into: show that case's own address.
  const survivor = data && data.ref !== caseRef ? data.ref : undefined;
  useEffect(() => {
    if (survivor) navigate(`/console/cases/${survivor}`, { replace: true });
  }, [survivor]);

  if (error && !data) {
    return (
      <>
        <h1>Case {caseRef}</h1>
        <LoadProblem error={error} what="case" onRetry={() => void refresh()} />
        <p>
          <Link href="/console/">Back to your queues</Link>
        </p>
      </>
    );
  }
  if (!data) {
    return (
      <>
        <h1>Case {caseRef}</h1>
        <p role="status">Loading the case…</p>
      </>
    );
  }
  return <CaseView kase={data} onChange={setData} stale={Boolean(error)} />;
}

function useAnnouncer(): [string | undefined, (message: string) => void] {
  const [message, setMessage] = useState<string>();
  const timer = useRef<number | undefined>(undefined);
  const announce = useCallback((text: string) => {
    window.clearTimeout(timer.current);
    setMessage(text);
    timer.current = window.setTimeout(() => setMessage(undefined), 10_000);
  }, []);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  return [message, announce];
}

function CaseView({ kase, onChange, stale }: CaseSectionProps & { stale: boolean }) {
  const { owner, runs, contributor, closed } = useCaseAccess(kase);
  const [message, announce] = useAnnouncer();

  return (
    <AnnounceContext.Provider value={announce}>
      <StatusToast message={message} />
      <CaseHeader kase={kase} stale={stale} />
      {!owner && !closed && !contributor ? <TakeButton kase={kase} onChange={onChange} /> : null}

      <div className="case-layout">
        <div className="case-main">
          <MessagesSection kase={kase} />
          <RequestsSection kase={kase} onChange={onChange} runs={runs} />
          {runs && !closed ? <ReplySection kase={kase} onChange={onChange} /> : null}
          <TimelineSection kase={kase} />
        </div>
        <div className="case-side">
          <ResidentSection kase={kase} />
          <TargetsSection kase={kase} />
          <DataProtectionSection kase={kase} onChange={onChange} />
          <section className="case-actions" aria-labelledby="actions-heading">
            <h2 id="actions-heading">Actions</h2>
            <CaseActions kase={kase} onChange={onChange} />
          </section>
        </div>
      </div>
    </AnnounceContext.Provider>
  );
}
