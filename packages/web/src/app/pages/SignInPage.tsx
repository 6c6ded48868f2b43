/** Local: choose one of the seeded officers. Cloud: Cognito's hosted sign-in (PKCE). */
import { type FormEvent, useEffect, useState } from 'react';
import { localOfficers, signInLocal, startCognitoSignIn } from '../auth.js';
import type { ConsoleConfig } from '../config.js';
import { usePageTitle } from '../hooks.js';
import { humanise } from '../queue.js';
import type { Officer } from '../types.js';

export function SignInPage({ config, onSignedIn }: { config: ConsoleConfig; onSignedIn(token: string): void }) {
  usePageTitle('Sign in');
  if (config.auth === 'cognito') return <CognitoSignIn config={config} />;
  return <LocalSignIn onSignedIn={onSignedIn} />;
}

function CognitoSignIn({ config }: { config: ConsoleConfig }) {
  const [error, setError] = useState<string>();
  return (
    <div className="narrow">
      <h1>Sign in</h1>
      <p>Use your landlord account. You will come back here once you have signed in.</p>
      {error ? (
        <p className="error-message" role="alert">
          {error}
        </p>
      ) : null}
      <button
        type="button"
        className="button"
        onClick={() => startCognitoSignIn(config).catch((err: Error) => setError(err.message))}
      >
        Sign in with your landlord account
      </button>
    </div>
  );
}

function LocalSignIn({ onSignedIn }: { onSignedIn(token: string): void }) {
  const [officers, setOfficers] = useState<Officer[]>();
  const [chosen, setChosen] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    localOfficers().then(
      (items) => {
        setOfficers(items);
        setChosen((c) => c || (items[0]?.id ?? ''));
      },
      (err: Error) => setError(`Could not list the local officers: ${err.message}`),
    );
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      onSignedIn(await signInLocal(chosen));
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const teams = [...new Set((officers ?? []).map((o) => o.teamId))];
  return (
    <div className="narrow">
      <h1>Sign in</h1>
      <p>
        This is the local stack: choose any of its seeded officers to act as them. In the cloud, officers sign in with
        their landlord account instead.
      </p>
      {error ? (
        <p className="error-message" role="alert">
          {error}
        </p>
      ) : null}
      {officers ? (
        <form onSubmit={submit} className="command">
          <div className="field">
            <label htmlFor="officer">Officer</label>
            <p className="hint" id="officer-hint">
              Grouped by department. Managers see every case; contributors answer their department’s requests.
            </p>
            <select
              id="officer"
              name="officerId"
              aria-describedby="officer-hint"
              value={chosen}
              onChange={(e) => setChosen(e.target.value)}
            >
              {teams.map((team) => (
                <optgroup key={team} label={humanise(team)}>
                  {officers
                    .filter((o) => o.teamId === team)
                    .map((o) => (
                      <option key={o.id} value={o.id}>
                        {o.name} — {o.role}
                      </option>
                    ))}
                </optgroup>
              ))}
            </select>
          </div>
          <div className="actions">
            <button type="submit" className="button" aria-disabled={busy || undefined}>
              Sign in
            </button>
          </div>
        </form>
      ) : error ? null : (
        <p role="status">Loading officers…</p>
      )}
    </div>
  );
}
