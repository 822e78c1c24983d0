import type { Core } from 'cytoscape';
import { useEffect, useRef } from 'react';

const W = 180;
const H = 110;

/** A small overview of the whole graph with the visible area; click to move there. */
export function Minimap({ cy, version }: { cy: Core | undefined; version: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!cy) return undefined;
    let frame = 0;
    const draw = () => {
      frame = 0;
      const context = canvas.current?.getContext('2d');
      if (!context) return;
      const box = cy.elements().boundingBox();
      if (!Number.isFinite(box.w) || box.w === 0) return;
      const scale = Math.min(W / box.w, H / box.h);
      const css = getComputedStyle(document.documentElement);
      context.clearRect(0, 0, W, H);
      context.fillStyle = css.getPropertyValue('--muted').trim() || '#888';
      cy.nodes().forEach((node) => {
        if (node.isParent()) return;
        const p = node.position();
        context.fillRect((p.x - box.x1) * scale, (p.y - box.y1) * scale, 2, 2);
      });
      const view = cy.extent();
      context.strokeStyle = css.getPropertyValue('--accent').trim() || '#f59e0b';
      context.lineWidth = 1.5;
      context.strokeRect((view.x1 - box.x1) * scale, (view.y1 - box.y1) * scale, view.w * scale, view.h * scale);
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(draw);
    };
    schedule();
    cy.on('viewport', schedule);
    return () => {
      cy.off('viewport', schedule);
      if (frame) cancelAnimationFrame(frame);
    };
  }, [cy, version]);
  const onClick = (event: React.MouseEvent<HTMLCanvasElement>) => {
    if (!cy) return;
    const box = cy.elements().boundingBox();
    const scale = Math.min(W / box.w, H / box.h);
    const rect = event.currentTarget.getBoundingClientRect();
    const x = box.x1 + (event.clientX - rect.left) / scale;
    const y = box.y1 + (event.clientY - rect.top) / scale;
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
