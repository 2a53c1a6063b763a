// What a client reads of a planned import: a page of its rows, or all of them as a CSV report.
import { badInput } from '../errors.js';
import { LIST_MAXIMUM } from '../limits/list-maximums.js';
import type { ImportOutcome, PlannedRow } from './people-import.plan.js';

export function importRowsPage(rows: PlannedRow[], outcome: ImportOutcome | null, first: number): PlannedRow[] {
  if (first < 0 || first > LIST_MAXIMUM.importRows) throw badInput(`Ask for 0 to ${LIST_MAXIMUM.importRows} rows.`, 'first');
  const matching = outcome ? rows.filter((row) => row.outcome === outcome) : rows;
  return matching.slice(0, first);
}

/**
 * A field as CSV writes it: quoted when it holds a comma, quote or line break; a leading = + - or @
 * gets an apostrophe so a spreadsheet shows a name from the file instead of running it as a formula.
 */
function csvField(value: string): string {
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function importReportCsv(rows: PlannedRow[]): string {
  const lines = rows.map((row) =>
    [String(row.line), row.email, row.name, row.role ?? '', row.outcome, row.reason ?? '', row.changes.join('; ')].map(csvField).join(','),
  );
  return ['line,email,name,role,outcome,reason,changes', ...lines].join('\r\n') + '\r\n';
}
