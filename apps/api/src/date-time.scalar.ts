// DateTime: graphql-scalars' RFC 3339 scalar, limited to the years PostgreSQL can store and compare
// (1 to 9999). Without the limit, a well-formed "0000-01-01T00:00:00Z" passed the scalar and failed
// in the database as an INTERNAL_SERVER_ERROR; now it is refused like any malformed date.
import { GraphQLError, GraphQLScalarType, type ValueNode } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';

const FIRST_YEAR = 1;
const LAST_YEAR = 9999;

function withinYears(date: Date): Date {
  const year = date.getUTCFullYear();
  if (year < FIRST_YEAR || year > LAST_YEAR) {
    throw new GraphQLError(`DateTime must fall between the years ${FIRST_YEAR} and ${LAST_YEAR}.`);
  }
  return date;
}

export const DateTimeScalar = new GraphQLScalarType({
  ...DateTimeResolver.toConfig(),
  parseValue: (value: unknown) => withinYears(DateTimeResolver.parseValue(value)),
  parseLiteral: (ast: ValueNode, variables?: Record<string, unknown> | null) => withinYears(DateTimeResolver.parseLiteral(ast, variables)),
});
