export {
  AirbyteApiError,
  AirbyteClient,
  type AirbyteAuth,
  type AirbyteClientOptions,
  type AirbyteErrorKind,
} from './airbyte-client.js';
export {
  AIRBYTE_PRODUCER,
  airbyteTime,
  isoDurationMs,
  jobDetails,
  jobEvents,
  runIdFor,
  runState,
  streamKey,
  type AirbyteEventOptions,
  type JobDetails,
  type ConnectionSnapshot,
} from './airbyte-events.js';
export {
  AirbyteStateError,
  emptyAirbyteState,
  loadAirbyteState,
  saveAirbyteState,
  type AirbyteConnectionState,
  type AirbyteState,
} from './airbyte-state.js';
export type * from './airbyte-types.js';
export {
  collectAirbyte,
  type AirbyteCollectOptions,
  type AirbyteCollectProgress,
  type AirbyteCollectResult,
} from './collect-airbyte.js';
export { destinationDataset, sourceDataset, type DatasetId } from './dataset-naming.js';
