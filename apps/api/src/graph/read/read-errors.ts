import type { Neo4jService } from '../neo4j.service.js';

/**
 * What a read repository reports instead of a driver error, so layers above
 * the graph never see neo4j-driver types.
 */
export class GraphReadTimeoutError extends Error {
  override readonly name = 'GraphReadTimeoutError';
}

export class GraphUnavailableError extends Error {
  override readonly name = 'GraphUnavailableError';
}

const TIMEOUT_CODES = new Set([
  'Neo.ClientError.Transaction.TransactionTimedOut',
  'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration',
  'Neo.TransientError.Transaction.LockClientStopped',
]);

/** Turns a driver failure into one of the errors above; anything else is rethrown unchanged. */
export function translateReadError(error: unknown): never {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  if (TIMEOUT_CODES.has(code) || code.includes('TransactionTimedOut')) {
    throw new GraphReadTimeoutError('the graph query took longer than the configured timeout');
  }
  if (code === 'ServiceUnavailable' || code === 'SessionExpired') {
    throw new GraphUnavailableError('the graph store is not reachable');
  }
  throw error;
}

/**
 * One read query in its own read transaction, each record as a plain object;
 * driver failures come out as the errors above.
 */
export async function readRecords<T>(
  neo4j: Neo4jService,
  query: string,
  params: Record<string, unknown>,
): Promise<T[]> {
  try {
    return await neo4j.read(async (tx) => {
      const result = await tx.run(query, params);
      return result.records.map((record) => record.toObject() as T);
    });
  } catch (error) {
    return translateReadError(error);
  }
}
