import type { Core } from 'cytoscape';
import { useEffect, useRef } from 'react';

const W = 180;
const H = 110;

type Frame = { x1: number; y1: number; scale: number; nodes: HTMLCanvasElement };

/**
 * A small overview of the whole graph with the visible area; click to move
 * there. The nodes are drawn once per layout into an offscreen canvas; a
 * viewport change only blits it and draws the rectangle, so panning a
 * 2,000-node graph does not pay for the minimap.
 */
export function Minimap({ cy, version }: { cy: Core | undefined; version: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const frame = useRef<Frame | undefined>(undefined);
  useEffect(() => {
    if (!cy || version === 0) return undefined;
    const css = getComputedStyle(document.documentElement);
    const bounds = cy.nodes().boundingBox({ includeLabels: false });
    if (!Number.isFinite(bounds.w) || bounds.w === 0) return undefined;
    // Centre the graph in the minimap whatever its aspect ratio.
    const pad = 0.05 * Math.max(bounds.w, bounds.h);
    const scale = Math.min(W / (bounds.w + 2 * pad), H / (bounds.h + 2 * pad));
    const box = { x1: bounds.x1 - (W / scale - bounds.w) / 2, y1: bounds.y1 - (H / scale - bounds.h) / 2 };
    const nodes = document.createElement('canvas');
    nodes.width = W;
    nodes.height = H;
    const context = nodes.getContext('2d')!;
    context.fillStyle = css.getPropertyValue('--muted').trim() || '#888';
    cy.nodes().forEach((node) => {
      if (node.isParent()) return;
      const p = node.position();
      context.fillRect((p.x - box.x1) * scale, (p.y - box.y1) * scale, 2, 2);
    });
    frame.current = { x1: box.x1, y1: box.y1, scale, nodes };
    const accent = css.getPropertyValue('--accent').trim() || '#f59e0b';
    let pending = 0;
    const draw = () => {
      pending = 0;
      const target = canvas.current?.getContext('2d');
      const current = frame.current;
      if (!target || !current) return;
      target.clearRect(0, 0, W, H);
      target.drawImage(current.nodes, 0, 0);
      const view = cy.extent();
      target.strokeStyle = accent;
      target.lineWidth = 1.5;
      target.strokeRect(
        (view.x1 - current.x1) * current.scale,
        (view.y1 - current.y1) * current.scale,
        view.w * current.scale,
        view.h * current.scale,
      );
    };
    const schedule = () => {
      if (!pending) pending = requestAnimationFrame(draw);
    };
    schedule();
    cy.on('viewport', schedule);
    return () => {
      cy.off('viewport', schedule);
      if (pending) cancelAnimationFrame(pending);
    };
  }, [cy, version]);
  const onClick = (event: React.MouseEvent<HTMLCanvasElement>) => {
    const current = frame.current;
    if (!cy || !current) return;
    const rect = event.currentTarget.getBoundingClientRect();
    const x = current.x1 + (event.clientX - rect.left) / current.scale;
    const y = current.y1 + (event.clientY - rect.top) / current.scale;
    const zoom = cy.zoom();
    cy.pan({ x: cy.width() / 2 - x * zoom, y: cy.height() / 2 - y * zoom });
  };
  return (
    <canvas
      ref={canvas}
      className="minimap"
      width={W}
      height={H}
      aria-label="Minimap: click to move the view"
      onClick={onClick}
    />
  );
}
