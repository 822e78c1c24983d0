/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** Where a governance value came from: an OpenLineage facet (PRODUCER) or a steward edit here (STEWARD, wins). */
export type GovernanceSource = 'PRODUCER' | 'STEWARD';

export type LineageDirection = 'BOTH' | 'DOWNSTREAM' | 'UPSTREAM';

export type LineageGranularity = 'COLUMN' | 'DATASET';

export type NodeKind = 'DATASET' | 'FIELD' | 'JOB';

/** A dataset, job or field by its name; `field` (a column path) only for FIELD. */
export type NodeRef = {
  field?: string | null | undefined;
  kind: NodeKind;
  name: string;
  namespace: string;
};

export type OwnerInput = {
  name: string;
  type?: string | null | undefined;
};

/** How much a column lineage edge changes the data, weakest first; INDIRECT means the column only filters, joins or groups. */
export type TransformationKind = 'AGGREGATION' | 'IDENTITY' | 'INDIRECT' | 'MASKED' | 'TRANSFORMATION';

export type DatasetQueryVariables = Exact<{
  namespace: string;
  name: string;
}>;

export type DatasetQuery = {
  dataset: {
    namespace: string;
    name: string;
    description: string | null;
    owners: Array<string>;
    tags: Array<string>;
    classifications: Array<string>;
    qualityAssertions: unknown;
    facets: unknown;
    fields: Array<{
      id: string | null;
      name: string;
      path: string;
      type: string | null;
      description: string | null;
      tags: Array<string>;
    }>;
    versions: Array<{
      version: string;
      createdAt: string | null;
      fields: Array<{ name: string; type: string | null }>;
      diff: { added: Array<string>; removed: Array<string>; retyped: Array<string> } | null;
    }>;
    producers: Array<{ namespace: string; name: string }>;
    consumers: Array<{ namespace: string; name: string }>;
    latestRuns: Array<{
      id: string;
      state: string;
      startedAt: string | null;
      endedAt: string | null;
      durationMs: number | null;
      jobName: string | null;
    }>;
  } | null;
};

export type ClassificationFlowQueryVariables = Exact<{
  classification: string;
  namespace?: string | null | undefined;
}>;

export type ClassificationFlowQuery = {
  classificationFlow: {
    classification: string;
    includesIndirect: boolean;
    totalFields: number;
    totalDatasets: number;
    restrictedFields: number;
    items: Array<{
      sourceId: string;
      distance: number;
      path: Array<string>;
      jobs: Array<string>;
      node: { id: string; kind: NodeKind; namespace: string; name: string; field: string | null; label: string };
      owners: Array<{ name: string; type: string | null }>;
    }>;
  };
};

export type GovernanceFieldsFragment = {
  id: string;
  kind: NodeKind;
  namespace: string;
  name: string;
  field: string | null;
  description: string | null;
  descriptionSource: GovernanceSource | null;
  ownersSource: GovernanceSource | null;
  tags: Array<string>;
  tagsSource: GovernanceSource | null;
  propagationBlocked: Array<string>;
  owners: Array<{ name: string; type: string | null }>;
  classifications: Array<{
    name: string;
    level: number | null;
    inherited: boolean;
    sourceId: string | null;
    path: Array<string>;
    setBy: string | null;
    setAt: string | null;
  }>;
  glossaryTerms: Array<{ name: string; definition: string | null }>;
};

export type GovernanceQueryVariables = Exact<{
  node: NodeRef;
}>;

export type GovernanceQuery = {
  governance: {
    id: string;
    kind: NodeKind;
    namespace: string;
    name: string;
    field: string | null;
    description: string | null;
    descriptionSource: GovernanceSource | null;
    ownersSource: GovernanceSource | null;
    tags: Array<string>;
    tagsSource: GovernanceSource | null;
    propagationBlocked: Array<string>;
    owners: Array<{ name: string; type: string | null }>;
    classifications: Array<{
      name: string;
      level: number | null;
      inherited: boolean;
      sourceId: string | null;
      path: Array<string>;
      setBy: string | null;
      setAt: string | null;
    }>;
    glossaryTerms: Array<{ name: string; definition: string | null }>;
  };
  glossaryTerms: Array<{ name: string; definition: string | null }>;
};

export type SetDescriptionMutationVariables = Exact<{
  node: NodeRef;
  description?: string | null | undefined;
}>;

export type SetDescriptionMutation = {
  change: {
    id: string;
    kind: NodeKind;
    namespace: string;
    name: string;
    field: string | null;
    description: string | null;
    descriptionSource: GovernanceSource | null;
    ownersSource: GovernanceSource | null;
    tags: Array<string>;
    tagsSource: GovernanceSource | null;
    propagationBlocked: Array<string>;
    owners: Array<{ name: string; type: string | null }>;
    classifications: Array<{
      name: string;
      level: number | null;
      inherited: boolean;
      sourceId: string | null;
      path: Array<string>;
      setBy: string | null;
      setAt: string | null;
    }>;
    glossaryTerms: Array<{ name: string; definition: string | null }>;
  };
};

export type SetOwnersMutationVariables = Exact<{
  node: NodeRef;
  owners?: Array<OwnerInput> | OwnerInput | null | undefined;
}>;

export type SetOwnersMutation = {
  change: {
    id: string;
    kind: NodeKind;
    namespace: string;
    name: string;
    field: string | null;
    description: string | null;
    descriptionSource: GovernanceSource | null;
    ownersSource: GovernanceSource | null;
    tags: Array<string>;
    tagsSource: GovernanceSource | null;
    propagationBlocked: Array<string>;
    owners: Array<{ name: string; type: string | null }>;
    classifications: Array<{
      name: string;
      level: number | null;
      inherited: boolean;
      sourceId: string | null;
      path: Array<string>;
      setBy: string | null;
      setAt: string | null;
    }>;
    glossaryTerms: Array<{ name: string; definition: string | null }>;
  };
};

export type SetTagsMutationVariables = Exact<{
  node: NodeRef;
  tags?: Array<string> | string | null | undefined;
}>;

export type SetTagsMutation = {
  change: {
    id: string;
    kind: NodeKind;
    namespace: string;
    name: string;
    field: string | null;
    description: string | null;
    descriptionSource: GovernanceSource | null;
    ownersSource: GovernanceSource | null;
    tags: Array<string>;
    tagsSource: GovernanceSource | null;
    propagationBlocked: Array<string>;
    owners: Array<{ name: string; type: string | null }>;
    classifications: Array<{
      name: string;
      level: number | null;
      inherited: boolean;
      sourceId: string | null;
      path: Array<string>;
      setBy: string | null;
      setAt: string | null;
    }>;
    glossaryTerms: Array<{ name: string; definition: string | null }>;
  };
};

export type ClassifyMutationVariables = Exact<{
  node: NodeRef;
  classification: string;
  level: number;
}>;

export type ClassifyMutation = {
  change: {
    id: string;
    kind: NodeKind;
    namespace: string;
    name: string;
    field: string | null;
    description: string | null;
    descriptionSource: GovernanceSource | null;
    ownersSource: GovernanceSource | null;
    tags: Array<string>;
    tagsSource: GovernanceSource | null;
    propagationBlocked: Array<string>;
    owners: Array<{ name: string; type: string | null }>;
    classifications: Array<{
      name: string;
      level: number | null;
      inherited: boolean;
      sourceId: string | null;
      path: Array<string>;
      setBy: string | null;
      setAt: string | null;
    }>;
    glossaryTerms: Array<{ name: string; definition: string | null }>;
  };
};

export type DeclassifyMutationVariables = Exact<{
  node: NodeRef;
  classification: string;
}>;

export type DeclassifyMutation = {
  change: {
    id: string;
    kind: NodeKind;
    namespace: string;
    name: string;
    field: string | null;
    description: string | null;
    descriptionSource: GovernanceSource | null;
    ownersSource: GovernanceSource | null;
    tags: Array<string>;
    tagsSource: GovernanceSource | null;
    propagationBlocked: Array<string>;
    owners: Array<{ name: string; type: string | null }>;
    classifications: Array<{
      name: string;
      level: number | null;
      inherited: boolean;
      sourceId: string | null;
      path: Array<string>;
      setBy: string | null;
      setAt: string | null;
    }>;
    glossaryTerms: Array<{ name: string; definition: string | null }>;
  };
};

export type AssignGlossaryTermMutationVariables = Exact<{
  node: NodeRef;
  term: string;
}>;

export type AssignGlossaryTermMutation = {
  change: {
    id: string;
    kind: NodeKind;
    namespace: string;
    name: string;
    field: string | null;
    description: string | null;
    descriptionSource: GovernanceSource | null;
    ownersSource: GovernanceSource | null;
    tags: Array<string>;
    tagsSource: GovernanceSource | null;
    propagationBlocked: Array<string>;
    owners: Array<{ name: string; type: string | null }>;
    classifications: Array<{
      name: string;
      level: number | null;
      inherited: boolean;
      sourceId: string | null;
      path: Array<string>;
      setBy: string | null;
      setAt: string | null;
    }>;
    glossaryTerms: Array<{ name: string; definition: string | null }>;
  };
};

export type UnassignGlossaryTermMutationVariables = Exact<{
  node: NodeRef;
  term: string;
}>;

export type UnassignGlossaryTermMutation = {
  change: {
    id: string;
    kind: NodeKind;
    namespace: string;
    name: string;
    field: string | null;
    description: string | null;
    descriptionSource: GovernanceSource | null;
    ownersSource: GovernanceSource | null;
    tags: Array<string>;
    tagsSource: GovernanceSource | null;
    propagationBlocked: Array<string>;
    owners: Array<{ name: string; type: string | null }>;
    classifications: Array<{
      name: string;
      level: number | null;
      inherited: boolean;
      sourceId: string | null;
      path: Array<string>;
      setBy: string | null;
      setAt: string | null;
    }>;
    glossaryTerms: Array<{ name: string; definition: string | null }>;
  };
};

export type BlockPropagationMutationVariables = Exact<{
  node: NodeRef;
}>;

export type BlockPropagationMutation = {
  change: {
    id: string;
    kind: NodeKind;
    namespace: string;
    name: string;
    field: string | null;
    description: string | null;
    descriptionSource: GovernanceSource | null;
    ownersSource: GovernanceSource | null;
    tags: Array<string>;
    tagsSource: GovernanceSource | null;
    propagationBlocked: Array<string>;
    owners: Array<{ name: string; type: string | null }>;
    classifications: Array<{
      name: string;
      level: number | null;
      inherited: boolean;
      sourceId: string | null;
      path: Array<string>;
      setBy: string | null;
      setAt: string | null;
    }>;
    glossaryTerms: Array<{ name: string; definition: string | null }>;
  };
};

export type UnblockPropagationMutationVariables = Exact<{
  node: NodeRef;
}>;

export type UnblockPropagationMutation = {
  change: {
    id: string;
    kind: NodeKind;
    namespace: string;
    name: string;
    field: string | null;
    description: string | null;
    descriptionSource: GovernanceSource | null;
    ownersSource: GovernanceSource | null;
    tags: Array<string>;
    tagsSource: GovernanceSource | null;
    propagationBlocked: Array<string>;
    owners: Array<{ name: string; type: string | null }>;
    classifications: Array<{
      name: string;
      level: number | null;
      inherited: boolean;
      sourceId: string | null;
      path: Array<string>;
      setBy: string | null;
      setAt: string | null;
    }>;
    glossaryTerms: Array<{ name: string; definition: string | null }>;
  };
};

export type NodeTagsQueryVariables = Exact<{
  ids: Array<string | number> | string | number;
}>;

export type NodeTagsQuery = { nodeTags: Array<{ id: string; tags: Array<string>; classifications: Array<string> }> };

export type RecentRunsQueryVariables = Exact<{
  first: number;
}>;

export type RecentRunsQuery = {
  recentRuns: Array<{
    id: string;
    state: string;
    startedAt: string | null;
    endedAt: string | null;
    lastEventTime: string | null;
    durationMs: number | null;
    jobNamespace: string;
    jobName: string;
    outputs: Array<{ id: string; namespace: string; name: string }>;
  }>;
};

export type NamespacesQueryVariables = Exact<{ [key: string]: never }>;

export type NamespacesQuery = { namespaces: Array<{ name: string; datasetCount: number; jobCount: number }> };

export type ImpactQueryVariables = Exact<{
  targets: Array<NodeRef> | NodeRef;
  depth?: number | null | undefined;
  granularity?: LineageGranularity | null | undefined;
}>;

export type ImpactQuery = {
  impact: {
    totalDatasets: number;
    totalFields: number;
    totalJobs: number;
    truncated: boolean;
    items: Array<{
      distance: number;
      path: Array<string>;
      owners: Array<string>;
      tags: Array<string>;
      classifications: Array<string>;
      lastSuccessfulRunAt: string | null;
      strongestTransformation: TransformationKind | null;
      node: { id: string; kind: NodeKind; namespace: string; name: string; field: string | null; label: string };
    }>;
  };
};

export type DatasetColumnsQueryVariables = Exact<{
  namespace: string;
  name: string;
}>;

export type DatasetColumnsQuery = { dataset: { fields: Array<{ name: string }> } | null };

export type JobQueryVariables = Exact<{
  namespace: string;
  name: string;
}>;

export type JobQuery = {
  job: {
    namespace: string;
    name: string;
    description: string | null;
    jobType: string | null;
    sql: string | null;
    sourceCodeUrl: string | null;
    owners: Array<string>;
    tags: Array<string>;
    facets: unknown;
    inputs: Array<{ namespace: string; name: string }>;
    outputs: Array<{ namespace: string; name: string }>;
    parent: { namespace: string; name: string } | null;
    children: Array<{ namespace: string; name: string }>;
    runs: {
      items: Array<{
        id: string;
        state: string;
        startedAt: string | null;
        endedAt: string | null;
        durationMs: number | null;
        errorMessage: string | null;
      }>;
    };
  } | null;
};

export type LineageGraphFieldsFragment = {
  truncated: boolean;
  nodes: Array<{
    id: string;
    kind: NodeKind;
    namespace: string;
    name: string;
    field: string | null;
    label: string;
    clusterSize: number | null;
    clusterOf: string | null;
  }>;
  edges: Array<{ id: string; source: string; target: string; kind: string }>;
};

export type SplitLineageQueryVariables = Exact<{
  node: NodeRef;
  up?: number | null | undefined;
  down?: number | null | undefined;
  granularity?: LineageGranularity | null | undefined;
  limit?: number | null | undefined;
}>;

export type SplitLineageQuery = {
  up: {
    truncated: boolean;
    nodes: Array<{
      id: string;
      kind: NodeKind;
      namespace: string;
      name: string;
      field: string | null;
      label: string;
      clusterSize: number | null;
      clusterOf: string | null;
    }>;
    edges: Array<{ id: string; source: string; target: string; kind: string }>;
  };
  down: {
    truncated: boolean;
    nodes: Array<{
      id: string;
      kind: NodeKind;
      namespace: string;
      name: string;
      field: string | null;
      label: string;
      clusterSize: number | null;
      clusterOf: string | null;
    }>;
    edges: Array<{ id: string; source: string; target: string; kind: string }>;
  };
};

export type SplitLineageAsOfQueryVariables = Exact<{
  node: NodeRef;
  up?: number | null | undefined;
  down?: number | null | undefined;
  granularity?: LineageGranularity | null | undefined;
  limit?: number | null | undefined;
  asOf?: string | null | undefined;
}>;

export type SplitLineageAsOfQuery = {
  up: {
    truncated: boolean;
    nodes: Array<{
      id: string;
      kind: NodeKind;
      namespace: string;
      name: string;
      field: string | null;
      label: string;
      clusterSize: number | null;
      clusterOf: string | null;
    }>;
    edges: Array<{ id: string; source: string; target: string; kind: string }>;
  };
  down: {
    truncated: boolean;
    nodes: Array<{
      id: string;
      kind: NodeKind;
      namespace: string;
      name: string;
      field: string | null;
      label: string;
      clusterSize: number | null;
      clusterOf: string | null;
    }>;
    edges: Array<{ id: string; source: string; target: string; kind: string }>;
  };
};

export type LineageQueryVariables = Exact<{
  node: NodeRef;
  direction?: LineageDirection | null | undefined;
  depth?: number | null | undefined;
  granularity?: LineageGranularity | null | undefined;
  limit?: number | null | undefined;
}>;

export type LineageQuery = {
  lineage: {
    truncated: boolean;
    nodes: Array<{
      id: string;
      kind: NodeKind;
      namespace: string;
      name: string;
      field: string | null;
      label: string;
      clusterSize: number | null;
      clusterOf: string | null;
    }>;
    edges: Array<{ id: string; source: string; target: string; kind: string }>;
  };
};

export type LineageAsOfQueryVariables = Exact<{
  node: NodeRef;
  direction?: LineageDirection | null | undefined;
  depth?: number | null | undefined;
  granularity?: LineageGranularity | null | undefined;
  limit?: number | null | undefined;
  asOf?: string | null | undefined;
}>;

export type LineageAsOfQuery = {
  lineage: {
    truncated: boolean;
    nodes: Array<{
      id: string;
      kind: NodeKind;
      namespace: string;
      name: string;
      field: string | null;
      label: string;
      clusterSize: number | null;
      clusterOf: string | null;
    }>;
    edges: Array<{ id: string; source: string; target: string; kind: string }>;
  };
};

export type NeighboursQueryVariables = Exact<{
  node: NodeRef;
  direction: LineageDirection;
  first?: number | null | undefined;
  after?: string | null | undefined;
  granularity?: LineageGranularity | null | undefined;
}>;

export type NeighboursQuery = {
  neighbours: {
    totalCount: number;
    hasNextPage: boolean;
    endCursor: string | null;
    nodes: Array<{
      id: string;
      kind: NodeKind;
      namespace: string;
      name: string;
      field: string | null;
      label: string;
      clusterSize: number | null;
    }>;
    edges: Array<{ id: string; source: string; target: string; kind: string }>;
  };
};

export type RunQueryVariables = Exact<{
  id: string | number;
}>;

export type RunQuery = {
  run: {
    id: string;
    state: string;
    startedAt: string | null;
    endedAt: string | null;
    durationMs: number | null;
    errorMessage: string | null;
    facets: unknown;
    job: { namespace: string; name: string } | null;
    inputs: Array<{ namespace: string; name: string }>;
    outputs: Array<{ namespace: string; name: string }>;
  } | null;
};

export type SearchQueryVariables = Exact<{
  text: string;
  first?: number | null | undefined;
}>;

export type SearchQuery = {
  search: {
    items: Array<{ kind: NodeKind; namespace: string; name: string; field: string | null; description: string | null }>;
  };
};
