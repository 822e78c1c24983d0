/** Why a lineage, catalog, search or impact request cannot be answered. */
export enum LineageErrorCode {
  UNKNOWN_NODE = 'UNKNOWN_NODE',
  INVALID_ARGUMENT = 'INVALID_ARGUMENT',
  QUERY_TIMEOUT = 'QUERY_TIMEOUT',
  GRAPH_UNAVAILABLE = 'GRAPH_UNAVAILABLE',
}

export class LineageException extends Error {
  override readonly name = 'LineageException';
  constructor(
    readonly code: LineageErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function invalidArgument(message: string): LineageException {
  return new LineageException(LineageErrorCode.INVALID_ARGUMENT, message);
}

export function unknownNode(message: string): LineageException {
  return new LineageException(LineageErrorCode.UNKNOWN_NODE, message);
}

/** Rejects an integer argument outside [min, max] with a message naming it. */
export function checkRange(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw invalidArgument(`${name} must be between ${min} and ${max}, got ${value}`);
  }
}
