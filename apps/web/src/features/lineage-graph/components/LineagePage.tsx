import { useEffect, useMemo, useRef, useState } from 'react';
import type { LineageNode, NodeKind } from '../../../api/types.js';
import { navigate } from '../../../app/use-route.js';
import { formatRoute, lineageDepths, links, type Route, withDepths } from '../../../routing/routes.js';
import { Link } from '../../../ui/Link.js';
import { EmptyState, ErrorMessage, Skeleton } from '../../../ui/States.js';
import { useLineage } from '../hooks/use-lineage.js';
import { useNodeTags } from '../hooks/use-node-tags.js';
import { useRunStates } from '../hooks/use-run-states.js';
import { clusterFanOut } from '../utils/cluster-fan-out.js';
import { filterGraph, tagCounts, taggedIds } from '../utils/graph-filter.js';
import { toCyElements } from '../utils/to-cy-elements.js';
import { edgesOnPath, pathBetween, traverse } from '../utils/traverse.js';
import { GraphCanvas, type GraphApi, type GraphMarks } from './GraphCanvas.js';
import { GraphFilters } from './GraphFilters.js';
import { GraphTable } from './GraphTable.js';
import { GraphToolbar } from './GraphToolbar.js';
import { NodePanel } from './NodePanel.js';

type LineageRoute = Extract<Route, { page: 'lineage' }>;

const FAN_OUT_THRESHOLD = 50;
const DAY = 86_400_000;

function toggle<T>(set: ReadonlySet<T>, value: T): Set<T> {
  const next = new Set(set);
  if (next.has(value)) next.delete(value);
  else next.add(value);
  return next;
}

export function LineagePage({ route }: { route: LineageRoute }) {
  const params = new URLSearchParams(window.location.search);
  const kind: NodeKind = route.kind === 'job' ? 'JOB' : 'DATASET';
  const depths = lineageDepths(route);
  const { state, graph, expand, openCluster, expandError } = useLineage(
    {
      node: { kind, namespace: route.namespace, name: route.name },
      direction: route.direction,
      depth: route.depth,
      granularity: route.granularity,
      ...(route.asOf ? { asOf: route.asOf } : {}),
    },
    depths,
  );
  const [clusterShown, setClusterShown] = useState<ReadonlyMap<string, number>>(new Map());
  const [hiddenNamespaces, setHiddenNamespaces] = useState<ReadonlySet<string>>(new Set());
  const [hiddenKinds, setHiddenKinds] = useState<ReadonlySet<NodeKind>>(new Set());
  const [pathEnd, setPathEnd] = useState<string>();
  const [focusMode, setFocusMode] = useState(false);
  const [daysAgo, setDaysAgo] = useState(
    route.asOf ? Math.max(0, Math.round((Date.now() - Date.parse(route.asOf)) / DAY)) : 0,
  );
  const apiRef = useRef<GraphApi | undefined>(undefined);
  const view = route.view ?? 'graph';

  const update = (change: Partial<LineageRoute>, replace = true) =>
    navigate(formatRoute({ ...route, ...change }), { replace });

  useEffect(() => {
    const timer = window.setTimeout(() => {
      const asOf =
        daysAgo === 0 ? undefined : new Date(Date.now() - daysAgo * DAY).toISOString().slice(0, 10) + 'T23:59:59Z';
      if (asOf !== route.asOf) update({ asOf });
    }, 350);
    return () => window.clearTimeout(timer);
    // Only the slider moves this; the route is read fresh when the timer fires.
  }, [daysAgo]);

  const clustered = useMemo(
    () => graph && clusterFanOut(graph, FAN_OUT_THRESHOLD, (id) => clusterShown.get(id) ?? FAN_OUT_THRESHOLD),
    [graph, clusterShown],
  );
  const tagsById = useNodeTags(clustered?.nodes);
  const selectedTags = useMemo(() => new Set(route.tags ?? []), [route.tags?.join(',')]);
  const shown = useMemo(() => {
    if (!clustered) return undefined;
    const root = clustered.nodes.find(
      (node) => node.kind === kind && node.namespace === route.namespace && node.name === route.name,
    );
    const onlyIds = taggedIds(clustered, tagsById, selectedTags, root?.id);
    return filterGraph(clustered, { hiddenNamespaces, hiddenKinds, ...(onlyIds ? { onlyIds } : {}) });
  }, [clustered, tagsById, selectedTags, hiddenNamespaces, hiddenKinds]);
  const tagList = useMemo(() => (clustered ? tagCounts(clustered, tagsById) : []), [clustered, tagsById]);
  const states = useRunStates(shown?.nodes);
  const elements = useMemo(() => (shown ? toCyElements(shown, states) : []), [shown, states]);
  const nodesById = useMemo(() => new Map((shown?.nodes ?? []).map((node) => [node.id, node])), [shown]);
  const rootNode = shown?.nodes.find(
    (node) => node.kind === kind && node.namespace === route.namespace && node.name === route.name,
  );

  const selected = route.focus && nodesById.has(route.focus) ? route.focus : undefined;
  const path = useMemo(
    () => (shown && selected && pathEnd ? pathBetween(shown, selected, pathEnd) : undefined),
    [shown, selected, pathEnd],
  );
  const marks = useMemo<GraphMarks>(() => {
    const result: GraphMarks = {
      pathEnds: [],
      onPath: [],
      faded: [],
      hidden: [],
      ...(rootNode ? { root: rootNode.id } : {}),
    };
    if (selected) result.selected = selected;
    if (!shown) return result;
    if (selected && pathEnd) {
      result.pathEnds = [selected, pathEnd];
      if (path) result.onPath = [...path, ...edgesOnPath(shown.edges, path)];
    }
    if (focusMode && selected) {
      const near = new Set([
        ...traverse(shown, selected, 'upstream').keys(),
        ...traverse(shown, selected, 'downstream').keys(),
      ]);
      // Keep the compound parents of kept fields visible.
      for (const element of elements)
        if (near.has(element.data.id) && element.data.parent) near.add(String(element.data.parent));
      result.faded = [
        ...shown.nodes.filter((node) => !near.has(node.id)).map((node) => node.id),
        ...shown.edges.filter((edge) => !near.has(edge.source) || !near.has(edge.target)).map((edge) => edge.id),
      ];
    }
    return result;
  }, [shown, elements, selected, pathEnd, path, focusMode, rootNode]);

  const onSelectNode = (id: string | undefined, additive: boolean) => {
    const node = id ? nodesById.get(id) : undefined;
    if (node?.clusterOf) {
      void openCluster(node);
      return;
    }
    if (node?.clusterSize && id) {
      setClusterShown((map) => new Map(map).set(id, (map.get(id) ?? FAN_OUT_THRESHOLD) + FAN_OUT_THRESHOLD));
      return;
    }
    if (additive && selected && id && id !== selected) {
      setPathEnd(id);
      return;
    }
    setPathEnd(undefined);
    update({ focus: id });
  };
  const onExpand = (node: LineageNode, direction: 'UPSTREAM' | 'DOWNSTREAM' | 'BOTH') => void expand(node, direction);
  const exportPng = () => {
    const blob = apiRef.current?.png();
    if (!blob) return;
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `lineage-${route.name}.png`;
    a.click();
    window.setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  };
  const selectedNode = selected ? nodesById.get(selected) : undefined;
  const namespaces = useMemo(() => [...new Set((graph?.nodes ?? []).map((node) => node.namespace))].sort(), [graph]);

  return (
    <section className="lineage-page" aria-labelledby="lineage-title">
      <div className="page-heading">
        <h1 id="lineage-title">
          Lineage of <Link href={links.node(kind, route.namespace, route.name)}>{route.name}</Link>
        </h1>
        <span className="muted small">
          {route.namespace}
          {shown ? ` · ${shown.nodes.length} nodes, ${shown.edges.length} edges` : ''}
          {route.asOf ? ` · as of ${route.asOf.slice(0, 10)}` : ''}
        </span>
      </div>
      <GraphToolbar
        depths={depths}
        onDepths={(next) => update(withDepths(next))}
        granularity={route.granularity}
        view={view}
        focusMode={focusMode}
        daysAgo={daysAgo}
        onChange={(change) => update(change, !('granularity' in change || 'view' in change))}
        onFocusMode={setFocusMode}
        onDaysAgo={setDaysAgo}
        apiRef={apiRef}
        onExportPng={exportPng}
      />
      <GraphFilters
        namespaces={namespaces}
        tags={tagList}
        selectedTags={selectedTags}
        onToggleTag={(tag) => {
          const next = [...toggle(selectedTags, tag)];
          update({ tags: next.length > 0 ? next : undefined });
        }}
        hiddenNamespaces={hiddenNamespaces}
        hiddenKinds={hiddenKinds}
        onToggleNamespace={(ns) => setHiddenNamespaces((set) => toggle(set, ns))}
        onToggleKind={(k) => setHiddenKinds((set) => toggle(set, k))}
      />
      {state.status === 'done' && state.data.lineage.truncated && (
        <p className="notice" role="status">
          Only the first nodes are shown: the graph is larger than the limit. Lower the depth or expand nodes one by
          one.
        </p>
      )}
      {expandError && <ErrorMessage error={expandError} title="Could not expand that node" />}
      {state.status === 'loading' && <Skeleton lines={8} label="Loading lineage" />}
      {state.status === 'error' && <ErrorMessage error={state.error} title="Could not load the lineage" />}
      {shown && shown.nodes.length <= 1 && (
        <EmptyState title="No lineage recorded">
          No job has read or written <code>{route.name}</code> {route.asOf ? 'by that date' : 'yet'}.
        </EmptyState>
      )}
      {shown && view === 'table' && <GraphTable graph={shown} />}
      {shown && view === 'graph' && (
        <div className="graph-area">
          <GraphCanvas
            elements={elements}
            marks={marks}
            layoutEngine={params.get('layout')}
            perf={params.get('perf')}
            onSelectNode={onSelectNode}
            onOpenNode={(id) => {
              const node = nodesById.get(id);
              if (node) onExpand(node, 'BOTH');
            }}
            apiRef={apiRef}
          />
          {selectedNode && (
            <NodePanel
              node={selectedNode}
              pathHint={
                pathEnd
                  ? path
                    ? `Path of ${path.length} nodes highlighted.`
                    : 'These two nodes are not connected.'
                  : undefined
              }
              onExpand={onExpand}
              onClose={() => onSelectNode(undefined, false)}
            />
          )}
        </div>
      )}
    </section>
  );
}
