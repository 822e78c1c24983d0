import type { Core } from 'cytoscape';

/** What tests and the render benchmark read: whether the graph is laid out and interactive, and how long that took. */
export type GraphProbe = {
  ready: boolean;
  nodes: number;
  edges: number;
  engine: string;
  layoutMs: number;
  readyAt: number;
  cy?: Core;
};

declare global {
  interface Window {
    __tributaryGraph?: GraphProbe;
  }
}

export function publishProbe(probe: GraphProbe): void {
  window.__tributaryGraph = probe;
}
