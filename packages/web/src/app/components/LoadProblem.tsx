/** A load that failed, said in words, with a way to try again. */
import { loadProblem } from '../errors.js';

export function LoadProblem({ error, what, onRetry }: { error: Error; what: string; onRetry(): void }) {
  return (
    <div className="load-problem" role="alert">
      <p className="error-message">{loadProblem(error, what)}</p>
      <button type="button" className="button button-secondary" onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}
