import { z } from 'zod';
import { compile } from 'zod/v4/core';
import { EVENT_TYPES, type EventKind } from '../types.js';
import { isDateTime } from './formats.js';
import { anyObject, uriString, uuidString } from './schema-helpers.js';

// Event structure as OpenLineage.json (2-0-2) states it. Facet maps are only
// checked to be objects here; their facets are checked one by one, never fatally.

const facets = anyObject.optional();

const dataset = { namespace: z.string(), name: z.string(), facets };

const inputDataset = z.object({ ...dataset, inputFacets: facets });
const outputDataset = z.object({ ...dataset, outputFacets: facets });

const run = z.object({ runId: uuidString, facets });
const job = z.object({ namespace: z.string(), name: z.string(), facets });

const baseEvent = {
  // Marquez accepts a missing offset (read as UTC) and the corpus marks such events complete.
  eventTime: z.string().refine((text) => isDateTime(text, false), {
    error: 'must be an RFC 3339 date-time (e.g. 2024-05-01T12:00:00.000Z)',
  }),
  producer: uriString,
  schemaURL: uriString,
};

export const EVENT_SCHEMAS: Readonly<Record<EventKind, z.ZodType>> = {
  RunEvent: compile(
    z.object({
      ...baseEvent,
      eventType: z.enum(EVENT_TYPES as [string, ...string[]]).optional(),
      run,
      job,
      inputs: z.array(inputDataset).optional(),
      outputs: z.array(outputDataset).optional(),
    }),
  ),
  DatasetEvent: compile(z.object({ ...baseEvent, dataset: z.object(dataset) })),
  JobEvent: compile(
    z.object({
      ...baseEvent,
      job,
      inputs: z.array(inputDataset).optional(),
      outputs: z.array(outputDataset).optional(),
    }),
  ),
};
