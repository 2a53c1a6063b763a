// The one Markdown renderer: article bodies, the editor's preview and (later) the public help
// centre all go through renderMarkdown, so what an author previews is exactly what students get.
// Authors may type raw HTML into Markdown; the sanitiser keeps only the tags and attributes below,
// so nothing they write runs as script, styles the page or loads from a javascript:/data: URL.
import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

/** The most Markdown an article body (and a preview) may hold. */
export const MAX_MARKDOWN_LENGTH = 50_000;

const markdown = new Marked({ gfm: true, async: false });

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'p',
    'br',
    'hr',
    'strong',
    'em',
    'del',
    'code',
    'pre',
    'blockquote',
    'ul',
    'ol',
    'li',
    'a',
    'img',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    img: ['src', 'alt', 'title'],
    ol: ['start'],
    th: ['align'],
    td: ['align'],
    code: ['class'],
  },
  allowedClasses: { code: ['language-*'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['https'] },
  allowProtocolRelative: false,
  // Links written by staff lead off the desk: the target page learns nothing about the reader's page.
  transformTags: {
    a: sanitizeHtml.simpleTransform('a', { rel: 'nofollow noopener noreferrer' }),
    // An image written as HTML without alt text is taken as decorative, so screen readers skip it.
    img: (tagName, attribs) => ({ tagName, attribs: { alt: '', ...attribs } }),
  },
  // An image whose address was removed (a javascript: or data: URL) would only show as broken.
  exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
};

/** Markdown (GitHub flavour) as HTML safe to put into a page. */
export function renderMarkdown(source: string): string {
  return sanitizeHtml(markdown.parse(source) as string, SANITIZE).trim();
}
