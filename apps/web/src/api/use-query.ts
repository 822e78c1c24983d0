import { useEffect, useState } from 'react';
import { ApiError, request } from './client.js';

export type QueryState<T> =
  | { status: 'loading'; data?: undefined; error?: undefined }
  | { status: 'error'; data?: undefined; error: ApiError }
  | { status: 'done'; data: T; error?: undefined };

/** Runs a query whenever its variables change (compared by value), cancelling the previous one. */
export function useQuery<T>(query: string, variables: object, skip = false): QueryState<T> {
  const key = JSON.stringify(variables);
  const [state, setState] = useState<QueryState<T>>({ status: 'loading' });
  useEffect(() => {
    if (skip) return undefined;
    const controller = new AbortController();
    setState({ status: 'loading' });
    request<T>(query, JSON.parse(key) as object, controller.signal).then(
      (data) => setState({ status: 'done', data }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({
          status: 'error',
          error: error instanceof ApiError ? error : new ApiError(String(error), 'CLIENT'),
        });
      },
    );
    return () => controller.abort();
  }, [query, key, skip]);
  return state;
}
