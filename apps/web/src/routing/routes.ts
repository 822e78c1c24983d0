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
      /** Optional view state that a shared link keeps. */
      view?: 'graph' | 'table';
      focus?: string;
      asOf?: string;
    }
  | { page: 'impact'; namespace: string; name: string; columns: string[]; depth: number }
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
    return {
      page: 'lineage',
      kind: rest[0],
      namespace: rest[1],
      name: rest[2],
      direction: pick(params.get('direction'), DIRECTIONS, 'BOTH'),
      depth: depthParam(params.get('depth'), DEFAULT_LINEAGE_DEPTH),
      granularity: pick(params.get('granularity'), GRANULARITIES, 'DATASET'),
      ...(view === 'table' || view === 'graph' ? { view } : {}),
      ...(params.get('focus') ? { focus: params.get('focus')! } : {}),
      ...(params.get('asOf') ? { asOf: params.get('asOf')! } : {}),
    };
  }
  if (head === 'impact' && rest.length === 2 && rest[0] && rest[1]) {
    const columns = (params.get('columns') ?? '')
      .split(',')
      .map((column) => column.trim())
      .filter(Boolean);
    return {
      page: 'impact',
      namespace: rest[0],
      name: rest[1],
      columns,
      depth: depthParam(params.get('depth'), DEFAULT_IMPACT_DEPTH),
    };
  }
  return { page: 'not-found', path: pathname };
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
          ['view', route.view],
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
};
