/**
 * Acting on the selected cases together, with the same commands as one case:
 * take them, or (managers) reassign them with a reason. Each case is its own
 * command, so one refusal does not undo the others; the result says which.
 */
import { useState } from 'react';
import { useSession } from '../../session.js';

export function BulkActions({ refs, canReassign, onDone }: { refs: string[]; canReassign: boolean; onDone(): void }) {
  const session = useSession();
  const [ownerId, setOwnerId] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<string>();
  const [problem, setProblem] = useState<string>();

  async function each(verb: string, run: (ref: string) => Promise<unknown>) {
    setBusy(true);
    setResult(undefined);
    const outcomes = await Promise.allSettled(refs.map(run));
    const failed = outcomes
      .map((o, i) => (o.status === 'rejected' ? `${refs[i]} (${(o.reason as Error).message})` : undefined))
      .filter(Boolean);
    const done = outcomes.length - failed.length;
    setBusy(false);
    setResult(
      `${done} ${done === 1 ? 'case' : 'cases'} ${verb}.${failed.length ? ` Not ${verb}: ${failed.join('; ')}.` : ''}`,
    );
    if (done > 0) onDone();
  }

  const take = () => each('taken', (ref) => session.api.send('POST /api/cases/{ref}/take', { ref }, {}));
  const reassign = () => {
    if (!ownerId) return setProblem('Choose who the cases go to');
    if (!reason.trim()) return setProblem('Say why the cases move (the residents’ records keep it)');
    setProblem(undefined);
    return each('reassigned', (ref) =>
      session.api.send('POST /api/cases/{ref}/reassign', { ref }, { ownerId, reason: reason.trim() }),
    );
  };

  return (
    <section className="bulk-actions" aria-label="Act on the selected cases">
      <p>
        <strong>
          {refs.length} {refs.length === 1 ? 'case' : 'cases'} selected
        </strong>
      </p>
      <button type="button" onClick={() => void take()} disabled={busy}>
        Take {refs.length === 1 ? 'it' : 'them'}
      </button>
      {canReassign ? (
        <div className="bulk-reassign">
          <div className="field">
            <label htmlFor="bulk-owner">Reassign to</label>
            <select id="bulk-owner" value={ownerId} onChange={(e) => setOwnerId(e.target.value)}>
              <option value="">Choose an officer</option>
              {session.officers
                .filter((o) => o.active && o.role !== 'contributor')
                .map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name} ({session.departmentName(o.teamId)})
                  </option>
                ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="bulk-reason">Why</label>
            <input id="bulk-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
          </div>
          <button type="button" onClick={() => void reassign()} disabled={busy}>
            Reassign
          </button>
        </div>
      ) : null}
      {problem ? (
        <p className="error-message" role="alert">
          {problem}
        </p>
      ) : null}
      {result ? <p role="status">{result}</p> : null}
    </section>
  );
}
