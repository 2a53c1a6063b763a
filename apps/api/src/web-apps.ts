// Serves the built portal (at /) and console (at /console/) from the API's own origin, so the
// session cookie, CORS and CSP stay simple: one site, one cookie. Text files go out as the brotli
// or gzip copies the build made beside them (@studentdesk/web-build), whichever the browser takes.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import express, { type Express, type Request, type RequestHandler, type Response } from 'express';

/** What the server knows of a page before the app runs: its head, and its text for readers without JavaScript. */
export interface WebPage {
  status: number;
  title: string;
  description: string;
  /** Path of the page's one address (search engines fold the others into it). */
  canonicalPath: string;
  /** Trusted HTML (escaped or sanitised by the caller), shown by browsers without JavaScript and read by crawlers. */
  noscriptHtml: string;
}

export interface WebApp {
  /** URL prefix, e.g. "/console". "/" for the portal. */
  mountPath: string;
  /** A Vite build: index.html and hashed files under assets/. */
  dir: string;
  /** The pages the server describes itself (null: the plain index.html). */
  pageFor?: (path: string) => Promise<WebPage | null>;
}

/** Content-Encoding → the suffix of the build's copy, best first (the build writes both). */
const ENCODINGS = [
  ['br', '.br'],
  ['gzip', '.gz'],
] as const;
type Encoding = (typeof ENCODINGS)[number][0];

/**
 * The encodings the browser accepts (a q of 0 refuses one), by the Accept-Encoding header. Not
 * req.acceptsEncodings: on equal q it takes the browser's order, and browsers list gzip before br.
 */
export function acceptedEncodings(header: string | undefined): Set<string> {
  const accepted = new Set<string>();
  for (const part of (header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((param) => param.trim()).find((param) => param.startsWith('q='));
    if (name && !(q && Number(q.slice(2)) === 0)) accepted.add(name);
  }
  return accepted;
}

/**
 * For each file of the build that has compressed copies, which encodings: read once at start, so a
 * request can only ever name a file that is there (no path from the URL reaches the disk).
 */
function compressedCopies(dir: string): Map<string, Set<Encoding>> {
  const copies = new Map<string, Set<Encoding>>();
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      for (const [encoding, suffix] of ENCODINGS) {
        if (!entry.isFile() || !entry.name.endsWith(suffix)) continue;
        const urlPath = `/${relative(dir, path.slice(0, -suffix.length)).split(sep).join('/')}`;
        copies.set(urlPath, (copies.get(urlPath) ?? new Set()).add(encoding));
      }
    }
  };
  walk(dir);
  return copies;
}

/** Sends `urlPath` of the build in the best encoding the browser accepts; false when there is no copy to send. */
function sendCompressed(
  copies: Map<string, Set<Encoding>>,
  dir: string,
  urlPath: string,
  req: Request,
  res: Response,
  cacheControl: string,
) {
  const available = copies.get(urlPath);
  if (!available || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
  res.vary('Accept-Encoding');
  const accepted = acceptedEncodings(req.headers['accept-encoding']);
  const chosen = ENCODINGS.find(([encoding]) => available.has(encoding) && accepted.has(encoding));
  if (!chosen) return false;
  res.type(extname(urlPath));
  res.setHeader('Content-Encoding', chosen[0]);
  res.setHeader('Cache-Control', cacheControl);
  res.sendFile(join(dir, urlPath + chosen[1]), { cacheControl: false });
  return true;
}

const escapeAttribute = (text: string) =>
  text.replace(/[&<>"]/g, (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[character]!);

/** The app's index.html with the page's title, description, canonical link and <noscript> text. */
export function describedPage(indexHtml: string, page: WebPage, publicUrl: string): string {
  return indexHtml
    .replace(/<title>[^<]*<\/title>/, `<title>${escapeAttribute(page.title)}</title>`)
    .replace(
      /<meta name="description" content="[^"]*"\s*\/?>/,
      `<meta name="description" content="${escapeAttribute(page.description)}" />`,
    )
    .replace('</head>', `<link rel="canonical" href="${escapeAttribute(publicUrl + page.canonicalPath)}" />\n</head>`)
    .replace(/<noscript>[\s\S]*?<\/noscript>/, () => `<noscript>${page.noscriptHtml}</noscript>`);
}

/** A page made per request is small: compressed on the spot, fast settings. */
function sendHtml(req: Request, res: Response, status: number, html: string) {
  const accepted = acceptedEncodings(req.headers['accept-encoding']);
  res.status(status).vary('Accept-Encoding').type('html').setHeader('Cache-Control', REVALIDATE);
  if (accepted.has('br')) {
    res.setHeader('Content-Encoding', 'br');
    return res.send(brotliCompressSync(html, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }));
  }
  if (accepted.has('gzip')) {
    res.setHeader('Content-Encoding', 'gzip');
    return res.send(gzipSync(html, { level: 6 }));
  }
  return res.send(html);
}

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';
/** Paths that name a file of the build's kinds, as opposed to a client-side route. */
const BUILD_FILE = /\.(js|css|map|webmanifest|png|svg|ico)$/i;

export function serveWebApps(app: Express, webApps: WebApp[], publicUrl: string): void {
  // Longest prefix first, so /console is not swallowed by the portal at /.
  for (const { mountPath, dir, pageFor } of [...webApps].sort((a, b) => b.mountPath.length - a.mountPath.length)) {
    if (!existsSync(join(dir, 'index.html'))) continue;
    const indexHtml = readFileSync(join(dir, 'index.html'), 'utf8');
    const base = mountPath === '/' ? '' : mountPath;
    const copies = compressedCopies(dir);
    const compressedAsset: RequestHandler = (req, res, next) => {
      if (!sendCompressed(copies, dir, `/assets${req.path}`, req, res, IMMUTABLE)) next();
    };
    app.use(
      `${base}/assets`,
      compressedAsset,
      // Hashed file names never change content: cache them for a year.
      express.static(join(dir, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false }),
    );
    // The rest of the build (index.html, the service worker /sw.js, icons; the portal's manifest goes
    // out in the school's name, school/web-manifest.ts) keeps its name from build to build: the
    // browser asks again each time. For /sw.js that is what lets a new
    // build's worker replace the old one; it is served from the root so its scope is the whole app.
    const compressedFile: RequestHandler = (req, res, next) => {
      if (!sendCompressed(copies, dir, req.path, req, res, REVALIDATE)) next();
    };
    app.use(
      base || '/',
      compressedFile,
      express.static(dir, { index: false, cacheControl: false, setHeaders: (res) => res.setHeader('Cache-Control', REVALIDATE) }),
    );
    // Client-side routes (/track/…, /console/tickets/…) all load the app's index.html.
    // A missing script or manifest is a 404, never the page: a browser checking /sw.js for an update
    // must not be handed index.html, which is no worker and would leave the installed one in place.
    app.get(`${base}/{*route}`, async (req, res, next) => {
      if (!req.accepts('html') || BUILD_FILE.test(req.path)) return next();
      const page = await pageFor?.(req.path.slice(base.length) || '/');
      if (page) return sendHtml(req, res, page.status, describedPage(indexHtml, page, publicUrl));
      if (sendCompressed(copies, dir, '/index.html', req, res, REVALIDATE)) return;
      res.setHeader('cache-control', REVALIDATE);
      res.sendFile(join(dir, 'index.html'));
    });
  }
}
