import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './env.js';

export type CliResult = { code: number; stdout: string; stderr: string };

/** Runs the built `tributary` bin as users do, with `stdin` piped in when given. */
export function runCli(args: string[], env: Record<string, string> = {}, stdin?: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(repoRoot, 'packages', 'cli', 'bin', 'tributary.js'), ...args], {
      env: { ...process.env, TRIBUTARY_URL: '', TRIBUTARY_TOKEN: '', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}
