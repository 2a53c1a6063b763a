// Every chart is also a table and a CSV file: the same rows, three ways.
import { useId, useState, type ReactNode } from 'react';
import { downloadCsv, toCsv, type Column } from '../lib/csv';

interface ChartCardProps<Row> {
  title: string;
  description?: string;
  /** The CSV's file name, from csvFileName: chart, scope and period. */
  fileName: string;
  columns: Column<Row>[];
  rows: Row[];
  /** The chart; omitted for numbers that read best as a table. */
  chart?: ReactNode;
}

export function ChartCard<Row>({ title, description, fileName, columns, rows, chart }: ChartCardProps<Row>) {
  const [asTable, setAsTable] = useState(!chart);
  const headingId = useId();
  return (
    <section className="chart-card" aria-labelledby={headingId}>
      <div className="chart-head">
        <h2 id={headingId}>{title}</h2>
        <div className="actions">
          {chart && (
            <button type="button" aria-pressed={asTable} onClick={() => setAsTable(!asTable)}>
              {asTable ? 'Show chart' : 'Show table'}
            </button>
          )}
          <button type="button" onClick={() => downloadCsv(fileName, toCsv(columns, rows))}>
            Export CSV
          </button>
        </div>
      </div>
      {description && <p className="muted">{description}</p>}
      {rows.length === 0 ? (
        <p className="empty">No data for this period.</p>
      ) : asTable || !chart ? (
        // Focusable so a keyboard can scroll a table wider than its card.
        <div className="table-scroll" tabIndex={0} role="region" aria-label={`${title}, table`}>
          <table className="dense">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                {columns.map((column) => (
                  <th key={column.header} scope="col">
                    {column.header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row, index) => (
                <tr key={index}>
                  {columns.map((column) => (
                    <td key={column.header}>{column.value(row) ?? '—'}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <div className="chart" role="img" aria-label={`${title} (chart; “Show table” gives the numbers)`}>
          {chart}
        </div>
      )}
    </section>
  );
}
