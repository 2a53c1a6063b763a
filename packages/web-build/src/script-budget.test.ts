import { describe, expect, it } from 'vitest';
import { firstViews, type ScriptChunk } from './script-budget.js';

const chunk = (fileName: string, bytes: number, imports: string[] = [], kind: 'entry' | 'page' | 'shared' = 'shared'): ScriptChunk => ({
  fileName,
  code: 'x'.repeat(bytes),
  isEntry: kind === 'entry',
  isDynamicEntry: kind === 'page',
  imports,
});

describe('firstViews', () => {
  it('counts the entry with what it imports, and each page with the entry and its own imports, each file once', () => {
    const chunks = [
      chunk('index.js', 50, ['layout.js'], 'entry'),
      chunk('layout.js', 30, ['index.js']),
      chunk('Report.js', 10, ['form.js', 'layout.js'], 'page'),
      chunk('form.js', 5),
      chunk('Help.js', 7, [], 'page'),
      chunk('unused.js', 1000),
    ];
    const views = firstViews(chunks, (code) => code.length);
    expect(views).toEqual([
      { name: 'index.js', files: ['index.js', 'layout.js'], bytes: 80 },
      { name: 'Report.js', files: ['Report.js', 'form.js', 'index.js', 'layout.js'], bytes: 95 },
      { name: 'Help.js', files: ['Help.js', 'index.js', 'layout.js'], bytes: 87 },
    ]);
  });

  it('measures brotli by default: repetitive code counts far below its length', () => {
    const [view] = firstViews([chunk('index.js', 100_000, [], 'entry')]);
    expect(view!.bytes).toBeGreaterThan(0);
    expect(view!.bytes).toBeLessThan(1_000);
  });
});
