/** A GraphQL error in words a person can act on, with the server's extensions.code. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

type GraphQLResponse<T> = { data?: T | null; errors?: Array<{ message: string; extensions?: { code?: string } }> };

const FRIENDLY: Record<string, string> = {
  BAD_USER_INPUT: '',
  NOT_FOUND: '',
  UNAUTHENTICATED: 'Sign in with an API token to see the catalog.',
  FORBIDDEN: 'You do not have access to this.',
  NETWORK: 'The Tributary API cannot be reached. Is it running?',
};

/** Posts one operation to /graphql; throws ApiError with the first error's message and code. */
export async function request<T>(query: string, variables: object = {}, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query, variables }),
      credentials: 'same-origin',
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(FRIENDLY.NETWORK!, 'NETWORK');
  }
  // Auth refuses GraphQL before it runs: no GraphQL body, just 401.
  if (response.status === 401) throw new ApiError(FRIENDLY.UNAUTHENTICATED!, 'UNAUTHENTICATED');
  let body: GraphQLResponse<T>;
  try {
    body = (await response.json()) as GraphQLResponse<T>;
  } catch {
    throw new ApiError(`The API answered ${response.status} ${response.statusText} without a GraphQL body.`, 'HTTP');
  }
  const first = body.errors?.[0];
  if (first) {
    const code = first.extensions?.code ?? 'INTERNAL_SERVER_ERROR';
    throw new ApiError(FRIENDLY[code] || first.message, code);
  }
  if (!body.data) throw new ApiError('The API answered without data.', 'HTTP');
  return body.data;
}
