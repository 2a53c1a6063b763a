// GraphQL enums, each value described: the schema is the integrator's manual, and a value added
// to a database enum without a meaning fails to compile here.
import { registerEnumType } from 'type-graphql';

export function describeEnum<Values extends Record<string, string>>(
  values: Values,
  name: string,
  description: string,
  meanings: { readonly [Key in keyof Values]: string },
): void {
  const valuesConfig = Object.fromEntries(Object.entries(meanings).map(([value, meaning]) => [value, { description: meaning }])) as {
    [Key in keyof Values]: { description: string };
  };
  registerEnumType(values, { name, description, valuesConfig });
}
