/** A table of report figures with its own CSV download; "—" where there was nothing to count. */
import type { ReactNode } from 'react';
import { saveObjectUrl } from '../components/Attachments.js';
import { figureText, type ReportTable, tableCsv } from '../report.js';

/** Saves CSV text as a file from a blob URL (no server round trip, no inline script); returns the file name. */
export function saveCsv(csv: string, filename: string): string {
  const blob = new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' });
  saveObjectUrl(URL.createObjectURL(blob), filename);
  return filename;
}

export function FigureTable({
  table,
  filePrefix,
  children,
}: {
  table: ReportTable;
  filePrefix: string;
  children?: ReactNode;
}) {
  const headingId = `report-${table.id}`;
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{table.title}</h2>
      <div className="table-wrap">
        <table className="queue figures">
          <caption>{table.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{table.rowHeader}</th>
              {table.columns.map((c) => (
                <th scope="col" key={c} className="number">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row) => (
              <tr key={row.label}>
                <th scope="row">{row.label}</th>
                {row.values.map((v, i) => (
                  <td key={table.columns[i]} className="number">
                    {figureText(v)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
          {table.total ? (
            <tfoot>
              <tr>
                <th scope="row">{table.total.label}</th>
                {table.total.values.map((v, i) => (
                  <td key={table.columns[i]} className="number">
                    {figureText(v)}
                  </td>
                ))}
              </tr>
            </tfoot>
          ) : null}
        </table>
      </div>
      {children}
      <p>
        <button
          type="button"
          className="link-button"
          aria-label={`Download this table as CSV: ${table.title}`}
          onClick={() => saveCsv(tableCsv(table), `${filePrefix}-${table.id}.csv`)}
        >
          Download this table as CSV
        </button>
      </p>
    </section>
  );
}
