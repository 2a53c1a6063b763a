// SCIM 2.0's wire format (RFC 7643, RFC 7644) as far as StudentDesk speaks it: schema URNs, the
// Error and ListResponse messages, the one filter form providers send (`attribute eq "value"`),
// paging, and PATCH operations normalised from the shapes Entra ID and Okta actually send.

export const SCIM_CONTENT_TYPE = 'application/scim+json';

export const SCHEMAS = {
  user: 'urn:ietf:params:scim:schemas:core:2.0:User',
  enterpriseUser: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
  group: 'urn:ietf:params:scim:schemas:core:2.0:Group',
  listResponse: 'urn:ietf:params:scim:api:messages:2.0:ListResponse',
  error: 'urn:ietf:params:scim:api:messages:2.0:Error',
  patchOp: 'urn:ietf:params:scim:api:messages:2.0:PatchOp',
  serviceProviderConfig: 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig',
  resourceType: 'urn:ietf:params:scim:schemas:core:2.0:ResourceType',
  schema: 'urn:ietf:params:scim:schemas:core:2.0:Schema',
} as const;

/** RFC 7644 §3.12's scimType values this service answers with. */
export type ScimType = 'invalidFilter' | 'uniqueness' | 'invalidValue' | 'noTarget' | 'invalidSyntax' | 'invalidPath' | 'mutability';

/** A refusal the provider sees as an RFC 7644 Error message; `detail` says what to fix. */
export class ScimError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly scimType?: ScimType,
  ) {
    super(detail);
  }

  toJSON() {
    return {
      schemas: [SCHEMAS.error],
      status: String(this.status),
      ...(this.scimType && { scimType: this.scimType }),
      detail: this.detail,
    };
  }
}

export const invalidValue = (detail: string) => new ScimError(400, detail, 'invalidValue');
export const scimNotFound = (what: string) => new ScimError(404, `There is no ${what} with this id.`);

export function listResponse(resources: unknown[], totalResults: number, startIndex: number) {
  return { schemas: [SCHEMAS.listResponse], totalResults, startIndex, itemsPerPage: resources.length, Resources: resources };
}

/** The most resources one list answer holds, whatever `count` asks (ServiceProviderConfig says so). */
export const MAX_RESULTS = 200;

/** startIndex is 1-based; count 0 asks only for totalResults (RFC 7644 §3.4.2.4). */
export function paging(query: Record<string, unknown>): { skip: number; take: number; startIndex: number } {
  const number = (name: string, fallback: number) => {
    const value = query[name];
    if (value === undefined) return fallback;
    const parsed = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(parsed)) throw invalidValue(`${name} must be a whole number.`);
    return parsed;
  };
  // Values below 1 are read as 1 and negative counts as 0, as the RFC says.
  const startIndex = Math.max(1, number('startIndex', 1));
  const take = Math.min(MAX_RESULTS, Math.max(0, number('count', MAX_RESULTS)));
  return { skip: startIndex - 1, take, startIndex };
}

export interface EqualityFilter {
  /** One of the allowed attributes, in the spelling the caller passed in `allowed`. */
  attribute: string;
  value: string;
}

const FILTER = /^\s*([A-Za-z][\w.:-]*)\s+eq\s+"((?:[^"\\]|\\.)*)"\s*$/i;

/**
 * `userName eq "alice@school.edu"`: the filter providers use to find an account before creating it.
 * Attribute names compare case-insensitively (RFC 7643 §2.1). Anything else is invalidFilter, with
 * the forms that do work in the detail.
 */
export function parseFilter(filter: unknown, allowed: readonly string[]): EqualityFilter | undefined {
  if (filter === undefined || filter === '') return undefined;
  const supported = allowed.map((attribute) => `${attribute} eq "…"`).join(' or ');
  const match = typeof filter === 'string' ? FILTER.exec(filter) : null;
  if (!match) throw new ScimError(400, `This filter is not supported; use ${supported}.`, 'invalidFilter');
  const attribute = allowed.find((name) => name.toLowerCase() === match[1]!.toLowerCase());
  if (!attribute) throw new ScimError(400, `Filtering on ${match[1]} is not supported; use ${supported}.`, 'invalidFilter');
  return { attribute, value: JSON.parse(`"${match[2]!}"`) as string };
}

/** Entra sends booleans as the strings "True" and "False". */
export function scimBoolean(value: unknown, attribute: string): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  throw invalidValue(`${attribute} must be true or false.`);
}

/** A string attribute, trimmed; null when the provider clears it; invalidValue for anything else. */
export function scimText(value: unknown, attribute: string, maxLength = 200): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value !== 'string') throw invalidValue(`${attribute} must be a string.`);
  const text = value.trim();
  if (text.length > maxLength) throw invalidValue(`${attribute} is longer than ${maxLength} characters.`);
  return text || null;
}

export type PatchOp = 'add' | 'replace' | 'remove';

export interface PatchOperation {
  op: PatchOp;
  /** Absent for a value object that names its attributes itself (`{"active": false}`). */
  path?: string;
  value?: unknown;
}

/** The operations of a PatchOp message; Entra capitalises `op` ("Replace"), so case is ignored. */
export function patchOperations(body: unknown): PatchOperation[] {
  const message = body as { schemas?: unknown; Operations?: unknown } | null;
  if (!message || typeof message !== 'object' || !Array.isArray(message.schemas) || !message.schemas.includes(SCHEMAS.patchOp)) {
    throw new ScimError(400, `A PATCH body is a PatchOp message (schemas: ["${SCHEMAS.patchOp}"]).`, 'invalidSyntax');
  }
  if (!Array.isArray(message.Operations) || message.Operations.length === 0) {
    throw new ScimError(400, 'A PATCH body lists its changes in Operations.', 'invalidSyntax');
  }
  return message.Operations.map((operation: unknown) => {
    const { op, path, value } = (operation ?? {}) as { op?: unknown; path?: unknown; value?: unknown };
    const kind = typeof op === 'string' ? op.toLowerCase() : '';
    if (kind !== 'add' && kind !== 'replace' && kind !== 'remove') {
      throw new ScimError(400, `Unknown PATCH op ${JSON.stringify(op)}: use add, replace or remove.`, 'invalidSyntax');
    }
    if (path !== undefined && typeof path !== 'string') throw new ScimError(400, 'A PATCH path is a string.', 'invalidPath');
    if (kind === 'remove' && !path) throw new ScimError(400, 'A remove operation names its path.', 'noTarget');
    if (!path && (typeof value !== 'object' || value === null || Array.isArray(value))) {
      throw new ScimError(400, 'An operation without a path carries an object of attributes as its value.', 'invalidValue');
    }
    return { op: kind, ...(path ? { path } : {}), value };
  });
}

/**
 * An operation without a path, as single-attribute operations: `{"value": {"active": false,
 * "name.givenName": "Al"}}` becomes paths `active` and `name.givenName` (Entra sends both styles).
 */
export function expandValueObjects(operations: PatchOperation[]): PatchOperation[] {
  return operations.flatMap((operation) =>
    operation.path
      ? [operation]
      : Object.entries(operation.value as Record<string, unknown>).map(([path, value]) => ({ op: operation.op, path, value })),
  );
}
