// Serves the built portal (at /) and console (at /console/) from the API's own origin, so the
// session cookie, CORS and CSP stay simple: one site, one cookie.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Express } from 'express';

export interface WebApp {
  /** URL prefix, e.g. "/console". "/" for the portal. */
  mountPath: string;
  /** A Vite build: index.html and hashed files under assets/. */
  dir: string;
}

export function serveWebApps(app: Express, webApps: WebApp[]): void {
  // Longest prefix first, so /console is not swallowed by the portal at /.
  for (const { mountPath, dir } of [...webApps].sort((a, b) => b.mountPath.length - a.mountPath.length)) {
    if (!existsSync(join(dir, 'index.html'))) continue;
    const base = mountPath === '/' ? '' : mountPath;
    app.use(
      `${base}/assets`,
      // Hashed file names never change content: cache them for a year.
      express.static(join(dir, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false }),
    );
    app.use(base || '/', express.static(dir, { index: false, maxAge: 0 }));
    // Client-side routes (/track/…, /console/tickets/…) all load the app's index.html.
    app.get(`${base}/{*route}`, (req, res, next) => {
      if (!req.accepts('html')) return next();
      res.setHeader('cache-control', 'no-cache');
      res.sendFile(join(dir, 'index.html'));
    });
  }
}
