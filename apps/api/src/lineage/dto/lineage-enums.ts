import { registerEnumType } from '@nestjs/graphql';

export enum NodeKind {
  DATASET = 'DATASET',
  JOB = 'JOB',
  FIELD = 'FIELD',
}

export enum LineageDirection {
  UPSTREAM = 'UPSTREAM',
  DOWNSTREAM = 'DOWNSTREAM',
  BOTH = 'BOTH',
}

export enum LineageGranularity {
  DATASET = 'DATASET',
  COLUMN = 'COLUMN',
}

/** Ordered from the weakest to the strongest change of the data on a column lineage edge. */
export enum TransformationKind {
  IDENTITY = 'IDENTITY',
  TRANSFORMATION = 'TRANSFORMATION',
  MASKED = 'MASKED',
  AGGREGATION = 'AGGREGATION',
  INDIRECT = 'INDIRECT',
}

registerEnumType(NodeKind, { name: 'NodeKind' });
registerEnumType(LineageDirection, { name: 'LineageDirection' });
registerEnumType(LineageGranularity, { name: 'LineageGranularity' });
registerEnumType(TransformationKind, {
  name: 'TransformationKind',
  description:
    'How much a column lineage edge changes the data, weakest first; INDIRECT means the column only filters, joins or groups.',
});
