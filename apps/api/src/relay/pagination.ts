// Cursor pagination arguments shared by every connection: `first` (default 20, at most 100) and
// an opaque `after` cursor holding the sort key of the last row seen.
import { badInput } from '../errors.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw badInput(`first must be between 0 and ${MAX_PAGE_SIZE}; page through larger lists with after.`, 'first');
  }
  return first;
}

export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** The values inside a cursor, checked against the expected shape; BAD_USER_INPUT if tampered with. */
export function decodeCursor<T extends unknown[]>(cursor: string, isValid: (values: unknown[]) => values is T): T {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && isValid(values)) return values;
  } catch {
    // fall through to the error below
  }
  throw badInput('after is not a cursor from this list.', 'after');
}

/** The usual cursor: a row's timestamp (ISO) and id, for lists ordered by time with id as tie-break. */
export type TimeCursor = [time: string, id: string];
export const isTimeCursor = (values: unknown[]): values is TimeCursor =>
  values.length === 2 && typeof values[0] === 'string' && typeof values[1] === 'string';

export interface Page<Row> {
  rows: Row[];
  hasNextPage: boolean;
}

/** Rows were fetched with limit `size + 1`; the extra row only says whether there is a next page. */
export function toPage<Row>(rows: Row[], size: number): Page<Row> {
  return { rows: rows.slice(0, size), hasNextPage: rows.length > size };
}
