import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown.js';

describe('renderMarkdown', () => {
  it('renders headings, lists, emphasis, code and links', () => {
    const html = renderMarkdown('## Steps\n\n1. Open **Settings**\n2. Run `reset`\n\n[Portal](https://portal.example.edu)');
    expect(html).toContain('<h2>Steps</h2>');
    expect(html).toContain('<li>Open <strong>Settings</strong></li>');
    expect(html).toContain('<code>reset</code>');
    expect(html).toContain('<a href="https://portal.example.edu" rel="nofollow noopener noreferrer">Portal</a>');
  });

  it.each([
    ['a script tag', '<script>alert(1)</script>Hello', /<script|alert/],
    ['an event handler', '<img src="https://x.example/a.png" onerror="alert(1)">', /onerror/],
    ['an svg onload', '<svg onload="alert(1)"><circle/></svg>', /svg|onload/],
    ['a javascript: link', '[click](javascript:alert(1))', /javascript:/i],
    ['an encoded javascript: link', '<a href="jav&#x61;script:alert(1)">x</a>', /script:/i],
    ['a data: image', '![x](data:image/svg+xml;base64,PHN2Zz4=)', /data:/],
    ['an iframe', '<iframe src="https://evil.example"></iframe>', /iframe/],
    ['a style attribute', '<p style="position:fixed;top:0">x</p>', /style/],
    ['a style tag', '<style>body{display:none}</style>', /<style|display/],
    ['a form', '<form action="https://evil.example"><input name="password"></form>', /form|input/],
    ['a protocol-relative link', '<a href="//evil.example">x</a>', /evil/],
  ])('removes %s', (_name, source, forbidden) => {
    expect(renderMarkdown(source)).not.toMatch(forbidden);
  });

  it('gives an image without alt text an empty one, and drops an image left without an address', () => {
    expect(renderMarkdown('<img src="https://x.example/a.png">')).toBe('<img alt="" src="https://x.example/a.png" />');
    expect(renderMarkdown('![Printer menu](https://x.example/menu.png)')).toBe(
      '<p><img alt="Printer menu" src="https://x.example/menu.png" /></p>',
    );
    expect(renderMarkdown('<img src="javascript:alert(1)">')).toBe('');
  });

  it('keeps the text of markup it removes, escaped', () => {
    expect(renderMarkdown('Use <kbd>Ctrl</kbd> and 1 < 2')).toBe('<p>Use Ctrl and 1 &lt; 2</p>');
  });
});
