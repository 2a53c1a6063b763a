import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.js';

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
});
