/**
 * The monthly report for managers (GET /api/reports/monthly?month=YYYY-MM):
 * a month picker, the figures as tables, and a CSV of the same figures built
 * in the browser and saved from a blob URL (no server round trip, no inline script).
 */
import { type FormEvent, useEffect, useState } from 'react';
import { ApiError } from '../api.js';
import { formatInstant } from '../format.js';
import { usePageTitle } from '../hooks.js';
import {
  currentMonth,
  isEmptyReport,
  isMonth,
  monthLabel,
  onTimeRateShort,
  onTimeRateText,
  type ReportTable,
  reportCsv,
  reportFilename,
  reportTables,
  trendTable,
  twelveMonthsTo,
} from '../report.js';
import { navigate, useLocation } from '../router.js';
import { isManager, useSession } from '../session.js';
import type { MonthlyReport } from '../types.js';
import { ChannelChart, StandardsChart, TrendCharts } from './ReportCharts.js';
import { FigureTable, saveCsv } from './ReportTables.js';

const PATH = '/console/reports';
const FIELD_ID = 'report-month';

type Load =
  | { state: 'loading'; month: string }
  | { state: 'loaded'; month: string; report: MonthlyReport; trend?: MonthlyReport[] }
  | { state: 'failed'; month: string; error: Error };

function problemText(err: Error): string {
  if (err instanceof ApiError) {
    if (err.status === 403) return 'Only managers can see the monthly report.';
    if (err.status === 404) return 'This server does not have the monthly report yet. Try again later.';
    if (err.status === 400) return `The month was not accepted: ${Object.values(err.fields)[0] ?? err.message}.`;
  }
  return err.message;
}

export function ReportsPage() {
  usePageTitle('Monthly report');
  const session = useSession();
  const { query } = useLocation();
  // The stack's month (the report answers with it when asked for none), not the browser's: the stack's clock rules.
  const [stackMonth, setStackMonth] = useState<string>();
  const thisMonth = stackMonth ?? currentMonth();
  const asked = query.get('month') ?? '';
  const month = isMonth(asked) && (!stackMonth || asked <= stackMonth) ? asked : (stackMonth ?? '');

  const [draft, setDraft] = useState(month);
  const [fieldError, setFieldError] = useState<string>();
  const [reload, setReload] = useState(0);
  const [load, setLoad] = useState<Load>({ state: 'loading', month });
  const [saved, setSaved] = useState('');
  const manager = isManager(session);

  // The URL changed (back button, a shared link): the picker follows it.
  useEffect(() => {
    setDraft(month);
    setFieldError(undefined);
  }, [month]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `reload` asks for the same month again
  useEffect(() => {
    if (!manager) return;
    const ctrl = new AbortController();
    setLoad({ state: 'loading', month });
    setSaved('');
    const get = (m: string | undefined) =>
      session.api.get('GET /api/reports/monthly', {}, { query: m ? { month: m } : {}, signal: ctrl.signal });
    get(month || undefined).then(
      (report) => {
        if (ctrl.signal.aborted) return;
        if (!month) {
          // First visit: the stack said which month it is; the picker and the URL follow.
          setStackMonth(report.month);
          return;
        }
        setLoad({ state: 'loaded', month, report });
        // The trend: the eleven months before, read alongside (each a bounded read of its month).
        const earlier = twelveMonthsTo(month).slice(0, -1);
        Promise.all(earlier.map(get)).then(
          (before) => {
            if (!ctrl.signal.aborted) setLoad({ state: 'loaded', month, report, trend: [...before, report] });
          },
          () => {},
        );
      },
      (err: Error) => {
        if (!ctrl.signal.aborted) setLoad({ state: 'failed', month, error: err });
      },
    );
    return () => ctrl.abort();
  }, [session.api, month, manager, reload]);

  if (!manager) {
    return (
      <div className="problem" role="alert">
        <h1>Monthly report</h1>
        <p>Only managers can see the monthly report.</p>
      </div>
    );
  }

  const choose = (value: string): string | undefined => {
    if (!isMonth(value)) return 'Enter a month as year and month, for example 2026-12.';
    if (value > thisMonth) return `Choose ${monthLabel(thisMonth)} or an earlier month.`;
    return undefined;
  };

  const show = (value: string) => {
    if (value === month) setReload((n) => n + 1);
    else navigate(`${PATH}?month=${value}`, { replace: true });
  };

  const onChange = (value: string) => {
    setDraft(value);
    // The native picker gives '' until the month is complete; a text fallback waits for the button.
    if (!choose(value)) {
      setFieldError(undefined);
      if (value !== month) show(value);
    }
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const problem = choose(draft);
    setFieldError(problem);
    if (!problem) show(draft);
  };

  const download = (report: MonthlyReport) => {
    setSaved(`Saved ${saveCsv(reportCsv(report), reportFilename(report))}.`);
  };

  const report = load.state === 'loaded' ? load.report : undefined;
  const label = monthLabel(month);
  const hintId = `${FIELD_ID}-hint`;
  const errorId = `${FIELD_ID}-error`;

  return (
    <>
      <h1>Monthly report</h1>
      <p>
        Contacts, cases and how well targets were met, counted by the month each contact arrived (UK time). Cases still
        open are counted as they stand now.
      </p>

      <form className="filters report-month" onSubmit={onSubmit} noValidate aria-label="Choose a month">
        <div className={`field${fieldError ? ' field-error' : ''}`}>
          <label htmlFor={FIELD_ID}>Month</label>
          <p className="hint" id={hintId}>
            Type it or use the arrow keys, for example {thisMonth} for {monthLabel(thisMonth)}.
          </p>
          {fieldError ? (
            <p className="error-message" id={errorId}>
              {fieldError}
            </p>
          ) : null}
          <div className="field-inline">
            <input
              id={FIELD_ID}
              name="month"
              type="month"
              value={draft}
              max={thisMonth}
              required
              aria-describedby={fieldError ? `${hintId} ${errorId}` : hintId}
              aria-invalid={fieldError ? true : undefined}
              onChange={(e) => onChange(e.target.value)}
            />
            <button type="submit" className="button button-secondary">
              Show report
            </button>
          </div>
        </div>
      </form>

      <p role="status" className="count">
        {load.state === 'loading'
          ? `Loading the figures for ${label}…`
          : load.state === 'loaded'
            ? `Showing ${load.report.landlord.name}’s figures for ${label}.`
            : ''}
      </p>

      {load.state === 'failed' ? (
        <div className="error-summary" role="alert">
          <h2>The report for {label} could not be loaded</h2>
          <p>{problemText(load.error)}</p>
          <p>
            <button type="button" className="link-button" onClick={() => setReload((n) => n + 1)}>
              Try again
            </button>
          </p>
        </div>
      ) : null}

      {report ? (
        <>
          <div className="report-actions">
            <button type="button" className="button" onClick={() => download(report)}>
              Download CSV<span className="visually-hidden"> of the figures for {label}</span>
            </button>
            <p className="muted">Figures worked out at {formatInstant(report.generatedAt)}.</p>
            <p className="done" role="status">
              {saved}
            </p>
          </div>
          {isEmptyReport(report) ? (
            <section className="panel" aria-labelledby="report-empty">
              <h2 id="report-empty">No contacts this month</h2>
              <p>
                Nothing arrived by any channel in {label}, so there are no figures to show. Choose another month above.
              </p>
            </section>
          ) : (
            <Figures report={report} trend={load.state === 'loaded' ? load.trend : undefined} />
          )}
        </>
      ) : null}
    </>
  );
}

function Figures({ report, trend }: { report: MonthlyReport; trend?: MonthlyReport[] }) {
  const tables = reportTables(report);
  const byId = (id: string) => tables.find((t) => t.id === id) as ReportTable;
  const prefix = reportFilename(report).replace(/\.csv$/, '');
  // A call, not a component defined here: a component made per render would remount on every render.
  const table = (id: string) => <FigureTable key={id} table={byId(id)} filePrefix={prefix} />;
  return (
    <>
      <section className="panel" aria-labelledby="report-key">
        <h2 id="report-key">Key figures</h2>
        <dl className="key-figures">
          <div>
            <dt>Contacts received</dt>
            <dd>{report.contacts.total}</dd>
          </div>
          <div>
            <dt>New cases</dt>
            <dd>{report.cases.opened}</dd>
          </div>
          <div>
            <dt>Responses answered within target</dt>
            <dd>{onTimeRateShort(report.responses)}</dd>
          </div>
        </dl>
      </section>
      <div className="report-grid">
        <ChannelChart report={report} />
        <StandardsChart report={report} />
        {trend ? <TrendCharts reports={trend} /> : null}
      </div>
      <div className="report-grid">
        {table('contacts')}
        {table('cases')}
        {table('phone')}
        {table('acknowledgements')}
        <FigureTable table={byId('responses')} filePrefix={prefix}>
          <p className="report-rate">{onTimeRateText(report.responses)}</p>
        </FigureTable>
        {table('complaints')}
        {table('calls')}
        {table('notices')}
      </div>
      {table('standards')}
      {table('teams')}
      {table('officers')}
      {trend ? <FigureTable table={trendTable(trend)} filePrefix={prefix} /> : null}
    </>
  );
}
