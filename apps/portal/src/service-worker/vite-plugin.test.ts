import { describe, expect, it } from 'vitest';
import { filesToKeep, type BuiltChunk } from './vite-plugin.js';

const chunk = (fileName: string, more: Partial<BuiltChunk> = {}): BuiltChunk => ({
  fileName,
  isEntry: false,
  facadeModuleId: null,
  imports: [],
  css: [],
  ...more,
});

describe('the files the service worker keeps', () => {
  it('are the starting chunks, all they import (once, however deep) and their styles, nothing else', () => {
    const chunks = [
      chunk('assets/index-1.js', { isEntry: true, imports: ['assets/Layout-2.js', 'assets/runtime-3.js'], css: ['assets/index-4.css'] }),
      chunk('assets/Layout-2.js', { imports: ['assets/runtime-3.js'] }),
      chunk('assets/runtime-3.js'),
      chunk('assets/Report-5.js', {
        facadeModuleId: '/portal/src/routes/Report.tsx',
        imports: ['assets/Count-6.js', 'assets/Layout-2.js'],
      }),
      chunk('assets/Count-6.js', { css: ['assets/Count-7.css'] }),
      chunk('assets/TicketPage-8.js', { facadeModuleId: '/portal/src/routes/TicketPage.tsx', imports: ['assets/Other-9.js'] }),
      chunk('assets/Other-9.js'),
      chunk('assets/fr-10.js'),
    ];
    const start = (c: BuiltChunk) => c.isEntry || c.facadeModuleId === '/portal/src/routes/Report.tsx';
    expect(filesToKeep(chunks, start)).toEqual([
      '/assets/Count-6.js',
      '/assets/Count-7.css',
      '/assets/Layout-2.js',
      '/assets/Report-5.js',
      '/assets/index-1.js',
      '/assets/index-4.css',
      '/assets/runtime-3.js',
    ]);
  });
});
