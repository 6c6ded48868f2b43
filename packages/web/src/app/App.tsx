/** The console shell: config, sign-in, the signed-in session, and the page for the current path. */
import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { createApi } from './api.js';
import { completeCognitoSignIn, forgetToken, rememberReturnTo, signOutUrl, storedToken, takeReturnTo } from './auth.js';
import { HeaderSearch } from './components/HeaderSearch.js';
import { type ConsoleConfig, loadConfig } from './config.js';
import { AtRiskPage } from './pages/AtRiskPage.js';
import { AuditPage } from './pages/AuditPage.js';
import { AutomatedPage } from './pages/AutomatedPage.js';
import { CasePage } from './pages/CasePage.js';
import { ContactPage } from './pages/ContactPage.js';
import { LettersPage } from './pages/LettersPage.js';
import { LogContactPage } from './pages/LogContactPage.js';
import { NotificationsLink, NotificationsPage } from './pages/NotificationsPage.js';
import { OfficersPage } from './pages/OfficersPage.js';
import { OutboxPage } from './pages/OutboxPage.js';
import { QuarantinePage } from './pages/QuarantinePage.js';
import { QueuePage } from './pages/QueuePage.js';
import { ReportsPage } from './pages/ReportsPage.js';
import { SearchPage } from './pages/SearchPage.js';
import { SignInPage } from './pages/SignInPage.js';
import { Link, navigate, useLocation } from './router.js';
import { type Session, SessionContext } from './session.js';
import type { Departments, Me, Officer } from './types.js';

const BASE = '/console';
/** Where sign-in lands: the manager's home is the overdue and at-risk view; everyone else's, their queues. */
const HOME = `${BASE}/home`;

export function App() {
  const [config, setConfig] = useState<ConsoleConfig | undefined>();
  const [configError, setConfigError] = useState<string | undefined>();
  const [token, setToken] = useState<string | null>(() => storedToken());
  const { path } = useLocation();

  useEffect(() => {
    loadConfig().then(setConfig, (err: Error) => setConfigError(err.message));
  }, []);

  const signedOut = useCallback(() => {
    forgetToken();
    setToken(null);
  }, []);

  if (configError)
    return (
      <Shell>
        <Problem title="The console is not set up">{configError}</Problem>
      </Shell>
    );
  if (!config)
    return (
      <Shell>
        <p role="status">Loading…</p>
      </Shell>
    );

  // The outbox is the local stack's own page: no sign-in, it only shows what would have been sent.
  if (path === `${BASE}/outbox` && !token) {
    return (
      <Shell config={config}>
        <OutboxPage />
      </Shell>
    );
  }
  if (path === `${BASE}/callback`) {
    return (
      <Shell config={config}>
        <Callback config={config} onToken={setToken} />
      </Shell>
    );
  }
  if (!token) {
    return (
      <Shell config={config}>
        <SignInPage
          config={config}
          onSignedIn={(t) => {
            setToken(t);
            navigate(takeReturnTo() ?? HOME, { replace: true });
          }}
        />
      </Shell>
    );
  }
  return <SignedIn config={config} token={token} onSignedOut={signedOut} />;
}

function SignedIn({ config, token, onSignedOut }: { config: ConsoleConfig; token: string; onSignedOut(): void }) {
  const { path } = useLocation();
  const api = useMemo(
    () =>
      createApi({
        baseUrl: config.apiBaseUrl,
        token: () => token,
        onUnauthorised: () => {
          rememberReturnTo(window.location.pathname + window.location.search);
          onSignedOut();
        },
      }),
    [config.apiBaseUrl, token, onSignedOut],
  );
  const [directory, setDirectory] = useState<{ me: Me; officers: Officer[]; departments: Departments }>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    let live = true;
    Promise.all([
      api.get('GET /api/me', {}),
      api.get('GET /api/officers', {}),
      api.get('GET /api/departments', {}),
    ]).then(
      ([me, officers, departments]) => live && setDirectory({ me, officers: officers.items, departments }),
      (err: Error) => live && setError(err.message),
    );
    return () => {
      live = false;
    };
  }, [api]);

  const session = useMemo<Session | undefined>(() => {
    if (!directory) return undefined;
    const names = new Map(directory.officers.map((o) => [o.id, o.name]));
    const departments = new Map(directory.departments.items.map((d) => [d.id, d.name]));
    return {
      config,
      api,
      ...directory,
      officerName: (id) => (id ? (names.get(id) ?? id) : 'Nobody yet'),
      departmentName: (id) => departments.get(id) ?? id,
      signOut: () => {
        const logout = signOutUrl(config);
        onSignedOut();
        if (logout) window.location.assign(logout);
        else navigate(`${BASE}/`);
      },
    };
  }, [directory, config, api, onSignedOut]);

  if (error)
    return (
      <Shell config={config}>
        <Problem title="Could not start the console">{error}</Problem>
      </Shell>
    );
  if (!session)
    return (
      <Shell config={config}>
        <p role="status">Loading your queues…</p>
      </Shell>
    );

  const caseMatch = /^\/console\/cases\/([A-Za-z0-9_-]+)$/.exec(path);
  const contactMatch = /^\/console\/contacts\/([A-Za-z0-9_-]+)$/.exec(path);
  let page: ReactNode;
  if (caseMatch) page = <CasePage caseRef={caseMatch[1] as string} />;
  else if (contactMatch) page = <ContactPage contactId={contactMatch[1] as string} />;
  else if (path === `${BASE}/notifications`) page = <NotificationsPage />;
  else if (path === `${BASE}/log-contact`) page = <LogContactPage />;
  else if (path === `${BASE}/letters`) page = <LettersPage />;
  else if (path === `${BASE}/officers`) page = <OfficersPage />;
  else if (path === `${BASE}/outbox`) page = <OutboxPage />;
  else if (path === `${BASE}/reports`) page = <ReportsPage />;
  else if (path === `${BASE}/automated`) page = <AutomatedPage />;
  else if (path === `${BASE}/quarantine`) page = <QuarantinePage />;
  else if (path === `${BASE}/audit`) page = <AuditPage />;
  else if (path === `${BASE}/search`) page = <SearchPage />;
  else if (path === `${BASE}/at-risk`) page = <AtRiskPage />;
  else if (path === HOME) page = <Landing role={session.me.role} />;
  else if (path === BASE || path === `${BASE}/` || path === `${BASE}/queue`) page = <QueuePage />;
  else
    page = (
      <Problem title="Page not found">
        There is no page at {path}. <Link href={`${BASE}/`}>Go to your queues</Link>.
      </Problem>
    );

  return (
    <SessionContext.Provider value={session}>
      <Shell config={config} session={session}>
        {page}
      </Shell>
    </SessionContext.Provider>
  );
}

function Landing({ role }: { role: string }) {
  useEffect(() => {
    navigate(role === 'manager' ? `${BASE}/at-risk` : `${BASE}/`, { replace: true });
  }, [role]);
  return <p role="status">Opening your home page…</p>;
}

function Callback({ config, onToken }: { config: ConsoleConfig; onToken(token: string): void }) {
  const [error, setError] = useState<string>();
  useEffect(() => {
    completeCognitoSignIn(config, window.location.search).then(
      (token) => {
        onToken(token);
        navigate(takeReturnTo() ?? HOME, { replace: true });
      },
      (err: Error) => setError(err.message),
    );
  }, [config, onToken]);
  if (error) {
    return (
      <Problem title="Sign-in did not work">
        {error} <Link href={`${BASE}/`}>Try again</Link>
      </Problem>
    );
  }
  return <p role="status">Signing you in…</p>;
}

function Shell({ config, session, children }: { config?: ConsoleConfig; session?: Session; children: ReactNode }) {
  const { path } = useLocation();
  const current = (href: string) => (path === href || (href === `${BASE}/` && path === BASE) ? 'page' : undefined);
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="site-header">
        <div className="brand">
          <span className="brand-name">Housing inbox</span>
          {session?.me.landlord ? <span className="brand-landlord">{session.me.landlord.name}</span> : null}
        </div>
        <nav aria-label="Console">
          <ul>
            {session ? (
              <li>
                <Link href={`${BASE}/`} aria-current={current(`${BASE}/`)}>
                  Queues
                </Link>
              </li>
            ) : null}
            {session ? (
              <li>
                <NotificationsLink href={`${BASE}/notifications`} current={current(`${BASE}/notifications`)} />
              </li>
            ) : null}
            {session && session.me.role !== 'contributor' ? (
              <li>
                <Link href={`${BASE}/log-contact`} aria-current={current(`${BASE}/log-contact`)}>
                  Log a contact
                </Link>
              </li>
            ) : null}
            {session && session.me.role !== 'contributor' ? (
              <li>
                <Link href={`${BASE}/letters`} aria-current={current(`${BASE}/letters`)}>
                  Letters to read
                </Link>
              </li>
            ) : null}
            {session ? (
              <li>
                <Link href={`${BASE}/officers`} aria-current={current(`${BASE}/officers`)}>
                  Officers
                </Link>
              </li>
            ) : null}
            {session?.me.role === 'manager' ? (
              <li>
                <Link href={`${BASE}/at-risk`} aria-current={current(`${BASE}/at-risk`)}>
                  Overdue and at risk
                </Link>
              </li>
            ) : null}
            {session?.me.role === 'manager' ? (
              <li>
                <Link href={`${BASE}/reports`} aria-current={current(`${BASE}/reports`)}>
                  Reports
                </Link>
              </li>
            ) : null}
            {session?.me.role === 'manager' ? (
              <li>
                <Link href={`${BASE}/automated`} aria-current={current(`${BASE}/automated`)}>
                  Automatic mail
                </Link>
              </li>
            ) : null}
            {session?.me.role === 'manager' ? (
              <li>
                <Link href={`${BASE}/quarantine`} aria-current={current(`${BASE}/quarantine`)}>
                  Quarantine
                </Link>
              </li>
            ) : null}
            {session?.me.role === 'manager' ? (
              <li>
                <Link href={`${BASE}/audit`} aria-current={current(`${BASE}/audit`)}>
                  Audit trail
                </Link>
              </li>
            ) : null}
            {config?.auth === 'local' ? (
              <li>
                <Link href={`${BASE}/outbox`} aria-current={current(`${BASE}/outbox`)}>
                  Outbox
                </Link>
              </li>
            ) : null}
          </ul>
        </nav>
        {session ? <HeaderSearch /> : null}
        {session ? (
          <div className="who">
            <span>
              Signed in as <strong>{session.me.officer?.name ?? 'unknown'}</strong> ({session.me.role},{' '}
              {session.departmentName(session.me.teamId)})
            </span>
            <button type="button" className="link-button" onClick={session.signOut}>
              Sign out
            </button>
          </div>
        ) : null}
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}

function Problem({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="problem" role="alert">
      <h1>{title}</h1>
      <p>{children}</p>
    </div>
  );
}
