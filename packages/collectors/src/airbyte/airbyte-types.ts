// The parts of Airbyte's public API v1 (airbyte-platform `api.yaml`) the collector reads.
// Only fields the collector uses are typed; responses carry more.

export interface AirbytePage<T> {
  data: T[];
  next?: string;
  previous?: string;
}

export interface AirbyteWorkspace {
  workspaceId: string;
  name: string;
}

export type AirbyteConfiguration = Record<string, unknown>;

export interface AirbyteSource {
  sourceId: string;
  name: string;
  sourceType: string;
  workspaceId: string;
  configuration: AirbyteConfiguration;
}

export interface AirbyteDestination {
  destinationId: string;
  name: string;
  destinationType: string;
  workspaceId: string;
  configuration: AirbyteConfiguration;
}

export interface AirbyteStreamConfiguration {
  name: string;
  namespace?: string;
  syncMode?: string;
  cursorField?: string[];
  primaryKey?: string[][];
  selectedFields?: { fieldPath?: string[] }[];
}

export type AirbyteNamespaceDefinition = 'source' | 'destination' | 'custom_format';

export interface AirbyteConnection {
  connectionId: string;
  name: string;
  sourceId: string;
  destinationId: string;
  workspaceId: string;
  status: string;
  namespaceDefinition?: AirbyteNamespaceDefinition;
  namespaceFormat?: string;
  prefix?: string;
  configurations?: { streams?: AirbyteStreamConfiguration[] };
}

export interface AirbyteStreamProperties {
  streamName?: string;
  streamnamespace?: string;
  syncModes?: string[];
  propertyFields?: string[][];
}

export type AirbyteJobStatus = 'pending' | 'queued' | 'running' | 'incomplete' | 'failed' | 'succeeded' | 'cancelled';

export interface AirbyteJob {
  jobId: number;
  status: AirbyteJobStatus | string;
  jobType: string;
  startTime: string;
  connectionId: string;
  lastUpdatedAt?: string;
  /** ISO 8601 duration, e.g. PT8H6M12S. */
  duration?: string;
  bytesSynced?: number;
  rowsSynced?: number;
}

/** Per-stream totals of one attempt (config API `AttemptStreamStats`). */
export interface AirbyteAttemptStreamStats {
  streamName: string;
  streamNamespace?: string;
  stats: { recordsCommitted?: number; bytesCommitted?: number };
}

/** The config API's `JobInfoRead` (POST /v1/jobs/get), where per-stream statistics and failures live. */
export interface AirbyteJobInfo {
  attempts: {
    attempt: {
      streamStats?: AirbyteAttemptStreamStats[];
      failureSummary?: {
        failures?: {
          externalMessage?: string;
          internalMessage?: string;
          failureOrigin?: string;
          stacktrace?: string;
        }[];
      };
    };
  }[];
}
