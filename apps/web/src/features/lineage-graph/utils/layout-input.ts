import type { LayoutBox, LayoutEdge, Point } from './layered-layout.js';
import { COMPOUND_HEADER, FIELD_HEIGHT, type CyElement } from './to-cy-elements.js';

export type LayoutInput = { boxes: LayoutBox[]; edges: LayoutEdge[]; children: Map<string, CyElement[]> };

/**
 * Top-level boxes for the layout engine: a compound dataset is one tall box
 * sized for its stacked columns, and column edges are lifted to the datasets
 * that hold them, so column mode costs no more to lay out than dataset mode.
 */
export function layoutInput(elements: readonly CyElement[]): LayoutInput {
  const children = new Map<string, CyElement[]>();
  const parentOf = new Map<string, string>();
  for (const element of elements) {
    const parent = element.data.parent;
    if (element.group !== 'nodes' || typeof parent !== 'string') continue;
    parentOf.set(element.data.id, parent);
    const list = children.get(parent) ?? [];
    list.push(element);
    children.set(parent, list);
  }
  const boxes: LayoutBox[] = [];
  for (const element of elements) {
    if (element.group !== 'nodes' || parentOf.has(element.data.id)) continue;
    const kids = children.get(element.data.id);
    const width = Math.max(Number(element.data.w ?? 120), ...(kids ?? []).map((kid) => Number(kid.data.w ?? 0) + 16));
    const height = kids ? COMPOUND_HEADER + kids.length * (FIELD_HEIGHT + 4) + 8 : Number(element.data.h ?? 36);
    boxes.push({ id: element.data.id, width, height });
  }
  const edges: LayoutEdge[] = [];
  const lift = (id: string) => parentOf.get(id) ?? id;
  for (const element of elements) {
    if (element.group !== 'edges') continue;
    edges.push({ source: lift(String(element.data.source)), target: lift(String(element.data.target)) });
  }
  return { boxes, edges, children };
}

/** Positions for every non-compound node: box centres, children stacked under their parent's header. */
export function placeChildren(input: LayoutInput, centres: ReadonlyMap<string, Point>): Map<string, Point> {
  const positions = new Map<string, Point>();
  for (const box of input.boxes) {
    const centre = centres.get(box.id);
    if (!centre) continue;
    const kids = input.children.get(box.id);
    if (!kids) {
      positions.set(box.id, centre);
      continue;
    }
    const top = centre.y - box.height / 2 + COMPOUND_HEADER;
    kids.forEach((kid, i) =>
      positions.set(kid.data.id, { x: centre.x, y: top + i * (FIELD_HEIGHT + 4) + FIELD_HEIGHT / 2 }),
    );
  }
  return positions;
}
