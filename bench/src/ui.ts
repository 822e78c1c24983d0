// npm run bench:ui — time from navigation to a laid-out, interactive lineage
// graph of 200, 1,000 and 2,000 nodes in headless Chromium, and frames per
// second while panning the 2,000-node graph. The built web UI is served with a
// stand-in /graphql that answers `lineage` with a synthetic graph: this
// measures the browser side only (query latency is bench:query's job).
// usage: npm run bench:ui [-- --runs 3 --sizes 200,1000,2000]
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type CDPSession } from 'playwright-core';
import { syntheticLineage } from './ui-graph.js';

const repoRoot = resolve(fileURLToPath(import.meta.url), '..', '..', '..');
const webDist = join(repoRoot, 'apps', 'web', 'dist');

function arg(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1]! : fallback;
}
const RUNS = Number(arg('runs', '3'));
const SIZES = arg('sizes', '200,1000,2000').split(',').map(Number);
const PAN_SECONDS = 3;

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
};

/** Serves apps/web/dist with SPA fallback and a /graphql that returns a synthetic graph of the size in the node name (bench/n<size>). */
function serve(): Promise<{ server: Server; url: string }> {
  const graphs = new Map<number, string>();
  const server = createServer((req, res) => {
    if (req.method === 'POST' && req.url === '/graphql') {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const { query, variables } = JSON.parse(body) as { query?: string; variables?: { node?: { name?: string } } };
        // Only `lineage` names a node. The synthetic nodes carry no tags, and
        // the run-state lookup of the jobs gets an empty answer.
        if (!variables?.node) {
          const answer = query?.includes('nodeTags(') ? '{"data":{"nodeTags":[]}}' : '{"data":{}}';
          res.writeHead(200, { 'content-type': 'application/json' }).end(answer);
          return;
        }
        const size = Number(/^n(\d+)$/.exec(variables?.node?.name ?? '')?.[1] ?? 0);
        if (!graphs.has(size)) graphs.set(size, JSON.stringify({ data: { lineage: syntheticLineage(size) } }));
        res.writeHead(200, { 'content-type': 'application/json' }).end(graphs.get(size));
      });
      return;
    }
    const path = join(webDist, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    const file =
      path.startsWith(webDist) && existsSync(path) && statSync(path).isFile() ? path : join(webDist, 'index.html');
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  return new Promise((done) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      done({ server, url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` });
    }),
  );
}

type Probe = { ready: boolean; nodes: number; engine: string; layoutMs: number; readyAt: number };
/** The page's globals the benchmark reads (this project compiles without the DOM library). */
type PageGlobals = {
  __tributaryGraph?: Probe & {
    cy?: { pan(): { x: number; y: number } };
  };
  requestAnimationFrame(callback: (now: number) => void): number;
  __frames?: number;
};

/** Milliseconds from navigation start until the graph is laid out and the page answers (two frames later). */
async function timeToInteractive(
  browser: Browser,
  url: string,
): Promise<Probe & { consoleErrors: string[]; cpuMs: number }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  await page.goto(url);
  await page.waitForFunction(() => (globalThis as unknown as PageGlobals).__tributaryGraph?.ready === true, undefined, {
    timeout: 120_000,
  });
  const probe = await page.evaluate(() => {
    const { ready, nodes, engine, layoutMs, readyAt } = (globalThis as unknown as PageGlobals).__tributaryGraph!;
    return { ready, nodes, engine, layoutMs, readyAt };
  });
  const cpuMs = await mainThreadMs(cdp);
  await context.close();
  return { ...probe, consoleErrors, cpuMs };
}

/** Frames per second while the mouse drags the 2,000-node graph (fitted to the screen as it opens) around for a few seconds. */
async function panFps(browser: Browser, url: string): Promise<{ fps: number; cpuFps: number }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(url);
  await page.waitForFunction(() => (globalThis as unknown as PageGlobals).__tributaryGraph?.ready === true, undefined, {
    timeout: 120_000,
  });
  await new Promise((done) => setTimeout(done, 500));
  const cpuBefore = await mainThreadMs(cdp);
  // A real drag on the background, as a user pans: Cytoscape's viewport
  // options (hideEdgesOnViewport, textureOnViewport) only engage on gestures.
  const canvas = await page.locator('.graph-canvas').boundingBox();
  if (!canvas) throw new Error('no graph canvas');
  await page.evaluate(() => {
    const page = globalThis as unknown as PageGlobals;
    page.__frames = 0;
    const step = () => {
      page.__frames!++;
      page.requestAnimationFrame(step);
    };
    page.requestAnimationFrame(step);
  });
  const x = canvas.x + 8;
  const y = canvas.y + 8;
  const panOf = () => page.evaluate(() => (globalThis as unknown as PageGlobals).__tributaryGraph!.cy!.pan());
  const panBefore = await panOf();
  await page.mouse.move(x, y);
  await page.mouse.down();
  const framesBefore = await page.evaluate(() => (globalThis as unknown as PageGlobals).__frames!);
  const started = Date.now();
  for (let i = 0; Date.now() - started < PAN_SECONDS * 1000; i++)
    await page.mouse.move(x + 150 + Math.sin(i / 8) * 140, y + 100 + Math.cos(i / 11) * 90);
  const frames = (await page.evaluate(() => (globalThis as unknown as PageGlobals).__frames!)) - framesBefore;
  const ms = Date.now() - started;
  await page.mouse.up();
  const panAfter = await panOf();
  if (panAfter.x === panBefore.x && panAfter.y === panBefore.y) throw new Error('the drag did not pan the graph');
  const cpuMs = (await mainThreadMs(cdp)) - cpuBefore;
  await context.close();
  return { fps: (frames * 1000) / ms, cpuFps: Math.min(60, (frames * 1000) / Math.max(cpuMs, 1)) };
}

/**
 * Busy time of the page's main thread so far (CDP TaskDuration). On a shared,
 * loaded machine wall time mostly measures the queue for a core; this is the
 * work the page itself did.
 */
async function mainThreadMs(cdp: CDPSession): Promise<number> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> };
  return (metrics.find((metric) => metric.name === 'TaskDuration')?.value ?? 0) * 1000;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main() {
  if (!existsSync(join(webDist, 'index.html'))) {
    console.log('bench:ui: building the web UI...');
    spawnSync('npm', ['run', 'build', '--workspace', 'apps/web'], { cwd: repoRoot, stdio: 'inherit' });
  }
  const { server, url } = await serve();
  // launch() gives every run a fresh throw-away profile.
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const errors = new Set<string>();
  try {
    console.log(`ui render: median of ${RUNS} cold loads, viewport 1440x900, headless Chromium (software rendering)`);
    console.log('nodes  engine         ready ms  layout ms  main-thread ms');
    const ready = new Map<number, number>();
    const cpu = new Map<number, number>();
    for (const size of SIZES) {
      for (const engine of ['auto', 'elk']) {
        if (engine === 'elk' && size > 1000 && !process.argv.includes('--elk-all')) continue;
        const runs = [];
        for (let i = 0; i < RUNS; i++) {
          const probe = await timeToInteractive(
            browser,
            `${url}/lineage/dataset/bench/n${size}?depth=20${engine === 'auto' ? '' : `&layout=${engine}`}`,
          );
          probe.consoleErrors.forEach((e) => errors.add(e));
          runs.push(probe);
        }
        const readyMs = median(runs.map((r) => r.readyAt));
        const cpuMs = median(runs.map((r) => r.cpuMs));
        if (engine === 'auto') ready.set(size, readyMs);
        if (engine === 'auto') cpu.set(size, cpuMs);
        console.log(
          `${String(runs[0]!.nodes).padStart(5)}  ${(engine === 'auto' ? `auto:${runs[0]!.engine}` : engine).padEnd(13)} ${readyMs.toFixed(0).padStart(6)}  ${median(
            runs.map((r) => r.layoutMs),
          )
            .toFixed(0)
            .padStart(8)}  ${cpuMs.toFixed(0).padStart(8)}`,
        );
      }
    }
    const big = Math.max(...SIZES);
    console.log(`\npanning ${big} nodes for ${PAN_SECONDS} s:`);
    const fpsByVariant = new Map<string, { fps: number; cpuFps: number }>();
    for (const variant of ['auto', 'hide-edges', 'hide-edges-labels', 'texture', 'webgl']) {
      const result = await panFps(
        browser,
        `${url}/lineage/dataset/bench/n${big}?depth=20${variant === 'auto' ? '' : `&perf=${variant}`}`,
      );
      fpsByVariant.set(variant, result);
      console.log(
        `  ${variant.padEnd(11)} ${result.fps.toFixed(1)} fps wall, ${result.cpuFps.toFixed(1)} fps by main-thread time per frame`,
      );
    }
    if (errors.size > 0) console.log(`console errors: ${[...errors].join(' | ')}`);
    console.log(
      `ui: ${SIZES.map((size) => `${size} nodes ${(ready.get(size)! / 1000).toFixed(2)} s`).join(', ')}; pan ${big} nodes ${fpsByVariant.get('auto')!.fps.toFixed(0)} fps; main thread ${SIZES.map((size) => `${(cpu.get(size)! / 1000).toFixed(2)} s`).join('/')}, ${fpsByVariant.get('auto')!.cpuFps.toFixed(0)} fps (targets: 2000 nodes < 2 s, >= 30 fps)`,
    );
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
