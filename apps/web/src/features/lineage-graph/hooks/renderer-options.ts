import type { CytoscapeOptions } from 'cytoscape';

/**
 * Renderer settings by graph size. `variant` (the `perf` URL parameter) lets
 * the render benchmark compare them; the default is what it measured best.
 */
export function rendererOptions(nodeCount: number, variant?: string | null): Partial<CytoscapeOptions> {
  switch (variant ?? 'auto') {
    case 'plain':
      return {};
    case 'hide-edges':
      return { hideEdgesOnViewport: true };
    case 'texture':
      return { textureOnViewport: true };
    case 'webgl':
      return { webgl: true } as Partial<CytoscapeOptions>;
    default:
      return nodeCount > 500 ? { hideEdgesOnViewport: true, hideLabelsOnViewport: true } : {};
  }
}
