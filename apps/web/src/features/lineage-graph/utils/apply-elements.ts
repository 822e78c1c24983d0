import type { Core, ElementDefinition } from 'cytoscape';
import type { Point } from './layered-layout.js';
import { diffElements, type CyElement } from './to-cy-elements.js';

/**
 * Brings a Cytoscape instance from the elements it shows (`shown`) to `next`
 * in one batch: removals, data/class updates and additions by id. With
 * `positions` (after a layout) new nodes are added already placed and the
 * ones already shown move; returns the new `shown` map.
 */
export function applyElements(
  cy: Core,
  shown: ReadonlyMap<string, CyElement>,
  next: readonly CyElement[],
  positions?: ReadonlyMap<string, Point>,
): Map<string, CyElement> {
  const diff = diffElements(shown, next);
  cy.batch(() => {
    for (const id of diff.remove) cy.getElementById(id).remove();
    for (const element of diff.update) {
      const existing = cy.getElementById(element.data.id);
      existing.data(element.data);
      existing.classes(element.classes);
    }
    // `next` lists parents before children, so compound children find them.
    if (diff.add.length > 0)
      cy.add(
        diff.add.map((element) => {
          const at = positions?.get(element.data.id);
          return (at ? { ...element, position: { ...at } } : element) as ElementDefinition;
        }),
      );
    if (positions) {
      const added = new Set(diff.add.map((element) => element.data.id));
      for (const [id, at] of positions) if (!added.has(id)) cy.getElementById(id).position({ ...at });
    }
  });
  return new Map(next.map((element) => [element.data.id, element]));
}
