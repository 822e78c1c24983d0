import type { LineageDirection, LineageGranularity, NodeKind } from '../api/types.js';

/** Every view the UI has; the URL is the single source of truth for it. */
export type Route =
  | { page: 'home' }
  | { page: 'search'; q: string }
  | { page: 'dataset'; namespace: string; name: string }
  | { page: 'job'; namespace: string; name: string }
  | { page: 'run'; id: string }
  | {
      page: 'lineage';
      kind: 'dataset' | 'job';
      namespace: string;
      name: string;
      direction: LineageDirection;
      depth: number;
      granularity: LineageGranularity;
      /** Separate depths upstream and downstream; only set when `direction` + `depth` cannot say it. */
      up?: number;
      down?: number;
      /** Optional view state that a shared link keeps. */
      view?: 'graph' | 'table';
      /** Tag filter: only datasets and columns with one of these tags or classifications. */
      tags?: string[];
      focus?: string;
      asOf?: string;
    }
  | { page: 'impact'; namespace: string; name: string; columns: string[]; depth: number }
  /** Where a classification (PII, …) flows along column lineage, optionally within one namespace. */
  | { page: 'flow'; classification: string; namespace?: string }
  | { page: 'not-found'; path: string };

export const DEFAULT_LINEAGE_DEPTH = 2;
export const DEFAULT_IMPACT_DEPTH = 10;
const MAX_DEPTH = 20;

const DIRECTIONS: readonly LineageDirection[] = ['UPSTREAM', 'DOWNSTREAM', 'BOTH'];
const GRANULARITIES: readonly LineageGranularity[] = ['DATASET', 'COLUMN'];

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

function depthParam(value: string | null, fallback: number): number {
  const parsed = value === null ? NaN : Number(value);
  return Number.isInteger(parsed) && parsed >= 1 && parsed <= MAX_DEPTH ? parsed : fallback;
}

function sideDepth(value: string | null): number | undefined {
  const parsed = value === null ? NaN : Number(value);
  return Number.isInteger(parsed) && parsed >= 0 && parsed <= MAX_DEPTH ? parsed : undefined;
}

type LineageRoute = Extract<Route, { page: 'lineage' }>;
export type LineageDepths = { up: number; down: number };

/** How far the lineage view reaches upstream and downstream (0 = not at all). */
export function lineageDepths(route: Pick<LineageRoute, 'direction' | 'depth' | 'up' | 'down'>): LineageDepths {
  if (route.up !== undefined || route.down !== undefined) return { up: route.up ?? 0, down: route.down ?? 0 };
  return {
    up: route.direction === 'DOWNSTREAM' ? 0 : route.depth,
    down: route.direction === 'UPSTREAM' ? 0 : route.depth,
  };
}

/**
 * The route fields for separate depths, in the plainest form: `direction` +
 * `depth` alone when they say it (so older links and readers keep working),
 * `up`/`down` besides them only when the two sides differ.
 */
export function withDepths(
  depths: LineageDepths,
): Pick<LineageRoute, 'direction' | 'depth'> & { up: number | undefined; down: number | undefined } {
  const up = Math.min(Math.max(depths.up, 0), MAX_DEPTH);
  const down = Math.min(Math.max(depths.down, 0), MAX_DEPTH);
  if (up === 0 && down === 0) return { direction: 'BOTH', depth: 1, up: undefined, down: undefined };
  const direction: LineageDirection = up > 0 && down > 0 ? 'BOTH' : up > 0 ? 'UPSTREAM' : 'DOWNSTREAM';
  const depth = Math.max(up, down);
  const plain = up === down || up === 0 || down === 0;
  return { direction, depth, up: plain ? undefined : up, down: plain ? undefined : down };
}

function pick<T extends string>(value: string | null, allowed: readonly T[], fallback: T): T {
  const upper = value?.toUpperCase();
  return allowed.find((item) => item === upper) ?? fallback;
}

/** Reads a location (path + query string) into a Route; unknown paths give `not-found`. */
export function parseRoute(pathname: string, search = ''): Route {
  const params = new URLSearchParams(search);
  // Split the raw path first: namespaces hold "://" only in encoded form.
  const raw = pathname.replace(/\/+$/, '').split('/').slice(1);
  const parts = raw.map(decode);
  if (parts.some((part) => part === undefined)) return { page: 'not-found', path: pathname };
  const seg = parts as string[];
  const [head, ...rest] = seg;
  if (seg.length === 0 || (seg.length === 1 && head === '')) return { page: 'home' };
  if (head === 'search' && rest.length === 0) return { page: 'search', q: params.get('q') ?? '' };
  if ((head === 'dataset' || head === 'job') && rest.length === 2 && rest.every(Boolean))
    return { page: head, namespace: rest[0]!, name: rest[1]! };
  if (head === 'run' && rest.length === 1 && rest[0]) return { page: 'run', id: rest[0] };
  if (head === 'lineage' && rest.length === 3 && (rest[0] === 'dataset' || rest[0] === 'job') && rest[1] && rest[2]) {
    const view = params.get('view');
    const up = sideDepth(params.get('up'));
    const down = sideDepth(params.get('down'));
    const direction = pick(params.get('direction'), DIRECTIONS, 'BOTH');
    const depth = depthParam(params.get('depth'), DEFAULT_LINEAGE_DEPTH);
    const sides =
      up === undefined && down === undefined
        ? { direction, depth }
        : dropUndefined(withDepths(lineageDepths({ direction, depth, up: up ?? 0, down: down ?? 0 })));
    return {
      page: 'lineage',
      kind: rest[0],
      namespace: rest[1],
      name: rest[2],
      ...sides,
      granularity: pick(params.get('granularity'), GRANULARITIES, 'DATASET'),
      ...(view === 'table' || view === 'graph' ? { view } : {}),
      ...(list(params.get('tags')).length > 0 ? { tags: list(params.get('tags')) } : {}),
      ...(params.get('focus') ? { focus: params.get('focus')! } : {}),
      ...(params.get('asOf') ? { asOf: params.get('asOf')! } : {}),
    };
  }
  if (head === 'impact' && rest.length === 2 && rest[0] && rest[1]) {
    const columns = list(params.get('columns'));
    return {
      page: 'impact',
      namespace: rest[0],
      name: rest[1],
      columns,
      depth: depthParam(params.get('depth'), DEFAULT_IMPACT_DEPTH),
    };
  }
  if (head === 'flow' && rest.length === 1 && rest[0]) {
    const namespace = params.get('namespace');
    return { page: 'flow', classification: rest[0], ...(namespace ? { namespace } : {}) };
  }
  return { page: 'not-found', path: pathname };
}

function list(value: string | null): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

const enc = encodeURIComponent;

function query(entries: Array<[string, string | number | undefined]>): string {
  const params = new URLSearchParams();
  for (const [key, value] of entries) if (value !== undefined && value !== '') params.set(key, String(value));
  const text = params.toString().replace(/%2C/gi, ',');
  return text ? `?${text}` : '';
}

/** The URL of a Route: the inverse of parseRoute. */
export function formatRoute(route: Route): string {
  switch (route.page) {
    case 'home':
      return '/';
    case 'search':
      return `/search${query([['q', route.q]])}`;
    case 'dataset':
    case 'job':
      return `/${route.page}/${enc(route.namespace)}/${enc(route.name)}`;
    case 'run':
      return `/run/${enc(route.id)}`;
    case 'lineage':
      return (
        `/lineage/${route.kind}/${enc(route.namespace)}/${enc(route.name)}` +
        query([
          ['direction', route.direction],
          ['depth', route.depth],
          ['granularity', route.granularity],
          ['up', route.up],
          ['down', route.down],
          ['view', route.view],
          ['tags', route.tags?.join(',')],
          ['focus', route.focus],
          ['asOf', route.asOf],
        ])
      );
    case 'impact':
      return (
        `/impact/${enc(route.namespace)}/${enc(route.name)}` +
        query([
          ['columns', route.columns.join(',')],
          ['depth', route.depth],
        ])
      );
    case 'flow':
      return `/flow/${enc(route.classification)}${query([['namespace', route.namespace]])}`;
    case 'not-found':
      return route.path;
  }
}

/** Link helpers for the common pages. */
export const links = {
  dataset: (namespace: string, name: string) => formatRoute({ page: 'dataset', namespace, name }),
  job: (namespace: string, name: string) => formatRoute({ page: 'job', namespace, name }),
  node: (kind: NodeKind, namespace: string, name: string) =>
    kind === 'JOB' ? links.job(namespace, name) : links.dataset(namespace, name),
  lineage: (kind: NodeKind, namespace: string, name: string, granularity: LineageGranularity = 'DATASET') =>
    formatRoute({
      page: 'lineage',
      kind: kind === 'JOB' ? 'job' : 'dataset',
      namespace,
      name,
      direction: 'BOTH',
      depth: DEFAULT_LINEAGE_DEPTH,
      granularity,
    }),
  impact: (namespace: string, name: string, columns: string[] = []) =>
    formatRoute({ page: 'impact', namespace, name, columns, depth: DEFAULT_IMPACT_DEPTH }),
  flow: (classification: string) => formatRoute({ page: 'flow', classification }),
};
