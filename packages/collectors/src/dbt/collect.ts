import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { parse } from 'yaml';
import type { OpenLineageEvent } from '@tributary/openlineage';
import { type DbtArtifacts, type DbtNode, readArtifacts } from './artifacts.js';
import { normalizeDbt } from './events.js';
import { type ModelColumnLineage, type NodeIdentity, modelColumnLineage } from './model-lineage.js';
import { NamingError, datasetName, datasetNamespace, sqlDialect } from './naming.js';
import { readProfileTarget } from './profile.js';

export interface CollectDbtOptions {
  projectDir: string;
  /** Relative to projectDir unless absolute (default `target`). */
  targetDir?: string;
  profilesDir?: string;
  /** dbt target name in the profile (default: the profile's `target`). */
  target?: string;
  /** Namespace of the jobs (default `default`, as openlineage-dbt). */
  namespace?: string;
  /** Dataset namespace, instead of deriving it from the profile. */
  datasetNamespace?: string;
  env?: NodeJS.ProcessEnv;
}

export interface DbtCollection {
  events: OpenLineageEvent[];
  adapter: string;
  datasetNamespace: string;
  /** Column lineage per model/snapshot unique_id. */
  lineage: Map<string, ModelColumnLineage>;
  /** Per-model reasons why some column lineage was left out. */
  problems: Map<string, string[]>;
  /** Things the user should know that did not stop the collection. */
  warnings: string[];
  artifacts: DbtArtifacts;
}

function projectName(projectDir: string, artifacts: DbtArtifacts): string {
  const file = join(projectDir, 'dbt_project.yml');
  if (existsSync(file)) {
    const project = parse(readFileSync(file, 'utf8')) as { name?: unknown } | null;
    if (typeof project?.name === 'string') return project.name;
  }
  if (artifacts.manifest.metadata.project_name) return artifacts.manifest.metadata.project_name;
  // Older manifests do not name the root project; its models are the most numerous package.
  const counts = new Map<string, number>();
  for (const node of Object.values(artifacts.manifest.nodes)) {
    if (node.resource_type === 'model') counts.set(node.package_name, (counts.get(node.package_name) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'dbt';
}

/** `<project>/target`, or the project directory itself when the artifacts sit there (a copied target folder). */
function defaultTargetDir(projectDir: string): string {
  const target = join(projectDir, 'target');
  if (!existsSync(join(target, 'manifest.json')) && existsSync(join(projectDir, 'manifest.json'))) return projectDir;
  return target;
}

/**
 * parse → resolve identity → column lineage → normalize: everything is read and
 * checked before an event exists, so bad input yields an error and no events.
 */
export function collectDbt(options: CollectDbtOptions): DbtCollection {
  const projectDir = resolve(options.projectDir);
  const targetDir = options.targetDir
    ? isAbsolute(options.targetDir)
      ? options.targetDir
      : join(projectDir, options.targetDir)
    : defaultTargetDir(projectDir);
  const artifacts = readArtifacts(targetDir);
  const profile = options.datasetNamespace
    ? undefined
    : readProfileTarget({ projectDir, profilesDir: options.profilesDir, target: options.target, env: options.env });
  const adapter = profile?.type ?? artifacts.manifest.metadata.adapter_type ?? 'unknown';
  const warnings: string[] = [];
  let namespace: string;
  try {
    namespace = options.datasetNamespace ?? datasetNamespace(adapter, profile);
  } catch (error) {
    // With no profile at all (artifacts copied off the dbt host) the lineage is still worth having;
    // a broken profile, though, is the user's to fix.
    if (!(error instanceof NamingError) || profile) throw error;
    namespace = `${adapter}://unknown`;
    warnings.push(
      `no dbt profile found, so the ${adapter} connection is unknown: datasets are named under ${namespace} ` +
        '(pass --profiles-dir or --dataset-namespace)',
    );
  }
  const identity = (node: DbtNode): NodeIdentity => ({ namespace, name: datasetName(adapter, node) });
  const lineage = modelColumnLineage({ artifacts, dialect: sqlDialect(adapter), identity, projectDir });
  const { events, problems } = normalizeDbt({
    artifacts,
    adapter,
    jobNamespace: options.namespace ?? 'default',
    projectName: projectName(projectDir, artifacts),
    identity,
    lineage,
  });
  return { events, adapter, datasetNamespace: namespace, lineage, problems, warnings, artifacts };
}
