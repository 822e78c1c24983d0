import type { StylesheetJson } from 'cytoscape';

/** Colours come from the page's CSS variables, so the graph follows the theme. */
function palette() {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    text: v('--text', '#1d2330'),
    muted: v('--muted', '#6b7280'),
    surface: v('--surface', '#ffffff'),
    dataset: v('--node-dataset', '#dbeafe'),
    datasetBorder: v('--node-dataset-border', '#3b82f6'),
    job: v('--node-job', '#ede9fe'),
    jobBorder: v('--node-job-border', '#7c3aed'),
    edge: v('--edge', '#94a3b8'),
    accent: v('--accent', '#f59e0b'),
    fail: v('--state-fail', '#dc2626'),
    ok: v('--state-complete', '#16a34a'),
    running: v('--state-running', '#2563eb'),
  };
}

/** `large`: haystack edges (no arrowheads; direction reads left to right anyway), measurably cheaper to draw on 1,000+ nodes. */
export function cyStyle(large = false): StylesheetJson {
  const c = palette();
  return [
    {
      selector: 'node',
      style: {
        label: 'data(label)',
        width: 'data(w)',
        height: 'data(h)',
        shape: 'round-rectangle',
        'font-size': 12,
        'font-family': 'system-ui, sans-serif',
        color: c.text,
        'text-valign': 'center',
        'text-halign': 'center',
        'text-max-width': '220px',
        'text-wrap': 'ellipsis',
        'border-width': 1.5,
        'background-color': c.dataset,
        'border-color': c.datasetBorder,
        // On big graphs labels below this on-screen size are skipped: a big win when zoomed out on 2,000 nodes.
        'min-zoomed-font-size': large ? 7 : 0,
      },
    },
    { selector: 'node.job', style: { 'background-color': c.job, 'border-color': c.jobBorder, shape: 'rectangle' } },
    { selector: 'node.cluster', style: { 'border-style': 'dashed', 'border-width': 2, 'font-weight': 'bold' } },
    {
      selector: 'node.compound',
      style: {
        // The dataset name sits just above its column stack.
        'text-valign': 'top',
        'text-margin-y': -4,
        'padding-top': '6px',
        'padding-left': '8px',
        'padding-right': '8px',
        'padding-bottom': '6px',
        'font-weight': 'bold',
        'background-opacity': 0.35,
      },
    },
    {
      selector: 'node.field',
      style: {
        'background-color': c.surface,
        'border-color': c.edge,
        'border-width': 1,
        'font-size': 11,
        shape: 'rectangle',
      },
    },
    { selector: 'node.state-fail', style: { 'border-color': c.fail, 'border-width': 3 } },
    { selector: 'node.state-complete', style: { 'border-color': c.ok, 'border-width': 2.5 } },
    { selector: 'node.state-running', style: { 'border-color': c.running, 'border-width': 2.5 } },
    { selector: 'node.root', style: { 'border-width': 3, 'border-color': c.accent } },
    { selector: 'node:selected', style: { 'border-width': 3, 'border-color': c.accent, 'overlay-opacity': 0 } },
    { selector: 'node.path-end', style: { 'border-width': 3, 'border-color': c.accent, 'border-style': 'double' } },
    {
      selector: 'edge',
      style: {
        width: 1.4,
        'line-color': c.edge,
        'target-arrow-color': c.edge,
        'target-arrow-shape': 'triangle',
        'arrow-scale': 0.8,
        'curve-style': large ? 'haystack' : 'bezier',
        'haystack-radius': 0,
      },
    },
    { selector: 'edge.feeds', style: { 'line-style': 'solid', width: 1.2 } },
    { selector: 'edge.cluster', style: { 'line-style': 'dashed' } },
    {
      selector: '.on-path',
      style: { 'line-color': c.accent, 'target-arrow-color': c.accent, width: 3, 'border-color': c.accent },
    },
    { selector: '.faded', style: { opacity: 0.12 } },
    { selector: '.hidden', style: { display: 'none' } },
  ];
}
