import { GraphQLScalarType, valueFromASTUntyped } from 'graphql';

/** Free-form JSON (facets, quality assertions), passed through as parsed values. */
export const GraphQLJSON = new GraphQLScalarType({
  name: 'JSON',
  description: 'Any JSON value.',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (ast, variables) => valueFromASTUntyped(ast, variables),
});

/** The writer keeps facets as JSON strings; the API hands out the parsed value. */
export function parseJson(text: string | null | undefined): unknown {
  if (text == null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
