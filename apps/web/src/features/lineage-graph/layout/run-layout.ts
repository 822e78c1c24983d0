import { layeredLayout, type Point } from '../utils/layered-layout.js';
import { layoutInput, placeChildren } from '../utils/layout-input.js';
import type { CyElement } from '../utils/to-cy-elements.js';
import type { LayoutRequest, LayoutResponse } from './layout-messages.js';

export type LayoutEngine = 'elk' | 'layered';

/**
 * ELK only when asked for (`?layout=elk`): measured in headless Chromium it
 * took 3.7 s for 200 nodes and 13.6 s for 1,000 in its worker, against
 * 57 ms and 182 ms for the in-house layered layout (docs/benchmarks.md).
 */
export const DEFAULT_ENGINE: LayoutEngine = 'layered';

let worker: Worker | undefined;
let sequence = 0;
const waiting = new Map<number, (response: LayoutResponse) => void>();

function elkWorker(): Worker {
  if (!worker) {
    worker = new Worker(new URL('./elk.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<LayoutResponse>) => {
      waiting.get(event.data.id)?.(event.data);
      waiting.delete(event.data.id);
    };
  }
  return worker;
}

export function pickEngine(requested?: string | null): LayoutEngine {
  return requested === 'elk' || requested === 'layered' ? requested : DEFAULT_ENGINE;
}

/** Positions of every non-compound node, laid out left to right. */
export async function runLayout(
  elements: readonly CyElement[],
  requested?: string | null,
): Promise<{ positions: Map<string, Point>; engine: LayoutEngine }> {
  const input = layoutInput(elements);
  const engine = pickEngine(requested);
  let centres: Map<string, Point>;
  if (engine === 'elk') {
    const id = ++sequence;
    const response = await new Promise<LayoutResponse>((resolve) => {
      waiting.set(id, resolve);
      elkWorker().postMessage({ id, boxes: input.boxes, edges: input.edges } satisfies LayoutRequest);
    });
    centres = response.error ? layeredLayout(input.boxes, input.edges) : new Map(response.positions);
  } else {
    centres = layeredLayout(input.boxes, input.edges);
  }
  return { positions: placeChildren(input, centres), engine };
}
