/** A box to place: top-level nodes; children of compounds are stacked inside their parent. */
export type LayoutBox = { id: string; width: number; height: number };
export type LayoutEdge = { source: string; target: string };
export type Point = { x: number; y: number };

const LAYER_GAP = 90;
const NODE_GAP = 18;

/**
 * A left-to-right layered (Sugiyama-style) layout in linear-ish time:
 * depth-first cycle breaking, longest-path layers (sources pulled next to
 * their first consumer), four barycenter sweeps to cut crossings, then
 * stacked coordinates. Returns box centres. Built because dagre takes
 * seconds at 1,000+ nodes (see docs/benchmarks.md).
 */
export function layeredLayout(boxes: readonly LayoutBox[], edges: readonly LayoutEdge[]): Map<string, Point> {
  const index = new Map(boxes.map((box, i) => [box.id, i]));
  const n = boxes.length;
  const out: number[][] = Array.from({ length: n }, () => []);
  const inn: number[][] = Array.from({ length: n }, () => []);
  const seenEdge = new Set<number>();
  // Cycle breaking: drop edges that close a cycle in DFS order.
  const raw: Array<[number, number]> = [];
  for (const edge of edges) {
    const s = index.get(edge.source);
    const t = index.get(edge.target);
    if (s === undefined || t === undefined || s === t) continue;
    const key = s * n + t;
    if (seenEdge.has(key)) continue;
    seenEdge.add(key);
    raw.push([s, t]);
  }
  const succ: number[][] = Array.from({ length: n }, () => []);
  for (const [s, t] of raw) succ[s]!.push(t);
  const state = new Uint8Array(n); // 0 new, 1 on stack, 2 done
  for (let root = 0; root < n; root++) {
    if (state[root]) continue;
    const stack: Array<[number, number]> = [[root, 0]];
    state[root] = 1;
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const [v, i] = top;
      const list = succ[v]!;
      if (i < list.length) {
        top[1]++;
        const w = list[i]!;
        if (state[w] === 1) continue; // back edge: ignored for layering
        out[v]!.push(w);
        inn[w]!.push(v);
        if (state[w] === 0) {
          state[w] = 1;
          stack.push([w, 0]);
        }
      } else {
        state[v] = 2;
        stack.pop();
      }
    }
  }
  // Longest path layering in topological order (Kahn).
  const layer = new Int32Array(n);
  const pending = inn.map((list) => list.length);
  const order: number[] = [];
  for (let v = 0; v < n; v++) if (pending[v] === 0) order.push(v);
  for (let head = 0; head < order.length; head++) {
    const v = order[head]!;
    for (const w of out[v]!) {
      layer[w] = Math.max(layer[w]!, layer[v]! + 1);
      if (--pending[w]! === 0) order.push(w);
    }
  }
  // Sources sit just left of their nearest consumer instead of all at layer 0.
  for (let k = order.length - 1; k >= 0; k--) {
    const v = order[k]!;
    if (inn[v]!.length === 0 && out[v]!.length > 0) layer[v] = Math.min(...out[v]!.map((w) => layer[w]!)) - 1;
  }
  const layerCount = n === 0 ? 0 : Math.max(...layer) + 1;
  const layers: number[][] = Array.from({ length: layerCount }, () => []);
  for (const v of order) layers[layer[v]!]!.push(v);
  const pos = new Float64Array(n);
  const reindex = (list: number[]) => list.forEach((v, i) => (pos[v] = i));
  layers.forEach(reindex);
  const sweep = (list: number[], neighbours: number[][]) => {
    const bary = new Map<number, number>();
    for (const v of list) {
      const ns = neighbours[v]!;
      bary.set(v, ns.length === 0 ? pos[v]! : ns.reduce((sum, w) => sum + pos[w]!, 0) / ns.length);
    }
    list.sort((a, b) => bary.get(a)! - bary.get(b)!);
    reindex(list);
  };
  for (let round = 0; round < 2; round++) {
    for (let l = 1; l < layerCount; l++) sweep(layers[l]!, inn);
    for (let l = layerCount - 2; l >= 0; l--) sweep(layers[l]!, out);
  }
  const result = new Map<string, Point>();
  let x = 0;
  for (const list of layers) {
    const width = Math.max(...list.map((v) => boxes[v]!.width));
    const total = list.reduce((sum, v) => sum + boxes[v]!.height, 0) + NODE_GAP * (list.length - 1);
    let y = -total / 2;
    for (const v of list) {
      const box = boxes[v]!;
      result.set(box.id, { x: x + width / 2, y: y + box.height / 2 });
      y += box.height + NODE_GAP;
    }
    x += width + LAYER_GAP;
  }
  return result;
}
