// Relay cursor pagination, the one helper every connection uses: the arguments (`first`/`after`
// forward, `last`/`before` backward, limits), opaque cursors that name their list and are checked
// before any value reaches the database, the keyset conditions and order for Prisma and for SQL,
// and pageInfo with real hasPreviousPage/hasNextPage.
import { Prisma } from '@studentdesk/db';
import { ArgsType, Field, Int } from 'type-graphql';
import { badInput } from '../errors.js';
import type { PageInfo } from './relay.types.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
/** Our cursors are well under this; anything longer is not one of them. */
const MAX_CURSOR_LENGTH = 512;

@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    nullable: true,
    description: `Page size from the start (or after \`after\`): default ${DEFAULT_PAGE_SIZE}, at most ${MAX_PAGE_SIZE}.`,
  })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item seen: the page starts after it.' })
  after?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: `Page size from the end (or before \`before\`), at most ${MAX_PAGE_SIZE}; pages backwards. Not together with \`first\`.`,
  })
  last?: number | null;

  @Field(() => String, {
    nullable: true,
    description: `Cursor of the first item seen: the page ends before it (alone: the ${DEFAULT_PAGE_SIZE} items just before it).`,
  })
  before?: string | null;
}

type KeyKind = 'time' | 'uuid' | 'int';

/** One sort key of a list: a column of the row (same name in Prisma and SQL) and its direction. */
interface Key {
  column: string;
  kind: KeyKind;
  descending?: boolean;
  /** Nullable column; rows without a value come last in the list's order. */
  nullsLast?: boolean;
}

export interface SortKey<Row> extends Key {
  column: keyof Row & string;
}

/**
 * A list's order: its name (a cursor of one list is refused by every other) and its sort keys,
 * the last of which must be unique (the id), so every row has one place.
 */
export interface ListOrder<Row> {
  list: string;
  keys: Array<SortKey<Row>>;
}

export function listOrder<Row>(list: string, keys: Array<SortKey<Row>>): ListOrder<Row> {
  return { list, keys };
}

/** Newest first by (createdAt, id): most lists. */
export const newestFirst = <Row extends { createdAt: Date; id: string }>(list: string) =>
  listOrder<Row>(list, [
    { column: 'createdAt', kind: 'time', descending: true },
    { column: 'id', kind: 'uuid', descending: true },
  ]);

/** A row's position in its list: the values of its sort keys (timestamps as Dates). */
type Position = Array<Date | string | number | null>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

function encodeCursor<Row>(order: ListOrder<Row>, row: Row): string {
  const values = order.keys.map((key) => {
    const value = row[key.column] as Date | string | number | null;
    return value instanceof Date ? value.toISOString() : value;
  });
  return Buffer.from(JSON.stringify([order.list, ...values])).toString('base64url');
}

function decodeValue(value: unknown, key: Key): Date | string | number | null | undefined {
  if (value === null) return key.nullsLast ? null : undefined;
  if (key.kind === 'int') return Number.isSafeInteger(value) ? (value as number) : undefined;
  if (typeof value !== 'string') return undefined;
  if (key.kind === 'uuid') return UUID.test(value) ? value : undefined;
  const time = new Date(value);
  return ISO_TIME.test(value) && !Number.isNaN(time.getTime()) ? time : undefined;
}

/** The position inside a cursor of this list; BAD_USER_INPUT naming the argument for anything else. */
function decodeCursor<Row>(order: ListOrder<Row>, cursor: string, argument: 'after' | 'before'): Position {
  const refuse = () => badInput(`${argument} is not a cursor of this list: pass a cursor this list returned.`, argument);
  if (cursor.length > MAX_CURSOR_LENGTH || !BASE64URL.test(cursor)) throw refuse();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw refuse();
  }
  if (!Array.isArray(parsed) || parsed.length !== order.keys.length + 1 || parsed[0] !== order.list) throw refuse();
  const position = order.keys.map((key, index) => decodeValue(parsed[index + 1], key));
  if (position.some((value) => value === undefined)) throw refuse();
  return position as Position;
}

/** What a client asked for, checked: how many, which way, and between which positions. */
export interface PageRequest<Row> {
  order: ListOrder<Row>;
  size: number;
  /** Paging backwards (`last`, or `before` alone): the page is the last `size` rows before `before`. */
  backward: boolean;
  after: Position | null;
  before: Position | null;
}

function checkedSize(value: number, argument: 'first' | 'last'): number {
  if (!Number.isInteger(value) || value < 0 || value > MAX_PAGE_SIZE) {
    throw badInput(`${argument} must be between 0 and ${MAX_PAGE_SIZE}; page through longer lists with cursors.`, argument);
  }
  return value;
}

export function pageRequest<Row>(args: PageArgs, order: ListOrder<Row>): PageRequest<Row> {
  const hasFirst = args.first !== null && args.first !== undefined;
  const hasLast = args.last !== null && args.last !== undefined;
  if (hasFirst && hasLast) throw badInput('Pass first or last, not both.', 'last');
  const backward = hasLast || (!hasFirst && Boolean(args.before) && !args.after);
  return {
    order,
    size: hasFirst ? checkedSize(args.first!, 'first') : hasLast ? checkedSize(args.last!, 'last') : DEFAULT_PAGE_SIZE,
    backward,
    after: args.after ? decodeCursor(order, args.after, 'after') : null,
    before: args.before ? decodeCursor(order, args.before, 'before') : null,
  };
}

/** Where a row may lie relative to a position in the list's order. */
type Side = 'after' | 'atOrAfter' | 'before' | 'atOrBefore';

/**
 * One query's share of a page: rows on the given sides of the given positions, in list order or
 * reversed, at most `limit`. A list's fetch function turns it into its Prisma or SQL query.
 */
export class PageWindow<Row> {
  constructor(
    readonly order: ListOrder<Row>,
    readonly bounds: Array<{ side: Side; position: Position }>,
    readonly reversed: boolean,
    readonly limit: number,
  ) {}

  /** Whether this window reads `key` downwards; rows without a value always come last in list order. */
  private descending(key: Key): boolean {
    return Boolean(key.descending) !== this.reversed;
  }

  /** Tells windows apart, for loaders that batch them. */
  get key(): string {
    return JSON.stringify([this.order.list, this.bounds, this.reversed, this.limit]);
  }

  /** Prisma `where` conditions for the bounds (spread into a `where` with AND). */
  prismaWhere(): Record<string, unknown> {
    return this.bounds.length ? { AND: this.bounds.map(({ side, position }) => prismaSide(this.order, side, position)) } : {};
  }

  prismaOrderBy(): Array<Record<string, 'asc' | 'desc' | { sort: 'asc' | 'desc'; nulls: 'first' | 'last' }>> {
    return this.order.keys.map((key) => {
      const sort = this.descending(key) ? 'desc' : 'asc';
      return { [key.column]: key.nullsLast ? { sort, nulls: this.reversed ? 'first' : 'last' } : sort };
    });
  }

  /** SQL predicate for the bounds on the row alias `alias` (TRUE without bounds). */
  sqlWhere(alias: string): Prisma.Sql {
    if (!this.bounds.length) return Prisma.sql`TRUE`;
    return Prisma.join(
      this.bounds.map(({ side, position }) => sqlSide(this.order, alias, side, position)),
      ' AND ',
    );
  }

  sqlOrderBy(alias: string): Prisma.Sql {
    return Prisma.raw(
      this.order.keys
        .map((key) => {
          const nulls = key.nullsLast ? (this.reversed ? ' NULLS FIRST' : ' NULLS LAST') : '';
          return `${alias}."${key.column}" ${this.descending(key) ? 'DESC' : 'ASC'}${nulls}`;
        })
        .join(', '),
    );
  }
}

export interface Edge<Node> {
  cursor: string;
  node: Node;
}

export interface Connection<Node> {
  edges: Array<Edge<Node>>;
  pageInfo: PageInfo;
}

/**
 * The page a request asks for. `fetch` runs one window (rows in the window's order, at most its
 * limit); it is called once for the page and, when a cursor was given, once more per side to learn
 * whether rows lie beyond it. `toNode` shapes a row for the client (default: the row itself).
 */
export async function paginate<Row, Node = Row>(
  request: PageRequest<Row>,
  fetch: (window: PageWindow<Row>) => Promise<Row[]>,
  toNode: (row: Row) => Node | Promise<Node> = (row) => row as unknown as Node,
): Promise<Connection<Node>> {
  const { order, size, backward, after, before } = request;
  const between = [
    ...(after ? [{ side: 'after' as const, position: after }] : []),
    ...(before ? [{ side: 'before' as const, position: before }] : []),
  ];
  const exists = async (side: Side, position: Position | null) =>
    position !== null && (await fetch(new PageWindow(order, [{ side, position }], false, 1))).length > 0;
  const [fetched, beforeAfter, fromBefore] = await Promise.all([
    fetch(new PageWindow(order, between, backward, size + 1)),
    // Rows at or before `after` precede the page; rows at or after `before` follow it.
    exists('atOrBefore', after),
    exists('atOrAfter', before),
  ]);
  const more = fetched.length > size;
  const rows = fetched.slice(0, size);
  if (backward) rows.reverse();
  const edges = await Promise.all(rows.map(async (row) => ({ cursor: encodeCursor(order, row), node: await toNode(row) })));
  return {
    edges,
    pageInfo: {
      hasPreviousPage: backward ? more || beforeAfter : beforeAfter,
      hasNextPage: backward ? fromBefore : more || fromBefore,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

// The conditions. A row lies after a position when its keys compare greater in list order:
// (k1 beyond v1) OR (k1 = v1 AND k2 beyond v2) OR … Rows without a value of a nullsLast key come
// after every row with one. Each condition is used as written, never negated, so SQL's NULL
// (unknown) only ever stands for "no".

interface Condition<Out> {
  /** k lies beyond v (direction: 1 after, -1 before) in list order, for a non-null v. */
  beyond: (key: Key, value: Date | string | number, direction: 1 | -1) => Out;
  isNull: (key: Key, isNull: boolean) => Out;
  equals: (key: Key, value: Date | string | number) => Out;
  and: (parts: Out[]) => Out;
  or: (parts: Out[]) => Out;
  never: Out;
}

function keyBeyond<Out>(c: Condition<Out>, key: Key, value: Date | string | number | null, direction: 1 | -1): Out {
  if (!key.nullsLast) return c.beyond(key, value!, direction);
  if (value === null) return direction === 1 ? c.never : c.isNull(key, false);
  return direction === 1 ? c.or([c.beyond(key, value, 1), c.isNull(key, true)]) : c.beyond(key, value, -1);
}

const keyEquals = <Out>(c: Condition<Out>, key: Key, value: Date | string | number | null): Out =>
  value === null ? c.isNull(key, true) : c.equals(key, value);

function sideCondition<Row, Out>(c: Condition<Out>, order: ListOrder<Row>, side: Side, position: Position): Out {
  const keys: Key[] = order.keys;
  const direction = side === 'after' || side === 'atOrAfter' ? 1 : -1;
  const alternatives = keys.map((key, index) =>
    c.and([
      ...keys.slice(0, index).map((earlier, j) => keyEquals(c, earlier, position[j]!)),
      keyBeyond(c, key, position[index]!, direction),
    ]),
  );
  if (side === 'atOrAfter' || side === 'atOrBefore') {
    alternatives.push(c.and(keys.map((key, index) => keyEquals(c, key, position[index]!))));
  }
  return c.or(alternatives);
}

const prismaCondition: Condition<Record<string, unknown>> = {
  beyond: (key, value, direction) => ({ [key.column]: { [(direction === 1) !== Boolean(key.descending) ? 'gt' : 'lt']: value } }),
  isNull: (key, isNull) => ({ [key.column]: isNull ? null : { not: null } }),
  equals: (key, value) => ({ [key.column]: value }),
  and: (parts) => (parts.length === 1 ? parts[0]! : { AND: parts }),
  or: (parts) => (parts.length === 1 ? parts[0]! : { OR: parts }),
  never: { OR: [] },
};

const prismaSide = <Row>(order: ListOrder<Row>, side: Side, position: Position) => sideCondition(prismaCondition, order, side, position);

const SQL_TYPES: Record<KeyKind, string> = { time: 'timestamptz', uuid: 'uuid', int: 'int' };
const sqlValue = (key: Key, value: Date | string | number | null) => Prisma.sql`${value}::${Prisma.raw(SQL_TYPES[key.kind])}`;

function sqlCondition(alias: string): Condition<Prisma.Sql> {
  const column = (key: Key) => Prisma.raw(`${alias}."${key.column}"`);
  return {
    beyond: (key, value, direction) =>
      (direction === 1) !== Boolean(key.descending)
        ? Prisma.sql`${column(key)} > ${sqlValue(key, value)}`
        : Prisma.sql`${column(key)} < ${sqlValue(key, value)}`,
    isNull: (key, isNull) => (isNull ? Prisma.sql`${column(key)} IS NULL` : Prisma.sql`${column(key)} IS NOT NULL`),
    equals: (key, value) => Prisma.sql`${column(key)} = ${sqlValue(key, value)}`,
    and: (parts) => (parts.length === 1 ? parts[0]! : Prisma.sql`(${Prisma.join(parts, ' AND ')})`),
    or: (parts) => (parts.length === 1 ? parts[0]! : Prisma.sql`(${Prisma.join(parts, ' OR ')})`),
    never: Prisma.sql`FALSE`,
  };
}

/** Row-comparison operators of each side, for keys sorted ascending. */
const ASCENDING_OPERATORS: Record<Side, string> = { after: '>', atOrAfter: '>=', before: '<', atOrBefore: '<=' };
const DESCENDING_OPERATORS: Record<Side, string> = { after: '<', atOrAfter: '<=', before: '>', atOrBefore: '>=' };

function sqlSide<Row>(order: ListOrder<Row>, alias: string, side: Side, position: Position): Prisma.Sql {
  const keys = order.keys;
  const descending = Boolean(keys[0]!.descending);
  // All keys one way and never null: a row comparison, which an index on the keys answers directly.
  if (keys.every((key) => !key.nullsLast && Boolean(key.descending) === descending)) {
    const columns = Prisma.raw(keys.map((key) => `${alias}."${key.column}"`).join(', '));
    const values = Prisma.join(keys.map((key, index) => sqlValue(key, position[index]!)));
    return Prisma.sql`(${columns}) ${Prisma.raw((descending ? DESCENDING_OPERATORS : ASCENDING_OPERATORS)[side])} (${values})`;
  }
  return sideCondition(sqlCondition(alias), order, side, position);
}
