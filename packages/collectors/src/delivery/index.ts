export { backoffDelay, parseRetryAfter } from './backoff.js';
export type { EventStatus } from './batch-response.js';
export {
  deliverEvents,
  DeliveryError,
  type DeliveryErrorKind,
  type DeliveryOptions,
  type DeliveryProgress,
  type DeliveryReport,
} from './deliver-events.js';
export { writeNdjson } from './ndjson.js';
