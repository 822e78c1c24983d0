import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ArtifactError } from './artifacts.js';

/** The connection settings of the dbt target that built the project. */
export interface ProfileTarget {
  type: string;
  [key: string]: unknown;
}

const ENV_VAR = /\{\{\s*env_var\(\s*['"]([^'"]+)['"]\s*(?:,\s*['"]([^'"]*)['"]\s*)?\)\s*(?:\|\s*\w+\s*)?\}\}/g;

/** dbt renders `{{ env_var('X', 'default') }}` in profiles; the connection fields we read need only that. */
function renderEnv(value: unknown, env: NodeJS.ProcessEnv): unknown {
  if (typeof value === 'string')
    return value.replace(ENV_VAR, (_, name: string, fallback?: string) => env[name] ?? fallback ?? '');
  if (Array.isArray(value)) return value.map((v) => renderEnv(v, env));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renderEnv(v, env)]));
  }
  return value;
}

function readYaml(file: string): unknown {
  try {
    return parse(readFileSync(file, 'utf8')) as unknown;
  } catch (error) {
    throw new ArtifactError(
      file,
      `invalid YAML: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
    );
  }
}

export interface ProfileLookup {
  projectDir: string;
  profilesDir?: string;
  target?: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * The target of the profile named in dbt_project.yml, looked up where dbt looks:
 * --profiles-dir, then DBT_PROFILES_DIR, the project directory, ~/.dbt.
 * Undefined when no profiles.yml is found (the manifest still names the adapter).
 */
export function readProfileTarget(lookup: ProfileLookup): ProfileTarget | undefined {
  const env = lookup.env ?? process.env;
  const projectFile = join(lookup.projectDir, 'dbt_project.yml');
  if (!existsSync(projectFile)) return undefined;
  const project = readYaml(projectFile) as { profile?: unknown } | null;
  const profileName = typeof project?.profile === 'string' ? project.profile : undefined;
  if (!profileName) return undefined;
  const dirs = [lookup.profilesDir, env.DBT_PROFILES_DIR, lookup.projectDir, join(homedir(), '.dbt')].filter(
    (d): d is string => !!d,
  );
  const file = dirs.map((d) => join(d, 'profiles.yml')).find((f) => existsSync(f));
  if (!file) return undefined;
  const profiles = readYaml(file) as Record<string, { target?: string; outputs?: Record<string, unknown> }> | null;
  const profile = profiles?.[profileName];
  if (!profile?.outputs) throw new ArtifactError(file, `profile "${profileName}" not found`);
  const targetName = lookup.target ?? env.DBT_TARGET ?? (renderEnv(profile.target, env) as string | undefined) ?? 'dev';
  const target = profile.outputs[targetName];
  if (typeof target !== 'object' || target === null) {
    throw new ArtifactError(file, `profile "${profileName}" has no target "${targetName}"`);
  }
  const rendered = renderEnv(target, env) as Record<string, unknown>;
  if (typeof rendered.type !== 'string') throw new ArtifactError(file, `target "${targetName}" has no adapter type`);
  return rendered as ProfileTarget;
}
