// CSV export of any table the console shows: RFC 4180 quoting, so spreadsheets open it as written,
// and no text run as a formula.

export interface Column<Row> {
  header: string;
  value: (row: Row) => string | number | null | undefined;
}

/** What makes a spreadsheet take a cell for a formula: = + - @, or a tab or carriage return before one. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Text a spreadsheet shows and never runs: a leading apostrophe before a formula character (OWASP's
 * advice on CSV injection), so a name like `=HYPERLINK(…)` arrives as written. Numbers are the
 * desk's own figures and stay numbers, negative ones too.
 */
export function spreadsheetText(value: string | number): string {
  if (typeof value === 'number') return String(value);
  return FORMULA_START.test(value) ? `'${value}` : value;
}

function cell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = spreadsheetText(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv<Row>(columns: Column<Row>[], rows: Row[]): string {
  const lines = [columns.map((column) => cell(column.header)), ...rows.map((row) => columns.map((column) => cell(column.value(row))))];
  return lines.map((line) => line.join(',')).join('\r\n') + '\r\n';
}

/** Lower-case words joined by hyphens, accents dropped: safe in a file name on every system. */
function fileWord(words: string): string {
  return words
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/**
 * A CSV's file name says what it holds, so a folder of exports stays readable: the chart, whose
 * numbers, and when, e.g. `sla-compliance_financial-aid_2026-10-12-to-2026-12-06.csv`.
 */
export function csvFileName(chart: string, scope: string, period: string): string {
  return `${[chart, scope, period].map(fileWord).filter(Boolean).join('_')}.csv`;
}

/** Lets the browser save the CSV as a file. */
export function downloadCsv(fileName: string, csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}
