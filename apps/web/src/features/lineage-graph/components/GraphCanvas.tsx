import cytoscape, { type Core, type EventObject } from 'cytoscape';
import { useEffect, useRef, useState, type RefObject } from 'react';
import { publishProbe } from '../hooks/graph-probe.js';
import { rendererOptions } from '../hooks/renderer-options.js';
import { runLayout } from '../layout/run-layout.js';
import { applyElements } from '../utils/apply-elements.js';
import type { CyElement } from '../utils/to-cy-elements.js';
import { cyStyle } from './cy-style.js';
import { Minimap } from './Minimap.js';

/** From this many nodes on, the cheaper edge style is used (docs/benchmarks.md). */
const LARGE_GRAPH = 500;

export type GraphApi = { fit: () => void; zoom: (factor: number) => void; png: () => Blob | undefined };

/** Class toggles that mark state on elements; applied without re-rendering React. */
export type GraphMarks = {
  selected?: string;
  pathEnds: string[];
  onPath: string[];
  faded: string[];
  hidden: string[];
  root?: string;
};

type Props = {
  elements: CyElement[];
  marks: GraphMarks;
  layoutEngine?: string | null;
  perf?: string | null;
  onSelectNode: (id: string | undefined, additive: boolean) => void;
  onOpenNode: (id: string) => void;
  apiRef: RefObject<GraphApi | undefined>;
};

function nodeIdsKey(elements: readonly CyElement[]): string {
  return elements
    .filter((element) => element.group === 'nodes')
    .map((element) => element.data.id)
    .join('\n');
}

/**
 * One Cytoscape instance for the life of the component, kept out of React
 * state: element changes are applied as a diff inside cy.batch(), the layout
 * runs only when the node set changes, marks are class toggles.
 */
export function GraphCanvas({ elements, marks, layoutEngine, perf, onSelectNode, onOpenNode, apiRef }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const cyRef = useRef<Core | undefined>(undefined);
  const shown = useRef(new Map<string, CyElement>());
  const laidOutKey = useRef<string>('');
  const generation = useRef(0);
  const handlers = useRef({ onSelectNode, onOpenNode });
  handlers.current = { onSelectNode, onOpenNode };
  const [cy, setCy] = useState<Core>();
  const [layoutVersion, setLayoutVersion] = useState(0);
  const [status, setStatus] = useState<'layout' | 'ready'>('layout');

  useEffect(() => {
    const nodeCount = elements.filter((element) => element.group === 'nodes').length;
    const large = nodeCount > LARGE_GRAPH;
    const instance = cytoscape({
      container: container.current,
      style: cyStyle(large),
      minZoom: 0.05,
      maxZoom: 3,
      boxSelectionEnabled: false,
      autoungrabify: false,
      ...rendererOptions(perf),
    });
    cyRef.current = instance;
    setCy(instance);
    instance.on('tap', 'node', (event: EventObject) => {
      const original = event.originalEvent as MouseEvent | undefined;
      handlers.current.onSelectNode(event.target.id() as string, Boolean(original?.shiftKey));
    });
    instance.on('tap', (event: EventObject) => {
      if (event.target === instance) handlers.current.onSelectNode(undefined, false);
    });
    instance.on('dbltap', 'node', (event: EventObject) => handlers.current.onOpenNode(event.target.id() as string));
    const restyle = () => instance.style(cyStyle(large));
    window.addEventListener('tributary:theme', restyle);
    apiRef.current = {
      fit: () => instance.fit(undefined, 30),
      zoom: (factor) =>
        instance.zoom({
          level: instance.zoom() * factor,
          renderedPosition: { x: instance.width() / 2, y: instance.height() / 2 },
        }),
      png: () =>
        instance.png({ output: 'blob', full: true, scale: 1, bg: getComputedStyle(document.body).backgroundColor }),
    };
    return () => {
      window.removeEventListener('tributary:theme', restyle);
      apiRef.current = undefined;
      instance.destroy();
      cyRef.current = undefined;
      shown.current.clear();
      laidOutKey.current = '';
    };
    // The instance lives as long as the component; renderer options are read once.
  }, []);

  useEffect(() => {
    const instance = cyRef.current;
    if (!instance) return;
    const started = performance.now();
    // The diff is taken when it is applied, against what is shown by then.
    const apply = (positions?: ReadonlyMap<string, { x: number; y: number }>) => {
      shown.current = applyElements(instance, shown.current, elements, positions);
    };
    const key = nodeIdsKey(elements);
    if (key === laidOutKey.current) {
      apply();
      return;
    }
    laidOutKey.current = key;
    const mine = ++generation.current;
    setStatus('layout');
    void runLayout(elements, layoutEngine).then(({ positions, engine }) => {
      if (mine !== generation.current || cyRef.current !== instance) return;
      const layoutMs = performance.now() - started;
      apply(positions);
      instance.fit(undefined, 30);
      setLayoutVersion((v) => v + 1);
      // Two frames: the first paints the laid-out graph, the second proves the page answers again.
      requestAnimationFrame(() =>
        requestAnimationFrame(() => {
          if (mine !== generation.current) return;
          setStatus('ready');
          publishProbe({
            ready: true,
            nodes: instance.nodes().length,
            edges: instance.edges().length,
            engine,
            layoutMs,
            readyAt: performance.now(),
            cy: instance,
          });
        }),
      );
    });
  }, [elements, layoutEngine]);

  useEffect(() => {
    const instance = cyRef.current;
    if (!instance) return;
    instance.batch(() => {
      instance.elements().removeClass('on-path faded hidden path-end root');
      const byIds = (ids: string[]) => {
        let collection = instance.collection();
        for (const id of ids) collection = collection.union(instance.getElementById(id));
        return collection;
      };
      byIds(marks.onPath).addClass('on-path');
      byIds(marks.pathEnds).addClass('path-end');
      byIds(marks.faded).addClass('faded');
      byIds(marks.hidden).addClass('hidden');
      if (marks.root) byIds([marks.root]).addClass('root');
      instance.nodes(':selected').unselect();
      if (marks.selected) instance.getElementById(marks.selected).select();
    });
  }, [marks, elements]);

  return (
    <div className="graph-canvas-wrap">
      <div
        ref={container}
        className="graph-canvas"
        data-graph-state={status}
        role="application"
        aria-label="Lineage graph. Use the table view for a list of the same nodes and edges."
        tabIndex={0}
      />
      <Minimap cy={cy} version={layoutVersion} />
      {status === 'layout' && <div className="graph-overlay">Laying out…</div>}
    </div>
  );
}
