import { describe, expect, it } from 'vitest';
import { lineDiff } from './line-diff';

describe('lineDiff', () => {
  it('marks the lines removed and added between two texts, keeping the rest in order', () => {
    expect(lineDiff('Title\nOpen 8–22.\nBring your card.', 'Title\nOpen 9–17.\nBring your card.\nNo food.')).toEqual([
      { kind: 'same', text: 'Title' },
      { kind: 'removed', text: 'Open 8–22.' },
      { kind: 'added', text: 'Open 9–17.' },
      { kind: 'same', text: 'Bring your card.' },
      { kind: 'added', text: 'No food.' },
    ]);
  });

  it('sees no change in the same text', () => {
    expect(lineDiff('a\nb', 'a\nb').every((line) => line.kind === 'same')).toBe(true);
  });
});
