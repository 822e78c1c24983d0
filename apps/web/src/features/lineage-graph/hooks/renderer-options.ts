import type { CytoscapeOptions } from 'cytoscape';

/**
 * Renderer settings. `variant` (the `perf` URL parameter) lets the render
 * benchmark compare them. The default is Cytoscape's own: measured with a
 * real mouse drag on 2,000 nodes it pans from its texture caches at ~54 fps,
 * while hiding edges or labels during the gesture defeats those caches
 * (~27 fps) and textureOnViewport and WebGL (software GL in headless
 * Chromium) are slower still (docs/benchmarks.md).
 */
export function rendererOptions(variant?: string | null): Partial<CytoscapeOptions> {
  switch (variant ?? 'default') {
    case 'hide-edges':
      return { hideEdgesOnViewport: true };
    case 'hide-edges-labels':
      return { hideEdgesOnViewport: true, hideLabelsOnViewport: true };
    case 'texture':
      return { textureOnViewport: true };
    case 'webgl':
      return { webgl: true } as Partial<CytoscapeOptions>;
    default:
      return {};
  }
}
