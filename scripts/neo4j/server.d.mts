// Types for server.mjs, so the TypeScript tests can start and stop servers too.
export const repoRoot: string;
export const NEO4J_VERSION: string;
export const DEFAULT_PASSWORD: string;
export function ensureDistribution(log?: (line: string) => void): void;
export function freePort(): Promise<number>;
export function portAnswers(port: number, host?: string, timeoutMs?: number): Promise<boolean>;
export function isAlive(pid: number | undefined): boolean;
export function readPid(home: string): number | undefined;
export function readVersion(home: string): string;
export function startNeo4j(options: {
  home: string;
  port?: number;
  password?: string;
  heap?: string;
  pageCacheMb?: number;
  txTimeoutSeconds?: number;
  timeoutMs?: number;
  log?: (line: string) => void;
}): Promise<{ pid: number; port: number; version: string }>;
export function stopNeo4j(options: { home: string; graceMs?: number; log?: (line: string) => void }): Promise<boolean>;
export function localServerSettings(env?: NodeJS.ProcessEnv): { home: string; port: number; password: string };
