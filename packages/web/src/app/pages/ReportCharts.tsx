/**
 * The report's charts (recharts: SVG drawn by React, no eval, no HTML strings,
 * so it runs under the console's strict CSP and Trusted Types). Each chart is
 * one image with a name that says its figures, and points to the table with
 * the same figures (the text alternative); the 12-month trend has its own table.
 */
import type { ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, XAxis, YAxis } from 'recharts';
import { channelLabel, figureText, monthLabel, standardShares } from '../report.js';
import type { MonthlyReport } from '../types.js';

const WIDTH = 560;
const HEIGHT = 260;
const INK = '#0b0c0c';
const BLUE = '#1d70b8';
const GREEN = '#00703c';
const ORANGE = '#b35900';

function Chart({
  id,
  title,
  name,
  see,
  children,
}: {
  id: string;
  title: string;
  name: string;
  see: string;
  children: ReactNode;
}) {
  return (
    <figure className="panel chart" aria-labelledby={`${id}-title`}>
      <figcaption>
        <h2 id={`${id}-title`}>{title}</h2>
      </figcaption>
      <div className="chart-canvas" role="img" aria-label={name}>
        {children}
      </div>
      <p className="muted">{see}</p>
    </figure>
  );
}

/** Contacts per channel, as bars. */
export function ChannelChart({ report }: { report: MonthlyReport }) {
  const data = Object.entries(report.contacts.byChannel).map(([channel, count]) => ({
    label: channelLabel(channel),
    count,
  }));
  const name = `Bar chart of contacts in ${monthLabel(report.month)} by channel: ${data.map((d) => `${d.label} ${d.count}`).join(', ')}.`;
  return (
    <Chart
      id="chart-channels"
      title="Contacts by channel (chart)"
      name={name}
      see="The same figures are in the table “Contacts by channel”."
    >
      <BarChart width={WIDTH} height={HEIGHT} data={data} accessibilityLayer={false}>
        <CartesianGrid stroke="#b1b4b6" vertical={false} />
        <XAxis dataKey="label" stroke={INK} interval={0} tick={{ fontSize: 12 }} />
        <YAxis allowDecimals={false} stroke={INK} />
        <Bar dataKey="count" name="Contacts" fill={BLUE} isAnimationActive={false} />
      </BarChart>
    </Chart>
  );
}

/** Share of answers within target per standard, as bars from 0 to 100%. */
export function StandardsChart({ report }: { report: MonthlyReport }) {
  const data = standardShares(report);
  if (!data.length) {
    return (
      <figure className="panel chart" aria-labelledby="chart-standards-title">
        <figcaption>
          <h2 id="chart-standards-title">Within target, by standard (chart)</h2>
        </figcaption>
        <p>No answer has fallen due yet for contacts received this month, so there is no share to chart.</p>
      </figure>
    );
  }
  const name = `Bar chart of the share of answers within target in ${monthLabel(report.month)}: ${data.map((d) => `${d.label} ${d.percent}% of ${d.judged}`).join(', ')}.`;
  return (
    <Chart
      id="chart-standards"
      title="Within target, by standard (chart)"
      name={name}
      see="The same figures are in the table “Service standards”."
    >
      <BarChart
        width={WIDTH}
        height={HEIGHT}
        data={data}
        layout="vertical"
        accessibilityLayer={false}
        margin={{ left: 40 }}
      >
        <CartesianGrid stroke="#b1b4b6" horizontal={false} />
        <XAxis type="number" domain={[0, 100]} unit="%" stroke={INK} />
        <YAxis type="category" dataKey="label" width={140} stroke={INK} tick={{ fontSize: 12 }} />
        <Bar dataKey="percent" name="Within target" fill={GREEN} isAnimationActive={false} />
      </BarChart>
    </Chart>
  );
}

/** The on-time rate and complaints per stage over twelve months. */
export function TrendCharts({ reports }: { reports: MonthlyReport[] }) {
  const data = reports.map((r) => ({
    label: monthLabel(r.month).replace(/ (\d{2})(\d{2})$/, ' $2'),
    rate: r.responses.onTimeRate === null ? null : Math.round(r.responses.onTimeRate * 100),
    stage1: r.complaints['complaint-stage-1'].received,
    stage2: r.complaints['complaint-stage-2'].received,
  }));
  const first = monthLabel(reports[0]?.month ?? '');
  const last = monthLabel(reports.at(-1)?.month ?? '');
  const rates = data.map((d) => `${d.label} ${d.rate === null ? 'none due' : `${figureText(d.rate)}%`}`).join(', ');
  const stages = data.map((d) => `${d.label} ${d.stage1} and ${d.stage2}`).join(', ');
  return (
    <>
      <Chart
        id="chart-trend"
        title="On-time rate, twelve months (chart)"
        name={`Line chart of the share of answers within target from ${first} to ${last}: ${rates}.`}
        see="The same figures are in the table “Twelve months”."
      >
        <LineChart width={WIDTH} height={HEIGHT} data={data} accessibilityLayer={false}>
          <CartesianGrid stroke="#b1b4b6" />
          <XAxis dataKey="label" stroke={INK} tick={{ fontSize: 11 }} />
          <YAxis domain={[0, 100]} unit="%" stroke={INK} />
          <Line
            dataKey="rate"
            name="Within target"
            stroke={BLUE}
            strokeWidth={3}
            connectNulls
            isAnimationActive={false}
          />
        </LineChart>
      </Chart>
      <Chart
        id="chart-complaints"
        title="Complaints per stage, twelve months (chart)"
        name={`Bar chart of complaints received at stage 1 and stage 2 from ${first} to ${last}: ${stages}.`}
        see="The same figures are in the table “Twelve months”."
      >
        <BarChart width={WIDTH} height={HEIGHT} data={data} accessibilityLayer={false}>
          <CartesianGrid stroke="#b1b4b6" vertical={false} />
          <XAxis dataKey="label" stroke={INK} tick={{ fontSize: 11 }} />
          <YAxis allowDecimals={false} stroke={INK} />
          <Legend />
          <Bar dataKey="stage1" name="Stage 1" fill={BLUE} isAnimationActive={false} />
          <Bar dataKey="stage2" name="Stage 2" fill={ORANGE} isAnimationActive={false} />
        </BarChart>
      </Chart>
    </>
  );
}
