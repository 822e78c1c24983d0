import type { LayoutBox, LayoutEdge, Point } from '../utils/layered-layout.js';

export type LayoutRequest = { id: number; boxes: LayoutBox[]; edges: LayoutEdge[] };
export type LayoutResponse = { id: number; positions: Array<[string, Point]>; error?: string };
