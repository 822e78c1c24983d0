import { Injectable } from '@nestjs/common';
import type { ManagedTransaction } from 'neo4j-driver';
import { datasetId, fieldId, jobId } from './graph-ids.js';
import { appendAudit, type AuditEntryInput } from './governance-audit.repository.js';
import { LineageClockRepository } from './lineage-clock.js';
import { Neo4jService } from './neo4j.service.js';

export type GovernedKind = 'DATASET' | 'JOB' | 'FIELD';

/** Labels come from this fixed map, never from input: Cypher cannot take a label as a parameter. */
const LABEL: Record<GovernedKind, string> = { DATASET: 'Dataset', JOB: 'Job', FIELD: 'Field' };

export type GovernedRef = { kind: GovernedKind; namespace: string; name: string; field?: string | null };

export type GovernanceRow = {
  id: string;
  kind: GovernedKind;
  namespace: string;
  name: string;
  field: string | null;
  /** Values the producers' facets wrote (intake). */
  producerDescription: string | null;
  producerOwners: string | null;
  producerTags: string[] | null;
  /** Values stewards set here; null when never set (or cleared). */
  stewardDescription: string | null;
  stewardOwners: string | null;
  stewardTags: string[] | null;
  propagationBlocked: string[];
  classifications: Array<{ name: string; level: number; setBy: string; setAt: string }>;
  glossaryTerms: Array<{ name: string; definition: string | null }>;
};

/** One current FEEDS edge, with the propagation blocks of its target column. */
export type FeedsStep = { from: string; to: string; jobId: string | null; type: string; toBlocked: string[] };

export type UpstreamRow = { from: string; to: string; fromBlocked: string[]; fromClassifications: string[] };

export type FieldInfo = {
  id: string;
  namespace: string;
  datasetName: string;
  path: string;
  blocked: string[];
  producerOwners: string | null;
  stewardOwners: string | null;
};

/** Steward-owned properties; the intake never writes a `gov*` property, so a later event cannot undo a steward. */
export type StewardProperty = 'govDescription' | 'govOwners' | 'govTags' | 'govPropagationBlocked';

const SCHEMA = [
  'CREATE CONSTRAINT classification_name IF NOT EXISTS FOR (c:Classification) REQUIRE c.name IS UNIQUE',
  'CREATE CONSTRAINT glossary_term_name IF NOT EXISTS FOR (t:GlossaryTerm) REQUIRE t.name IS UNIQUE',
  'CREATE INDEX field_classifications IF NOT EXISTS FOR (f:Field) ON (f.classifications)',
];

// By id (graph-ids.ts), the one indexed identity: names may be too long for a range index.
// The name check keeps `dataset:a:b:c` from finding (a:b, c) when (a, b:c) was asked for.
function matchNode(kind: GovernedKind): string {
  switch (kind) {
    case 'FIELD':
      return 'MATCH (n:Field {id: $id}) WHERE n.namespace = $namespace AND n.datasetName = $name AND n.path = $field';
    case 'DATASET':
      return 'MATCH (n:Dataset {id: $id}) WHERE n.namespace = $namespace AND n.name = $name';
    case 'JOB':
      return 'MATCH (n:Job {id: $id}) WHERE n.namespace = $namespace AND n.name = $name';
  }
}

function idOf(ref: GovernedRef): string {
  switch (ref.kind) {
    case 'FIELD':
      return fieldId(ref.namespace, ref.name, ref.field ?? '');
    case 'DATASET':
      return datasetId(ref.namespace, ref.name);
    case 'JOB':
      return jobId(ref.namespace, ref.name);
  }
}

function readQuery(kind: GovernedKind): string {
  const dataset = kind === 'FIELD' ? 'OPTIONAL MATCH (parent:Dataset)-[:HAS_FIELD]->(n)' : 'WITH n, null AS parent';
  return `
MATCH (n:${LABEL[kind]} {id: $id})
${dataset}
OPTIONAL MATCH (n)-[c:CLASSIFIED_AS]->(cl:Classification)
WITH n, parent, collect(CASE WHEN cl IS NULL THEN null ELSE
  {name: cl.name, level: c.level, setBy: c.setBy, setAt: toString(c.setAt)} END) AS classifications
OPTIONAL MATCH (n)-[:HAS_TERM]->(t:GlossaryTerm)
WITH n, parent, classifications, collect(CASE WHEN t IS NULL THEN null ELSE {name: t.name, definition: t.definition} END) AS terms
RETURN n.id AS id, n.namespace AS namespace,
       coalesce(n.datasetName, n.name) AS name, n.path AS field,
       n.description AS producerDescription,
       coalesce(n.owners, parent.owners) AS producerOwners,
       n.tags AS producerTags,
       n.govDescription AS stewardDescription, n.govOwners AS stewardOwners, n.govTags AS stewardTags,
       coalesce(n.govPropagationBlocked, []) AS propagationBlocked,
       classifications, terms AS glossaryTerms`;
}

const UPSERT_CLASSIFICATION = (label: string): string => `
MATCH (n:${label} {id: $id})
MERGE (c:Classification {name: $classification})
MERGE (n)-[r:CLASSIFIED_AS]->(c)
SET r.level = $level, r.setBy = $actor, r.setAt = datetime()`;

const REMOVE_CLASSIFICATION = (label: string): string => `
MATCH (n:${label} {id: $id})-[r:CLASSIFIED_AS]->(:Classification {name: $classification})
DELETE r`;

const SET_PROPERTY = (label: string, property: StewardProperty): string => `
MATCH (n:${label} {id: $id})
SET n.${property} = $value, n.govUpdatedAt = datetime(), n.govUpdatedBy = $actor`;

const UPSERT_TERM = `
MERGE (t:GlossaryTerm {name: $name})
ON CREATE SET t.createdAt = datetime()
WITH t, t.definition AS before
SET t.definition = $definition, t.updatedAt = datetime()
RETURN before`;

const ASSIGN_TERM = (label: string): string => `
MATCH (n:${label} {id: $id})
MATCH (t:GlossaryTerm {name: $term})
MERGE (n)-[r:HAS_TERM]->(t)
ON CREATE SET r.setBy = $actor, r.setAt = datetime()
RETURN count(t) AS found`;

const UNASSIGN_TERM = (label: string): string => `
MATCH (n:${label} {id: $id})-[r:HAS_TERM]->(:GlossaryTerm {name: $term})
DELETE r`;

const LIST_TERMS = `
MATCH (t:GlossaryTerm)
RETURN t.name AS name, t.definition AS definition ORDER BY t.name`;

const CLASSIFIED_FIELDS = `
MATCH (f:Field)-[:CLASSIFIED_AS]->(:Classification {name: $classification})
RETURN f.id AS id`;

const CLASSIFICATION_NAMES = 'MATCH (c:Classification)<-[:CLASSIFIED_AS]-() RETURN DISTINCT c.name AS name';

const FEEDS_DOWN = `
UNWIND $ids AS id
MATCH (a:Field {id: id})-[r:FEEDS]->(b:Field)
WHERE r.validTo IS NULL AND coalesce(r.type, 'DIRECT') IN $types
RETURN a.id AS from, b.id AS to, r.jobId AS jobId, coalesce(r.type, 'DIRECT') AS type,
       coalesce(b.govPropagationBlocked, []) AS toBlocked
ORDER BY from, to`;

const FEEDS_UP = `
UNWIND $ids AS id
MATCH (a:Field)-[r:FEEDS]->(b:Field {id: id})
WHERE r.validTo IS NULL AND coalesce(r.type, 'DIRECT') IN $types
RETURN a.id AS from, b.id AS to, coalesce(a.govPropagationBlocked, []) AS fromBlocked,
       [(a)-[:CLASSIFIED_AS]->(c:Classification) | c.name] AS fromClassifications
ORDER BY from, to`;

const FIELD_INFO = `
UNWIND $ids AS id
MATCH (f:Field {id: id})
OPTIONAL MATCH (d:Dataset)-[:HAS_FIELD]->(f)
RETURN f.id AS id, f.namespace AS namespace, f.datasetName AS datasetName, f.path AS path,
       coalesce(f.govPropagationBlocked, []) AS blocked,
       d.owners AS producerOwners, d.govOwners AS stewardOwners`;

/** Materialized for readers (impact, catalog): effective classification names per field and dataset. */
const CURRENT_MATERIALIZED = `
MATCH (f:Field) WHERE f.classifications IS NOT NULL AND size(f.classifications) > 0
RETURN f.id AS id, f.classifications AS names`;

const SET_FIELD_CLASSIFICATIONS = `
UNWIND $rows AS row
MATCH (f:Field {id: row.id})
SET f.classifications = row.names`;

const DATASETS_OF_FIELDS = `
UNWIND $ids AS id
MATCH (d:Dataset)-[:HAS_FIELD]->(:Field {id: id})
RETURN DISTINCT d.id AS id`;

// reduce() for distinct names: Community Neo4j has no APOC by default.
const REFRESH_DATASETS = `
UNWIND $ids AS id
MATCH (d:Dataset {id: id})
OPTIONAL MATCH (d)-[:CLASSIFIED_AS]->(direct:Classification)
WITH d, collect(direct.name) AS own
OPTIONAL MATCH (d)-[:HAS_FIELD]->(f:Field) WHERE f.classifications IS NOT NULL
WITH d, own, reduce(acc = [], names IN collect(f.classifications) | acc + names) AS fromFields
WITH d, reduce(out = [], name IN own + fromFields | CASE WHEN name IN out THEN out ELSE out + name END) AS names
SET d.classifications = CASE WHEN size(names) = 0 THEN null ELSE names END`;

@Injectable()
export class GovernanceRepository {
  constructor(
    private readonly neo4j: Neo4jService,
    private readonly clock: LineageClockRepository,
  ) {}

  async ensureSchema(): Promise<void> {
    for (const statement of SCHEMA) await this.neo4j.write((tx) => tx.run(statement).then(() => undefined));
  }

  async resolve(ref: GovernedRef): Promise<string | undefined> {
    return this.neo4j.read(async (tx) => {
      const result = await tx.run(`${matchNode(ref.kind)} RETURN n.id AS id LIMIT 1`, {
        id: idOf(ref),
        namespace: ref.namespace,
        name: ref.name,
        field: ref.field ?? null,
      });
      return result.records[0]?.get('id') as string | undefined;
    });
  }

  async read(kind: GovernedKind, id: string): Promise<GovernanceRow | undefined> {
    return this.neo4j.read((tx) => readIn(tx, kind, id));
  }

  /** Sets one steward property and records the change, in one transaction. */
  async setProperty(
    kind: GovernedKind,
    id: string,
    property: StewardProperty,
    value: string | string[] | null,
    audit: Omit<AuditEntryInput, 'before' | 'after'>,
    describe: (row: GovernanceRow) => unknown,
  ): Promise<GovernanceRow> {
    return this.change(kind, id, audit, describe, (tx) =>
      tx.run(SET_PROPERTY(LABEL[kind], property), { id, value, actor: audit.actorName }).then(() => undefined),
    );
  }

  async classify(
    kind: GovernedKind,
    id: string,
    classification: string,
    level: number,
    audit: Omit<AuditEntryInput, 'before' | 'after'>,
    describe: (row: GovernanceRow) => unknown,
  ): Promise<GovernanceRow> {
    return this.change(kind, id, audit, describe, (tx) =>
      tx
        .run(UPSERT_CLASSIFICATION(LABEL[kind]), { id, classification, level, actor: audit.actorName })
        .then(() => undefined),
    );
  }

  async declassify(
    kind: GovernedKind,
    id: string,
    classification: string,
    audit: Omit<AuditEntryInput, 'before' | 'after'>,
    describe: (row: GovernanceRow) => unknown,
  ): Promise<GovernanceRow> {
    return this.change(kind, id, audit, describe, (tx) =>
      tx.run(REMOVE_CLASSIFICATION(LABEL[kind]), { id, classification }).then(() => undefined),
    );
  }

  /** False when the term does not exist. */
  async assignTerm(
    kind: GovernedKind,
    id: string,
    term: string,
    audit: Omit<AuditEntryInput, 'before' | 'after'>,
    describe: (row: GovernanceRow) => unknown,
  ): Promise<GovernanceRow | undefined> {
    let found = true;
    const row = await this.change(kind, id, audit, describe, async (tx) => {
      const result = await tx.run(ASSIGN_TERM(LABEL[kind]), { id, term, actor: audit.actorName });
      found = Number(result.records[0]?.get('found') ?? 0) > 0;
    });
    return found ? row : undefined;
  }

  async unassignTerm(
    kind: GovernedKind,
    id: string,
    term: string,
    audit: Omit<AuditEntryInput, 'before' | 'after'>,
    describe: (row: GovernanceRow) => unknown,
  ): Promise<GovernanceRow> {
    return this.change(kind, id, audit, describe, (tx) =>
      tx.run(UNASSIGN_TERM(LABEL[kind]), { id, term }).then(() => undefined),
    );
  }

  async upsertTerm(
    name: string,
    definition: string | null,
    audit: Omit<AuditEntryInput, 'before' | 'after'>,
  ): Promise<void> {
    await this.neo4j.write(async (tx) => {
      const result = await tx.run(UPSERT_TERM, { name, definition });
      const before = result.records[0]?.get('before') as string | null | undefined;
      await appendAudit(tx, { ...audit, before: before ?? null, after: definition });
    });
  }

  async listTerms(): Promise<Array<{ name: string; definition: string | null }>> {
    return this.neo4j.read(async (tx) =>
      (await tx.run(LIST_TERMS)).records.map((r) => r.toObject() as { name: string; definition: string | null }),
    );
  }

  async classifiedFields(classification: string): Promise<string[]> {
    return this.neo4j.read(async (tx) =>
      (await tx.run(CLASSIFIED_FIELDS, { classification })).records.map((r) => r.get('id') as string),
    );
  }

  async classificationNames(): Promise<string[]> {
    return this.neo4j.read(async (tx) =>
      (await tx.run(CLASSIFICATION_NAMES)).records.map((r) => r.get('name') as string),
    );
  }

  /** One layer of current column lineage downstream of `ids`. */
  async feedsDown(ids: string[], types: string[]): Promise<FeedsStep[]> {
    if (ids.length === 0) return [];
    return this.neo4j.read(async (tx) =>
      (await tx.run(FEEDS_DOWN, { ids, types })).records.map((r) => r.toObject() as FeedsStep),
    );
  }

  /** One layer of current column lineage upstream of `ids`, with the sources' classifications and blocks. */
  async feedsUp(ids: string[], types: string[]): Promise<UpstreamRow[]> {
    if (ids.length === 0) return [];
    return this.neo4j.read(async (tx) =>
      (await tx.run(FEEDS_UP, { ids, types })).records.map((r) => r.toObject() as UpstreamRow),
    );
  }

  async fieldInfo(ids: string[]): Promise<FieldInfo[]> {
    if (ids.length === 0) return [];
    return this.neo4j.read(async (tx) =>
      (await tx.run(FIELD_INFO, { ids })).records.map((r) => r.toObject() as FieldInfo),
    );
  }

  async materializedFieldClassifications(): Promise<Map<string, string[]>> {
    return this.neo4j.read(async (tx) => {
      const rows = (await tx.run(CURRENT_MATERIALIZED)).records;
      return new Map(rows.map((r) => [r.get('id') as string, r.get('names') as string[]]));
    });
  }

  /** Writes the changed fields' effective classifications, then the union on their datasets (and on `datasetIds`). */
  async writeMaterialized(
    rows: Array<{ id: string; names: string[] | null }>,
    datasetIds: string[] = [],
  ): Promise<void> {
    await this.neo4j.write(async (tx) => {
      const ids = new Set(datasetIds);
      if (rows.length > 0) {
        await tx.run(SET_FIELD_CLASSIFICATIONS, { rows });
        const result = await tx.run(DATASETS_OF_FIELDS, { ids: rows.map((row) => row.id) });
        for (const record of result.records) ids.add(record.get('id') as string);
      }
      if (ids.size > 0) await tx.run(REFRESH_DATASETS, { ids: [...ids] });
      await this.clock.stampDetails(tx, { datasetIds: [...ids], jobIds: [] });
    });
  }

  private async change(
    kind: GovernedKind,
    id: string,
    audit: Omit<AuditEntryInput, 'before' | 'after'>,
    describe: (row: GovernanceRow) => unknown,
    work: (tx: ManagedTransaction) => Promise<void>,
  ): Promise<GovernanceRow> {
    return this.neo4j.write(async (tx) => {
      const before = await readIn(tx, kind, id);
      if (!before) throw new Error(`governed node ${id} vanished`);
      await work(tx);
      const after = (await readIn(tx, kind, id)) ?? before;
      await appendAudit(tx, { ...audit, before: describe(before), after: describe(after) });
      // A field's steward values are not shown beside its dataset, but the dataset is re-read all the same.
      await this.clock.stampDetails(
        tx,
        kind === 'JOB'
          ? { datasetIds: [], jobIds: [id] }
          : { datasetIds: [datasetId(before.namespace, before.name)], jobIds: [] },
      );
      return after;
    });
  }
}

async function readIn(tx: ManagedTransaction, kind: GovernedKind, id: string): Promise<GovernanceRow | undefined> {
  const result = await tx.run(readQuery(kind), { id });
  const record = result.records[0];
  if (!record) return undefined;
  const row = record.toObject() as Omit<GovernanceRow, 'kind'>;
  return {
    ...row,
    kind,
    field: kind === 'FIELD' ? row.field : null,
    classifications: row.classifications.filter((c) => c !== null),
    glossaryTerms: row.glossaryTerms.filter((t) => t !== null),
  };
}
