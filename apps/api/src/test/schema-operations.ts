// Operations generated from the published schema (packages/graphql/schema.graphql), with argument
// values that are right, subtly wrong or of the wrong type, for fuzzing the API with requests a
// client could really send.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findRepoRoot } from '@studentdesk/db';
import {
  buildSchema,
  getNamedType,
  isAbstractType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isRequiredArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';
import { toGlobalId, type NodeTypeName } from '../relay/global-id.js';
import type { FuzzRandom } from './random.js';

export function loadPublishedSchema(): GraphQLSchema {
  return buildSchema(readFileSync(join(findRepoRoot(), 'packages/graphql/schema.graphql'), 'utf8'));
}

/** Real values from the test's database, so some generated operations reach real rows. */
export interface KnownValues {
  ids: string[];
  emails: string[];
  trackingCodes: string[];
}

export interface GeneratedOperation {
  query: string;
  variables: Record<string, unknown>;
  operationName: string;
}

const NODE_TYPES: NodeTypeName[] = [
  'Ticket',
  'Message',
  'Rating',
  'User',
  'Department',
  'Category',
  'Incident',
  'ApiKey',
  'Webhook',
  'Article',
  'Suggestion',
];
const DECLARED_TYPES = ['String', 'String!', 'Int', 'Float!', 'Boolean', 'ID!', 'DateTime', '[String!]!', 'NoSuchType', 'TicketStatus'];
const WORDS = ['wifi', 'login', 'invoice', 'printer', 'password', 'exam', 'library', 'refund', 'room', 'Moodle', 'résumé', '学生', '🙂'];

/** Text meant to trip parsers, encoders and the database. */
export const NASTY_TEXT = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\u202eevil',
  '\uffff\ufffe',
  '\r\nSet-Cookie: sd_session=stolen',
  "' OR '1'='1",
  `'; DROP TABLE "Ticket"; --`,
  '<script>alert(1)</script>',
  '%s%s%n%x',
  '../../../../etc/passwd',
  '__proto__',
  '{"$gt": ""}',
  '${7*7}{{7*7}}',
  'e\u0301\u0301\u0301\u0301',
  '\\',
  '"',
];

export const RANDOM_TEXT_ALPHABET = 'abcXYZ019 _-.,:;!?@#$%^&*()[]{}<>/\\|\'"`~\t\n\u0000\u0007\u00e9\u4e2d\u{1f642}\ud800';

/** Mutations that end the caller's session: every later request of that caller would be refused. */
const ENDS_SESSION = new Set(['signOut', 'signOutEverywhere', 'changePassword']);

export function schemaOperations(schema: GraphQLSchema, random: FuzzRandom, known: KnownValues) {
  const roots = (['query', 'mutation', 'subscription'] as const).map((kind) => {
    const type = kind === 'query' ? schema.getQueryType() : kind === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
    return { kind, fields: type ? Object.values(type.getFields()).filter((field) => !ENDS_SESSION.has(field.name)) : [] };
  });
  const maxSelectionDepth = 3;

  /** Declared variables of one operation, named $v0, $v1, ... */
  class Variables {
    readonly definitions: string[] = [];
    readonly values: Record<string, unknown> = {};
    add(type: string, value: unknown): string {
      const name = `v${this.definitions.length}`;
      this.definitions.push(`$${name}: ${type}`);
      if (value !== undefined) this.values[name] = value;
      return `$${name}`;
    }
  }

  function text(): string {
    return random.weighted<() => string>([
      [() => random.subset(WORDS, 0.3).join(' ') || 'help', 5],
      [() => random.pick(known.emails), 1],
      [() => random.pick(NASTY_TEXT), 3],
      [() => random.string(random.int(0, 200), RANDOM_TEXT_ALPHABET), 2],
      [() => random.pick(WORDS).repeat(random.int(1_000, 20_000)), 0.5],
    ])();
  }

  function id(): string {
    return random.weighted<() => string>([
      [() => random.pick(known.ids), 5],
      [() => toGlobalId(random.pick(NODE_TYPES), random.uuid()), 2],
      [() => Buffer.from(`Ticket:${random.pick(NASTY_TEXT)}`).toString('base64url'), 1],
      [
        () => random.pick(['', 'not-an-id', '1', '-1', 'null', random.pick(known.trackingCodes), random.string(40, RANDOM_TEXT_ALPHABET)]),
        2,
      ],
    ])();
  }

  function scalar(name: string): unknown {
    switch (name) {
      case 'ID':
        return id();
      case 'String':
        return random.chance(0.1) ? random.pick(known.trackingCodes) : text();
      case 'Int':
        return random.pick([0, 1, 3, 5, 20, 100, 101, -1, 2_147_483_647, -2_147_483_648]);
      case 'Float':
        return random.pick([0, 0.5, 1, 4.2, -3.5, 1e308, -1e-308]);
      case 'Boolean':
        return random.chance(0.5);
      case 'DateTime':
        return random.pick([
          new Date(Date.UTC(2025, random.int(0, 11), random.int(1, 28))).toISOString(),
          '2024-02-29T12:00:00Z',
          '1970-01-01T00:00:00.000Z',
          '9999-12-31T23:59:59.999Z',
          '0000-01-01T00:00:00Z',
          '+275760-09-13T00:00:00.000Z',
        ]);
      default:
        return text();
    }
  }

  /** A value of some other type than asked for. */
  function wrongValue(): unknown {
    return random.weighted<() => unknown>([
      [() => null, 2],
      [() => random.pick([2_147_483_648, -2_147_483_649, 1.5, 1e300, -0.000001, 2 ** 53 + 2]), 2],
      [() => random.pick(['true', '12', 'NaN', 'Infinity', '2024-13-45T99:00:00Z', 'yesterday', 'OPEN', 'open']), 2],
      [() => random.chance(0.5), 1],
      [() => ({}), 1],
      [() => [], 1],
      [() => ({ __proto__: { admin: true }, constructor: { prototype: { polluted: true } } }), 1],
      [() => JSON.parse('{"__proto__": {"polluted": true}}'), 1],
      [() => [[[[[[['deep']]]]]]], 1],
      [() => random.pick(NASTY_TEXT), 1],
    ])();
  }

  /** A value for an input type: valid, except that each part is wrong with probability `wrongness`. */
  function value(type: GraphQLInputType, wrongness: number, depth = 0): unknown {
    if (random.chance(wrongness)) return wrongValue();
    if (isNonNullType(type)) return value(type.ofType, wrongness, depth);
    if (random.chance(0.05)) return null;
    if (isListType(type)) {
      const length = random.weighted([
        [random.int(0, 3), 8],
        [random.int(50, 500), 1],
      ]);
      return Array.from({ length }, () => value(type.ofType, wrongness, depth + 1));
    }
    if (isEnumType(type)) return random.pick(type.getValues()).name;
    if (isInputObjectType(type)) {
      const object: Record<string, unknown> = {};
      if (depth > 4) return object;
      for (const field of Object.values(type.getFields())) {
        const required = isNonNullType(field.type) && field.defaultValue === undefined;
        if (required ? random.chance(wrongness / 4) : !random.chance(0.5)) continue;
        object[field.name] = value(field.type, wrongness, depth + 1);
      }
      if (random.chance(wrongness / 4)) object[random.pick(['unknownField', 'id', '__typename', 'constructor'])] = text();
      return object;
    }
    return scalar(type.name);
  }

  function argumentsOf(field: GraphQLField<unknown, unknown>, variables: Variables, wrongness: number): string {
    const parts: string[] = [];
    for (const argument of field.args) {
      const required = isRequiredArgument(argument);
      if (required ? random.chance(wrongness / 4) : !random.chance(0.4)) continue;
      const declared = random.chance(wrongness / 4) ? random.pick(DECLARED_TYPES) : String(argument.type);
      const given = random.chance(wrongness / 6) ? undefined : value(argument.type, wrongness);
      parts.push(`${argument.name}: ${variables.add(declared, given)}`);
    }
    if (random.chance(wrongness / 4))
      parts.push(`${random.pick(['bogus', 'where', 'orderBy', 'first'])}: ${random.pick(['1', '"x"', 'null', '{ a: 1 }', '[1, 2]'])}`);
    return parts.length > 0 ? `(${parts.join(', ')})` : '';
  }

  function selectionOf(type: GraphQLOutputType, depth: number, variables: Variables, wrongness: number): string {
    const named = getNamedType(type);
    if (isLeafType(named)) return '';
    if (isAbstractType(named)) {
      const fragments = random
        .subset(schema.getPossibleTypes(named), 0.3)
        .map((possible) => `... on ${possible.name} ${selectionOf(possible, depth + 1, variables, wrongness)}`);
      return `{ __typename ${fragments.join(' ')} }`;
    }
    const fields = Object.values((named as GraphQLObjectType).getFields()).filter((field) => !field.args.some(isRequiredArgument));
    const leaves = random.subset(
      fields.filter((field) => isLeafType(getNamedType(field.type))),
      0.4,
    );
    const objects =
      depth < maxSelectionDepth
        ? random
            .subset(
              fields.filter((field) => !isLeafType(getNamedType(field.type))),
              0.25,
            )
            .slice(0, 2)
        : [];
    const selected = [...leaves, ...objects].map(
      (field) => `${field.name}${argumentsOf(field, variables, wrongness)} ${selectionOf(field.type, depth + 1, variables, wrongness)}`,
    );
    if (random.chance(wrongness / 4))
      selected.push(random.pick(['password', 'passwordHash', 'secret', 'nonsense', '__schema { types { name } }']));
    return `{ __typename ${selected.join(' ')} }`;
  }

  return {
    /** One root field of the schema with a selection under it; `wrongness` is how often a value is off. */
    operation(wrongness: number): GeneratedOperation {
      const root = random.weighted([
        [roots[0]!, 5],
        [roots[1]!, 4],
        [roots[2]!, 0.3],
      ]);
      const field = random.pick(root.fields);
      const variables = new Variables();
      const selection = `${field.name}${argumentsOf(field, variables, wrongness)} ${selectionOf(field.type, 1, variables, wrongness)}`;
      const operationName = `Fuzz_${field.name}`;
      const definitions = variables.definitions.length > 0 ? `(${variables.definitions.join(', ')})` : '';
      return { query: `${root.kind} ${operationName}${definitions} { ${selection} }`, variables: variables.values, operationName };
    },

    /** A query `depth` levels deep along real fields (as deep as the schema allows on this walk). */
    deepQuery(depth: number): { query: string; depth: number } {
      let longest: string[] = [];
      for (let walk = 0; walk < 20 && longest.length < depth; walk += 1) {
        const path: string[] = [];
        let type = schema.getQueryType()!;
        while (path.length < depth) {
          const next = Object.values(type.getFields()).filter(
            (field) => isObjectType(getNamedType(field.type)) && !field.args.some(isRequiredArgument),
          );
          if (next.length === 0) break;
          const field = random.pick(next);
          path.push(field.name);
          type = getNamedType(field.type) as GraphQLObjectType;
        }
        if (path.length > longest.length) longest = path;
      }
      return { query: `{ ${longest.join(' { ')} { __typename }${' }'.repeat(longest.length - 1)} }`, depth: longest.length + 1 };
    },

    /** Query fields that page with `first`. */
    pagedQueryFields(): string[] {
      return roots[0]!.fields.filter((field) => field.args.some((argument) => argument.name === 'first')).map((field) => field.name);
    },
  };
}
