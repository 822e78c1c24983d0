import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Express } from 'express';

const apiRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The built web UI (apps/web/dist), unless TRIBUTARY_WEB_DIST points elsewhere. */
export function resolveWebDist(configured: string | undefined): string | undefined {
  const dir = configured ? resolve(configured) : resolve(apiRoot, '..', 'web', 'dist');
  return existsSync(join(dir, 'index.html')) ? dir : undefined;
}

// Case-insensitive like the router, and tolerant of `//` and `;`: /API/V1/...
// must reach the API and its authentication, never fall back to the SPA.
const SERVER_ROUTES = /^\/+(api|graphql|health|metrics)(\/|;|$)/i;

/**
 * Serves the single-page app: real files by path, and index.html for every
 * other GET so deep links such as /dataset/ns/name load from cold.
 */
export function serveWebUi(app: Express, dir: string): void {
  app.use(express.static(dir, { index: false, maxAge: '1h', immutable: false }));
  app.get(/.*/, (req, res, next) => {
    if (SERVER_ROUTES.test(req.path) || !req.accepts('html')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(join(dir, 'index.html'));
  });
}
