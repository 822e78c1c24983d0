import { GraphQLISODateTime } from '@nestjs/graphql';
import { GraphQLScalarType } from 'graphql';

/** Serialized times kept; past this the memo starts over rather than grow. */
const REMEMBERED_TIMES = 100_000;
const isoByTime = new Map<number, string>();

/**
 * Nest's `DateTime` (GraphQLISODateTime): same name, description, parsing
 * and output, with the strings it writes remembered by time. An impact
 * answer of thousands of items writes the last successful run of every
 * dataset it reaches, the same few thousand times on every call, and
 * `toISOString` was a twentieth of the API's time on such an answer
 * (docs/benchmarks.md).
 */
export const DateTime = new GraphQLScalarType<Date | null, string | null>({
  name: GraphQLISODateTime.name,
  description: GraphQLISODateTime.description,
  serialize(value) {
    if (!(value instanceof Date)) return null;
    const time = value.getTime();
    let iso = isoByTime.get(time);
    if (iso === undefined) {
      // Throws for an invalid date before anything is remembered, as Nest's does.
      iso = value.toISOString();
      if (isoByTime.size >= REMEMBERED_TIMES) isoByTime.clear();
      isoByTime.set(time, iso);
    }
    return iso;
  },
  parseValue: (value) => GraphQLISODateTime.parseValue(value) as Date | null,
  parseLiteral: (ast, variables) => GraphQLISODateTime.parseLiteral(ast, variables) as Date | null,
});

/** Nest's schema-building option that makes every Date field use DateTime; the server and print-schema share it. */
export const DATE_SCALARS = [{ type: Date, scalar: DateTime }];
