import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** What the collector remembers between polls, per connection. */
export interface AirbyteConnectionState {
  /** Every job up to this id has been sent complete (START and its end). */
  lastJobId: number;
  /** Jobs after lastJobId whose START was sent while they ran. */
  started: number[];
}

export interface AirbyteState {
  version: 1;
  connections: Record<string, AirbyteConnectionState>;
}

export function emptyAirbyteState(): AirbyteState {
  return { version: 1, connections: {} };
}

export class AirbyteStateError extends Error {
  override name = 'AirbyteStateError';
}

/** Reads the state file; a missing file is a first run. A file that is not our state is an error, never reset. */
export async function loadAirbyteState(path: string): Promise<AirbyteState> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyAirbyteState();
    throw new AirbyteStateError(`cannot read state file ${path}: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AirbyteStateError(`state file ${path} is not JSON`);
  }
  const state = parsed as Partial<AirbyteState>;
  if (state.version !== 1 || typeof state.connections !== 'object' || state.connections === null) {
    throw new AirbyteStateError(`state file ${path} is not an Airbyte collector state (version 1)`);
  }
  return state as AirbyteState;
}

/** Writes atomically (temp file + rename), so an interrupted run never leaves half a state. */
export async function saveAirbyteState(path: string, state: AirbyteState): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, JSON.stringify(state, null, 2) + '\n');
  await rename(temp, path);
}
