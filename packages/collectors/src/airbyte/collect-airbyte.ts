import type { RunEvent } from '@tributary/openlineage';
import { type AirbyteClient, AirbyteApiError } from './airbyte-client.js';
import { type ConnectionSnapshot, type JobDetails, jobDetails, jobEvents, runState } from './airbyte-events.js';
import type { AirbyteConnectionState, AirbyteState } from './airbyte-state.js';
import type { AirbyteConnection, AirbyteDestination, AirbyteJob, AirbyteSource } from './airbyte-types.js';

export interface AirbyteCollectOptions {
  client: AirbyteClient;
  /** Names the Airbyte instance inside run ids (e.g. its URL). */
  instance: string;
  jobNamespace: string;
  /** Limit to these workspaces (default: every workspace the credentials see). */
  workspaceIds?: string[];
  /** Skip jobs created before this time on a first run. */
  since?: Date;
  state: AirbyteState;
  onWarning?: (message: string) => void;
  /** After each connection: polling many connections with their jobs takes a while. */
  onProgress?: (progress: AirbyteCollectProgress) => void;
}

export interface AirbyteCollectProgress {
  connectionsDone: number;
  connectionsTotal: number;
  newJobs: number;
}

export interface AirbyteCollectResult {
  events: RunEvent[];
  /** The state to save once the events are delivered (saving earlier could lose them). */
  state: AirbyteState;
  stats: { workspaces: number; connections: number; jobs: number; skippedConnections: number };
}

const LINEAGE_JOB_TYPES = new Set(['sync', 'refresh']);

function isGone(error: unknown): boolean {
  return error instanceof AirbyteApiError && error.kind === 'not-found';
}

/**
 * One poll of Airbyte: fetch → pick the jobs not sent yet → turn them into events.
 * Pure apart from the API reads; the caller delivers the events and then saves `state`.
 */
export async function collectAirbyte(options: AirbyteCollectOptions): Promise<AirbyteCollectResult> {
  const { client } = options;
  const warn = options.onWarning ?? (() => {});
  const workspaces = await client.listWorkspaces(options.workspaceIds ?? []);
  if (options.workspaceIds?.length) {
    const found = new Set(workspaces.map((w) => w.workspaceId));
    const missing = options.workspaceIds.filter((id) => !found.has(id));
    if (missing.length > 0) {
      throw new AirbyteApiError(`no such Airbyte workspace: ${missing.join(', ')}`, 'not-found', 404);
    }
  }
  const workspaceIds = workspaces.map((w) => w.workspaceId);
  const result: AirbyteCollectResult = {
    events: [],
    state: structuredClone(options.state),
    stats: { workspaces: workspaces.length, connections: 0, jobs: 0, skippedConnections: 0 },
  };
  if (workspaceIds.length === 0) return result;

  const [connections, sources, destinations] = await Promise.all([
    client.listConnections(workspaceIds),
    client.listSources(workspaceIds),
    client.listDestinations(workspaceIds),
  ]);
  const details = detailsFetcher(client, warn);
  const sourceById = new Map(sources.map((s) => [s.sourceId, s]));
  const destinationById = new Map(destinations.map((d) => [d.destinationId, d]));

  for (const connection of connections) {
    result.stats.connections++;
    try {
      const previous = result.state.connections[connection.connectionId] ?? { lastJobId: -1, started: [] };
      const jobs = await newJobs(client, connection, previous, options.since);
      if (jobs.length === 0) continue;
      const snapshot = await snapshotOf(client, connection, sourceById, destinationById);
      const jobDetailsById = new Map<number, JobDetails>();
      for (const job of jobs) {
        if (runState(job.status).terminal === undefined) continue;
        const found = await details(job.jobId);
        if (found) jobDetailsById.set(job.jobId, found);
      }
      const next = collectJobs(snapshot, jobs, previous, options, result.events, jobDetailsById);
      result.state.connections[connection.connectionId] = next;
      result.stats.jobs += jobs.length;
    } catch (error) {
      // A connection (or its source) deleted between the listing and the next call.
      if (!isGone(error)) throw error;
      result.stats.skippedConnections++;
      warn(`connection ${connection.connectionId} (${connection.name}) disappeared while collecting; skipped`);
    } finally {
      options.onProgress?.({
        connectionsDone: result.stats.connections,
        connectionsTotal: connections.length,
        newJobs: result.stats.jobs,
      });
    }
  }
  return result;
}

/**
 * Job details from the config API when it was given. It is optional: if it refuses
 * (Airbyte Cloud has none, or the token may not use it), say so once and go on without.
 */
function detailsFetcher(
  client: AirbyteClient,
  warn: (message: string) => void,
): (jobId: number) => Promise<JobDetails | undefined> {
  let usable = client.hasConfigApi;
  return async (jobId) => {
    if (!usable) return undefined;
    try {
      return jobDetails(await client.jobInfo(jobId));
    } catch (error) {
      if (!(error instanceof AirbyteApiError) || error.kind === 'unreachable' || error.kind === 'server') throw error;
      usable = false;
      warn(`config API not usable (${error.message}); continuing without per-stream statistics`);
      return undefined;
    }
  };
}

async function newJobs(
  client: AirbyteClient,
  connection: AirbyteConnection,
  previous: AirbyteConnectionState,
  since: Date | undefined,
): Promise<AirbyteJob[]> {
  const sinceMs = since?.getTime();
  const jobs = await client.jobs(connection.connectionId, (job) => {
    if (job.jobId <= previous.lastJobId) return true;
    return sinceMs !== undefined && Date.parse(job.startTime.replace(' ', 'T')) < sinceMs;
  });
  return jobs.filter((job) => LINEAGE_JOB_TYPES.has(job.jobType)).sort((a, b) => a.jobId - b.jobId);
}

async function snapshotOf(
  client: AirbyteClient,
  connection: AirbyteConnection,
  sources: Map<string, AirbyteSource>,
  destinations: Map<string, AirbyteDestination>,
): Promise<ConnectionSnapshot> {
  const source = sources.get(connection.sourceId) ?? (await client.getSource(connection.sourceId));
  const destination =
    destinations.get(connection.destinationId) ?? (await client.getDestination(connection.destinationId));
  const streamsConfigured = connection.configurations?.streams ?? [];
  // Discovery can be slow; only ask when a stream leaves its fields implicit ("all").
  const needsDiscovery = streamsConfigured.some((s) => !s.selectedFields || s.selectedFields.length === 0);
  const streams = needsDiscovery ? await client.streams(connection.sourceId, connection.destinationId) : [];
  return { connection, source, destination, streams };
}

function collectJobs(
  snapshot: ConnectionSnapshot,
  jobs: AirbyteJob[],
  previous: AirbyteConnectionState,
  options: AirbyteCollectOptions,
  out: RunEvent[],
  details: Map<number, JobDetails>,
): AirbyteConnectionState {
  const startedBefore = new Set(previous.started);
  const stillRunning: number[] = [];
  let lastJobId = previous.lastJobId;
  for (const job of jobs) {
    const state = runState(job.status);
    const start = state.started && !startedBefore.has(job.jobId);
    const end = state.terminal !== undefined;
    const eventOptions = { jobNamespace: options.jobNamespace, instance: options.instance };
    out.push(...jobEvents(snapshot, job, eventOptions, { start, end }, details.get(job.jobId)));
    if (!end) {
      if (state.started) stillRunning.push(job.jobId);
      // Everything after an unfinished job is looked at again next time.
      continue;
    }
    if (stillRunning.length === 0 && job.jobId > lastJobId) lastJobId = job.jobId;
  }
  // A pending job (not started) also holds lastJobId back, so it is picked up once it runs.
  const pending = jobs.filter((job) => !runState(job.status).started && job.jobId > lastJobId).map((job) => job.jobId);
  if (pending.length > 0) lastJobId = Math.min(lastJobId, Math.min(...pending) - 1);
  return { lastJobId, started: stillRunning.filter((id) => id > lastJobId) };
}
