// /scim/v2/Users: every account of the desk as a SCIM User. userName is the email (when the
// provider's userName is not an address, e.g. an Entra object id, it is kept beside the account and
// the work email is the address); name parts,
// displayName, externalId and the enterprise extension's employeeNumber (the student number) are
// kept; the core `roles` attribute (value student, staff or manager) sets the role. Attributes the
// desk does not keep (phone numbers, addresses, title …) are accepted and ignored, so a provider's
// default attribute mapping works unchanged.
//
// Deprovisioning: `active: false` deactivates (sessions end, open tickets go back to the queue);
// DELETE does the same and hides the account from SCIM (a later GET is 404, as Entra expects),
// while the account and its tickets stay. Creating the same userName again brings it back.
import { createHash } from 'node:crypto';
import type { Prisma, ScimUser as ScimUserRow, User as UserRow } from '@studentdesk/db';
import { emailProblem } from '@studentdesk/domain';
import { AuditAction } from '../audit/audit-action.js';
import { recordAudit } from '../audit/audit.js';
import type { Context } from '../context.js';
import { isUniqueViolation } from '../errors.js';
import { deactivateAccount } from '../people/people.service.js';
import { applyGroupMembership, type ProvisionedRole } from './group-membership.js';
import {
  expandValueObjects,
  invalidValue,
  listResponse,
  paging,
  parseFilter,
  patchOperations,
  SCHEMAS,
  scimBoolean,
  ScimError,
  scimNotFound,
  scimText,
  type PatchOperation,
} from './scim-protocol.js';

type Person = UserRow & { scim: ScimUserRow | null };

/** What a request changes; undefined leaves an attribute as it is, null clears it. */
interface UserChanges {
  /** Lower-cased. */
  userName?: string;
  /** The work address from `emails`: the account's email when userName is not an address. */
  workEmail?: string;
  givenName?: string | null;
  familyName?: string | null;
  displayName?: string | null;
  formatted?: string | null;
  externalId?: string | null;
  studentNumber?: string | null;
  active?: boolean;
  role?: ProvisionedRole;
}

const ROLE_VALUES: Record<string, ProvisionedRole> = { student: 'STUDENT', staff: 'STAFF', manager: 'MANAGER' };
const ROLE_NAMES: Record<UserRow['role'], string> = { STUDENT: 'student', STAFF: 'staff', MANAGER: 'manager', ADMIN: 'admin' };

/** Accounts SCIM shows: all but those the provider deleted. */
const VISIBLE: Prisma.UserWhereInput = { OR: [{ scim: { is: null } }, { scim: { is: { deletedAt: null } } }] };

const sha = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 22);

export const userLocation = (baseUrl: string, id: string) => `${baseUrl}/Users/${id}`;

export function toScimUser(person: Person, baseUrl: string) {
  const scim = person.scim;
  const formatted = [scim?.givenName, scim?.familyName].filter(Boolean).join(' ') || person.name;
  const resource = {
    schemas: [SCHEMAS.user, SCHEMAS.enterpriseUser],
    id: person.id,
    ...(scim?.externalId && { externalId: scim.externalId }),
    userName: scim?.userName ?? person.email,
    name: { formatted, ...(scim?.givenName && { givenName: scim.givenName }), ...(scim?.familyName && { familyName: scim.familyName }) },
    displayName: person.name,
    emails: [{ value: person.email, type: 'work', primary: true }],
    active: !person.deactivatedAt,
    roles: [{ value: ROLE_NAMES[person.role], primary: true }],
    [SCHEMAS.enterpriseUser]: person.studentNumber ? { employeeNumber: person.studentNumber } : {},
  };
  const changes = [person.createdAt, scim?.updatedAt, person.deactivatedAt].filter((at): at is Date => !!at);
  const lastModified = new Date(Math.max(...changes.map((at) => at.getTime())));
  return {
    ...resource,
    meta: {
      resourceType: 'User',
      created: person.createdAt.toISOString(),
      lastModified: lastModified.toISOString(),
      location: userLocation(baseUrl, person.id),
      version: `W/"${sha(JSON.stringify(resource))}"`,
    },
  };
}

function roleFrom(value: unknown): ProvisionedRole | undefined {
  const entries: unknown[] = Array.isArray(value) ? value : [value];
  if (entries.length === 0) return undefined;
  const chosen = entries.find((entry) => (entry as { primary?: unknown } | null)?.primary === true) ?? entries[0];
  const name = typeof chosen === 'string' ? chosen : (chosen as { value?: unknown } | null)?.value;
  if (typeof name !== 'string') throw invalidValue('roles holds objects with a value: student, staff or manager.');
  const role = ROLE_VALUES[name.trim().toLowerCase()];
  if (role) return role;
  if (name.trim().toLowerCase() === 'admin') throw invalidValue('Admins are made in the StudentDesk console, not over SCIM.');
  throw invalidValue(`Unknown role "${name}": use student, staff or manager.`);
}

const isEmail = (text: string) => !emailProblem(text);

function userNameFrom(value: unknown): string {
  const userName = scimText(value, 'userName', 254)?.toLowerCase();
  if (!userName) throw invalidValue('userName (best: the person’s email address) is required.');
  return userName;
}

/** The work (else primary, else first) address of an `emails` value. */
function workEmailFrom(value: unknown): string | undefined {
  const entries = (Array.isArray(value) ? value : [value]) as Array<{ value?: unknown; type?: unknown; primary?: unknown } | null>;
  const chosen = entries.find((entry) => entry?.type === 'work') ?? entries.find((entry) => entry?.primary === true) ?? entries[0];
  const address = typeof chosen === 'string' ? chosen : chosen?.value;
  if (address === undefined) return undefined;
  const email = scimText(address, 'emails.value', 254)?.toLowerCase();
  if (!email || !isEmail(email)) throw invalidValue('emails holds email addresses such as alice@school.edu.');
  return email;
}

/** One attribute (a path, case-insensitive) set by a PATCH or a full resource. */
function applyAttribute(changes: UserChanges, path: string, value: unknown, removing: boolean): void {
  const key = path.toLowerCase();
  const enterprise = SCHEMAS.enterpriseUser.toLowerCase();
  const set = <K extends keyof UserChanges>(name: K, parsed: UserChanges[K]) => (changes[name] = parsed);
  if (key === 'username') {
    if (removing) throw new ScimError(400, 'userName is required and cannot be removed.', 'mutability');
    set('userName', userNameFrom(value));
  } else if (key === 'emails' || /^emails\[.*\]\.value$/.test(key)) {
    if (!removing) set('workEmail', workEmailFrom(value));
  } else if (key === 'displayname') set('displayName', removing ? null : scimText(value, 'displayName'));
  else if (key === 'name.givenname') set('givenName', removing ? null : scimText(value, 'name.givenName'));
  else if (key === 'name.familyname') set('familyName', removing ? null : scimText(value, 'name.familyName'));
  else if (key === 'name.formatted') set('formatted', removing ? null : scimText(value, 'name.formatted'));
  else if (key === 'name') {
    const parts = (removing || typeof value !== 'object' ? {} : value) as Record<string, unknown>;
    for (const part of ['givenName', 'familyName', 'formatted']) {
      if (removing || part in parts) applyAttribute(changes, `name.${part}`, parts[part], removing);
    }
  } else if (key === 'active') {
    if (removing) throw new ScimError(400, 'active cannot be removed; set it to false.', 'mutability');
    set('active', scimBoolean(value, 'active'));
  } else if (key === 'externalid') set('externalId', removing ? null : scimText(value, 'externalId'));
  else if (key === 'roles' || /^roles\[.*\]\.value$/.test(key)) set('role', removing ? 'STUDENT' : roleFrom(value));
  else if (key === `${enterprise}:employeenumber`) set('studentNumber', removing ? null : scimText(value, 'employeeNumber', 50));
  else if (key === enterprise && !removing && value && typeof value === 'object') {
    const extension = value as Record<string, unknown>;
    if ('employeeNumber' in extension) set('studentNumber', scimText(extension.employeeNumber, 'employeeNumber', 50));
  }
  // Anything else is an attribute the desk does not keep: accepted and ignored.
}

/** A whole User resource (POST, PUT). */
function changesFromResource(body: unknown): UserChanges {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw new ScimError(400, 'The body is a SCIM User resource.', 'invalidSyntax');
  const resource = body as Record<string, unknown>;
  if (resource.userName === undefined) throw invalidValue('userName (the person’s email address) is required.');
  const changes: UserChanges = { active: true };
  for (const [attribute, value] of Object.entries(resource)) {
    if (attribute === 'schemas' || attribute === 'id' || attribute === 'meta') continue;
    applyAttribute(changes, attribute, value, value === null);
  }
  return changes;
}

function changesFromPatch(operations: PatchOperation[]): UserChanges {
  const changes: UserChanges = {};
  for (const { op, path, value } of expandValueObjects(operations)) applyAttribute(changes, path!, value, op === 'remove');
  return changes;
}

/** displayName, else the name the provider formatted, else given and family name; else unchanged. */
function nameOf(changes: UserChanges, scim: ScimUserRow | null, current: string | undefined, email: string): string {
  const pick = <K extends 'givenName' | 'familyName' | 'displayName'>(key: K) => (changes[key] !== undefined ? changes[key] : scim?.[key]);
  const parts = [pick('givenName'), pick('familyName')].filter(Boolean).join(' ');
  return (pick('displayName') ?? changes.formatted ?? (parts || current) ?? email.split('@')[0]!).slice(0, 200);
}

function changedAttributes(changes: UserChanges): string[] {
  return Object.keys(changes).filter((key) => changes[key as keyof UserChanges] !== undefined);
}

async function uniquenessProblem(ctx: Context, changes: UserChanges, email: string, userId?: string): Promise<string | undefined> {
  const taken = async (where: Prisma.UserWhereInput) =>
    !!(await ctx.prisma.user.findFirst({ where: { ...where, ...(userId && { id: { not: userId } }) }, select: { id: true } }));
  if (await taken({ email })) return `Another account already has the email address ${email}.`;
  if (changes.userName && (await taken({ scim: { is: { userName: changes.userName } } }))) {
    return `Another account already has the userName ${changes.userName}.`;
  }
  if (changes.studentNumber && (await taken({ studentNumber: changes.studentNumber }))) {
    return 'Another account already has this employeeNumber (student number).';
  }
  if (changes.externalId && (await taken({ scim: { is: { externalId: changes.externalId } } }))) {
    return 'Another account already has this externalId.';
  }
  return undefined;
}

const conflict = (detail: string) => new ScimError(409, detail, 'uniqueness');

const loadVisible = (ctx: Context, id: string) => ctx.prisma.user.findFirst({ where: { AND: [{ id }, VISIBLE] }, include: { scim: true } });

async function findVisible(ctx: Context, id: string): Promise<Person> {
  // Ids are UUIDs; anything else cannot name an account.
  const person = /^[0-9a-f-]{36}$/i.test(id) ? await loadVisible(ctx, id) : null;
  if (!person) throw scimNotFound('user');
  return person;
}

/**
 * Writes `changes` to `existing` (or a new account), in one transaction with the SCIM row, the role
 * and the audit entry; turning an account off goes through deactivateAccount's transaction.
 */
async function save(ctx: Context, existing: Person | null, changes: UserChanges, action: AuditAction): Promise<Person> {
  const userName = changes.userName ?? existing?.scim?.userName ?? existing!.email;
  const email = isEmail(userName) ? userName : (changes.workEmail ?? existing?.email);
  if (!email) throw invalidValue('userName is not an email address, so emails must hold the person’s work address.');
  const problem = await uniquenessProblem(ctx, changes, email, existing?.id);
  if (problem) throw conflict(problem);
  const now = ctx.app.clock.now();
  const name = nameOf(changes, existing?.scim ?? null, existing?.name, email);
  const scimFields = {
    updatedAt: now,
    deletedAt: null,
    userName: isEmail(userName) ? null : userName,
    ...(changes.externalId !== undefined && { externalId: changes.externalId }),
    ...(changes.givenName !== undefined && { givenName: changes.givenName }),
    ...(changes.familyName !== undefined && { familyName: changes.familyName }),
    ...(changes.displayName !== undefined && { displayName: changes.displayName }),
  };
  const reactivating = existing?.deactivatedAt && changes.active === true;
  let userId = existing?.id;

  const write = async (tx: Prisma.TransactionClient) => {
    let user: UserRow;
    if (existing) {
      user = await tx.user.update({
        where: { id: existing.id },
        data: {
          email,
          name,
          ...(changes.studentNumber !== undefined && { studentNumber: changes.studentNumber }),
          ...(reactivating && { deactivatedAt: null }),
        },
      });
    } else {
      // A new account is a student until a role or a group says otherwise; it signs in with single sign-on.
      user = await tx.user.create({
        data: {
          email,
          name,
          role: 'STUDENT',
          studentNumber: changes.studentNumber ?? null,
          deactivatedAt: changes.active === false ? now : null,
        },
      });
      userId = user.id;
    }
    if (changes.role) user = await applyGroupMembership(tx, user, { kind: 'role', role: changes.role });
    await tx.scimUser.upsert({ where: { userId: user.id }, create: { userId: user.id, ...scimFields }, update: scimFields });
    await recordAudit(tx, ctx, {
      action,
      subject: { type: 'User', id: user.id },
      details: { attributes: changedAttributes(changes), role: user.role },
    });
    if (reactivating) await recordAudit(tx, ctx, { action: AuditAction.PERSON_REACTIVATED, subject: { type: 'User', id: user.id } });
  };

  try {
    if (existing && !existing.deactivatedAt && changes.active === false) await deactivateAccount(ctx, existing, null, null, write);
    else await ctx.prisma.$transaction(write);
  } catch (error) {
    // Two requests for the same person at once: the unique index refused the second.
    if (isUniqueViolation(error)) throw conflict('Another account already has this userName, externalId or employeeNumber.');
    throw error;
  }
  ctx.loaders.user.clear(userId!);
  return ctx.prisma.user.findUniqueOrThrow({ where: { id: userId! }, include: { scim: true } });
}

export async function listUsers(ctx: Context, query: Record<string, unknown>, baseUrl: string) {
  const filter = parseFilter(query.filter, ['userName', 'externalId', 'id']);
  const { skip, take, startIndex } = paging(query);
  const matching: Prisma.UserWhereInput = !filter
    ? {}
    : filter.attribute === 'userName'
      ? byUserName(filter.value)
      : filter.attribute === 'externalId'
        ? { scim: { is: { externalId: filter.value } } }
        : /^[0-9a-f-]{36}$/i.test(filter.value)
          ? { id: filter.value }
          : { id: { in: [] } };
  const where = { AND: [VISIBLE, matching] };
  const [total, people] = await Promise.all([
    ctx.prisma.user.count({ where }),
    take === 0
      ? Promise.resolve([])
      : ctx.prisma.user.findMany({ where, include: { scim: true }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], skip, take }),
  ]);
  return listResponse(
    people.map((person) => toScimUser(person, baseUrl)),
    total,
    startIndex,
  );
}

export async function getUser(ctx: Context, id: string) {
  return findVisible(ctx, id);
}

/** The account a userName names: its email, or the userName kept when it is not an address. */
function byUserName(value: string): Prisma.UserWhereInput {
  const userName = value.toLowerCase();
  return isEmail(userName)
    ? {
        OR: [
          { email: userName, scim: { is: { userName: null } } },
          { email: userName, scim: { is: null } },
        ],
      }
    : { scim: { is: { userName } } };
}

/** POST: a new account, or one the provider deleted before, brought back. */
export async function createUser(ctx: Context, body: unknown): Promise<Person> {
  const changes = changesFromResource(body);
  const earlier = await ctx.prisma.user.findFirst({ where: byUserName(changes.userName!), include: { scim: true } });
  if (earlier && !earlier.scim?.deletedAt) throw conflict(`An account with the userName ${changes.userName} already exists.`);
  return save(ctx, earlier, changes, AuditAction.SCIM_USER_CREATED);
}

export async function replaceUser(ctx: Context, id: string, body: unknown): Promise<Person> {
  const person = await findVisible(ctx, id);
  const changes = changesFromResource(body);
  // PUT replaces what the provider manages; without `active` the account stays as it is.
  if ((body as Record<string, unknown>).active === undefined) delete changes.active;
  return save(ctx, person, changes, AuditAction.SCIM_USER_UPDATED);
}

export async function patchUser(ctx: Context, id: string, body: unknown): Promise<Person> {
  const person = await findVisible(ctx, id);
  return save(ctx, person, changesFromPatch(patchOperations(body)), AuditAction.SCIM_USER_UPDATED);
}

/** DELETE: deactivated like `active: false`, then hidden from SCIM; the account and its tickets stay. */
export async function deleteUser(ctx: Context, id: string): Promise<void> {
  const person = await findVisible(ctx, id);
  const now = ctx.app.clock.now();
  const hide = async (tx: Prisma.TransactionClient) => {
    await tx.scimUser.upsert({
      where: { userId: person.id },
      create: { userId: person.id, updatedAt: now, deletedAt: now },
      update: { updatedAt: now, deletedAt: now },
    });
    await recordAudit(tx, ctx, { action: AuditAction.SCIM_USER_DELETED, subject: { type: 'User', id: person.id } });
  };
  if (person.deactivatedAt) await ctx.prisma.$transaction(hide);
  else await deactivateAccount(ctx, person, null, null, hide);
}
