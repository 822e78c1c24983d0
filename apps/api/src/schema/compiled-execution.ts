import type {
  GatewayExecutionResult,
  GatewayGraphQLRequestContext,
  GatewayInterface,
  GatewayLoadResult,
  GatewaySchemaLoadOrUpdateCallback,
  GatewayUnsubscriber,
} from '@apollo/server-gateway-interface';
import {
  getVariableValues,
  GraphQLError,
  isEnumType,
  isObjectType,
  lexicographicSortSchema,
  printSchema,
  Source,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

type Compiled = CompiledQuery | ExecutionResult;

/** The name of the resolver @nestjs/graphql gives every plain @Field (ObjectTypeDefinitionFactory). */
const NEST_PROPERTY_RESOLVER = 'rootFieldResolver';

/**
 * Nest gives every plain @Field of an object type a resolver that returns
 * `root[field]` (or the field's default value). graphql-jit reads a field
 * without a resolver inline, but calls a resolver with an info object it
 * must build: on a 2,800-item impact answer those calls were a third of
 * its allocation. Such resolvers without a default value are removed from
 * the executed copy; what they return is unchanged, because neither
 * resolver calls a function-valued property. Resolvers with middleware,
 * @ResolveField methods and any other resolver stay.
 */
export function withoutTrivialResolvers(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve as ((root: object) => unknown) | undefined;
      if (resolve?.name === NEST_PROPERTY_RESOLVER && resolve.length === 1 && resolve({}) === undefined) {
        field.resolve = undefined;
      }
    }
  }
  return schema;
}

/**
 * Whether every enum value's internal value is its name: then handing the
 * resolver's value on unserialized gives the same answer as
 * GraphQLEnumType.serialize would.
 */
export function enumsAreSelfValued(schema: GraphQLSchema): boolean {
  return Object.values(schema.getTypeMap()).every(
    (type) => !isEnumType(type) || type.getValues().every((value) => value.value === value.name),
  );
}

export interface CompiledExecutionOptions {
  /**
   * Executes every query a second time with each leaf serialized and answers
   * with an error when the two differ (GRAPHQL_LEAF_CHECK=on; the
   * integration suite runs with it). Doubles the cost of every query.
   */
  leafCheck: boolean;
}

/**
 * Executes operations with graphql-jit: each operation is compiled once into
 * a function specialised for its selection set, where graphql-js walks the
 * selection again for every object of every list. Lineage and impact
 * answers carry thousands of objects; their execution took a third of the
 * API's time per request (docs/benchmarks.md).
 *
 * Apollo Server 5 takes an executor only through its gateway interface, so
 * this is a "gateway" that serves the one local schema Nest built, handed
 * over by Nest's `transformSchema` hook before Apollo starts. Parsing,
 * validation, query limits and error formatting stay Apollo's.
 */
export class CompiledExecutionGateway implements GatewayInterface {
  private schema: GraphQLSchema | null = null;
  private listener: GatewaySchemaLoadOrUpdateCallback | null = null;
  // Apollo's document store hands the same DocumentNode to every request
  // with the same query text, and drops it in its own LRU order: keyed
  // weakly, the compiled functions live exactly as long as their document.
  private readonly compiled = new WeakMap<DocumentNode, Map<string, Compiled>>();
  /**
   * Values of enums and of ID, String, Int, Float and Boolean fields go out
   * as the resolvers return them, not through each type's serialize(): the
   * compiled code built an error path and a location list as arguments of
   * every such call, needed only for an error. On a 2,800-item impact
   * answer that was an eighth of its allocation, and the four-client column
   * impact p95 fell by a quarter without it (docs/benchmarks.md). Those
   * serialize() calls return their input for the values resolvers give them
   * (the DTOs type them strictly; GRAPHQL_LEAF_CHECK proves it over the
   * integration suite) and for self-valued enums, checked per schema.
   * Custom scalars (DateTime, JSON) are still serialized.
   */
  private rawLeaves = false;

  constructor(private readonly options: CompiledExecutionOptions = { leafCheck: false }) {}

  /**
   * For Nest's `transformSchema`: records the schema (resolvers attached)
   * and leaves Nest's copy unchanged. Nest sorts only after this hook
   * (`sortSchema`), so the sorting is done here too: introspection then
   * lists types in the order of the printed schema.graphql.
   */
  readonly takeSchema = (schema: GraphQLSchema): GraphQLSchema => {
    this.schema = withoutTrivialResolvers(lexicographicSortSchema(schema));
    this.rawLeaves = enumsAreSelfValued(this.schema);
    return schema;
  };

  onSchemaLoadOrUpdate(callback: GatewaySchemaLoadOrUpdateCallback): GatewayUnsubscriber {
    this.listener = callback;
    return () => {
      this.listener = null;
    };
  }

  async load(): Promise<GatewayLoadResult> {
    const schema = this.schema;
    if (!schema) throw new Error('the GraphQL schema was not built before the server started');
    this.listener?.({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
    return { executor: (request) => this.execute(schema, request) };
  }

  async stop(): Promise<void> {
    this.listener = null;
  }

  private async execute(schema: GraphQLSchema, request: GatewayGraphQLRequestContext): Promise<GatewayExecutionResult> {
    const variables = request.request.variables ?? {};
    // graphql-js reports a bad variable with its definition node, which is how
    // Apollo recognises it as BAD_USER_INPUT (HTTP 400); graphql-jit's own
    // report has no node. Checked here first, the variables go to the
    // compiled query as they came (it coerces them itself).
    const checked = getVariableValues(schema, request.operation.variableDefinitions ?? [], variables);
    if (checked.errors) return { errors: checked.errors };
    const run = async (rawLeaves: boolean): Promise<ExecutionResult> => {
      const compiled = this.compile(schema, request.document, request.operationName, rawLeaves);
      return isCompiledQuery(compiled) ? compiled.query(undefined, request.context, variables) : compiled;
    };
    const result = await run(this.rawLeaves);
    if (this.options.leafCheck && this.rawLeaves && request.operation.operation === 'query') {
      const expected = await run(false);
      const difference = firstDifference(expected.data, result.data, '');
      if (difference !== null) {
        return {
          errors: [
            new GraphQLError(`GRAPHQL_LEAF_CHECK: the unserialized value differs at ${difference}`, {
              extensions: { code: 'INTERNAL_SERVER_ERROR' },
            }),
          ],
        };
      }
    }
    if (!result.errors?.some(lacksExtensions)) return result;
    return {
      ...result,
      errors: result.errors.map((error) => (lacksExtensions(error) ? rebuilt(error, request.source) : error)),
    };
  }

  private compile(
    schema: GraphQLSchema,
    document: DocumentNode,
    operationName: string | null,
    rawLeaves: boolean,
  ): Compiled {
    let byOperation = this.compiled.get(document);
    if (!byOperation) {
      byOperation = new Map();
      this.compiled.set(document, byOperation);
    }
    const key = `${rawLeaves ? 'raw' : 'serialized'}:${operationName ?? ''}`;
    let compiled = byOperation.get(key);
    if (!compiled) {
      compiled = compileQuery(schema, document, operationName ?? undefined, { disableLeafSerialization: rawLeaves });
      byOperation.set(key, compiled);
    }
    return compiled;
  }
}

/** The JSON path of the first place where two answers differ (values compared as JSON would write them), or null. */
export function firstDifference(expected: unknown, actual: unknown, path: string): string | null {
  if (expected === actual) return null;
  if (isJsonLeaf(expected) || isJsonLeaf(actual)) {
    return JSON.stringify(expected) === JSON.stringify(actual) ? null : path || '/';
  }
  if (Array.isArray(expected) !== Array.isArray(actual)) return path || '/';
  const keys = new Set([...Object.keys(expected as object), ...Object.keys(actual as object)]);
  for (const key of keys) {
    const difference = firstDifference(
      (expected as Record<string, unknown>)[key],
      (actual as Record<string, unknown>)[key],
      `${path}/${key}`,
    );
    if (difference !== null) return difference;
  }
  return null;
}

/** A value JSON writes without walking its keys: a primitive, null, or an object with `toJSON` (a Date). */
function isJsonLeaf(value: unknown): boolean {
  return typeof value !== 'object' || value === null || typeof (value as { toJSON?: unknown }).toJSON === 'function';
}

// graphql-jit's own errors (a null in a non-null field, an exception that is
// not a GraphQLError) come without `extensions`, which Apollo's error
// formatting reads; rebuilt as graphql-js errors they are formatted (and
// masked) like any other.
function lacksExtensions(error: GraphQLError): boolean {
  return (error as { extensions?: unknown }).extensions === undefined;
}

function rebuilt(error: GraphQLError, query: string): GraphQLError {
  const lineStarts = [0];
  for (let at = query.indexOf('\n'); at !== -1; at = query.indexOf('\n', at + 1)) lineStarts.push(at + 1);
  const positions = (error.locations ?? []).map(({ line, column }) => (lineStarts[line - 1] ?? 0) + column - 1);
  return new GraphQLError(error.message, {
    source: positions.length > 0 ? new Source(query) : undefined,
    positions: positions.length > 0 ? positions : undefined,
    path: error.path,
    originalError: error.originalError ?? undefined,
  });
}
