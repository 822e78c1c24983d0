import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from './env.js';

const run = promisify(execFile);

export type Venv = {
  /** The venv's python interpreter. */
  python: string;
  /** Path of a console script the venv installed (e.g. `bin('dbt')`). */
  bin: (tool: string) => string;
};

/**
 * A throw-away Python venv under `.cache/venvs/<name>` with `packages`
 * pip-installed from PyPI (pip requirement specifiers, e.g. `openlineage-python==1.40.1`).
 * Reused across runs while the package list is unchanged, so only the first
 * run pays for the download; a changed list rebuilds it from scratch so no
 * stale package survives.
 */
export async function ensureVenv(name: string, packages: readonly string[]): Promise<Venv> {
  if (!/^[\w.-]+$/.test(name)) throw new Error(`venv name "${name}" must be a plain folder name`);
  const dir = join(repoRoot, '.cache', 'venvs', name);
  const python = join(dir, 'bin', 'python');
  const venv: Venv = { python, bin: (tool) => join(dir, 'bin', tool) };
  const stamp = join(dir, '.tributary-packages');
  const wanted = JSON.stringify([...packages].sort());
  if (existsSync(python) && existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) return venv;

  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(repoRoot, '.cache', 'venvs'), { recursive: true });
  const interpreter = process.env.PYTHON ?? 'python3';
  try {
    await run(interpreter, ['-m', 'venv', dir], { timeout: 120_000 });
    if (packages.length > 0) {
      await run(python, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--no-input', ...packages], {
        timeout: 900_000,
        maxBuffer: 16 * 1024 * 1024,
      });
    }
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const detail = error instanceof Error && 'stderr' in error ? String(error.stderr).trim() : String(error);
    throw new Error(`could not make venv "${name}" with ${packages.join(' ')}:\n${detail}`);
  }
  // Written last: a venv whose install was interrupted has no stamp and is rebuilt.
  writeFileSync(stamp, wanted);
  return venv;
}
