import { describe, expect, it } from 'vitest';
import { wrapLabel } from './chart-labels.js';

describe('chart labels', () => {
  it('keeps a short name on one line', () => {
    expect(wrapLabel('IT')).toEqual(['IT']);
  });

  it('wraps a long name at word boundaries, each line within the width', () => {
    const lines = wrapLabel('Accommodation and residential life services');
    expect(lines).toEqual(['Accommodation', 'and residential', 'life services']);
    expect(lines.every((line) => line.length <= 16)).toBe(true);
  });

  it('ends a name longer than three lines with an ellipsis rather than overflowing', () => {
    const lines = wrapLabel('International student visas immigration and travel documents office');
    expect(lines).toHaveLength(3);
    expect(lines[2]!.endsWith('…')).toBe(true);
    expect(lines[2]!.length).toBeLessThanOrEqual(16);
  });
});
