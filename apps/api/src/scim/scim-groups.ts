// /scim/v2/Groups: each department is a group; its members are the people whose department it is,
// so adding someone to the group in Entra or Okta gives them the department's queue (group-
// membership.ts decides how). A group is found by the department's name or slug, case-insensitive.
//
// Departments are made in StudentDesk, never by the provider: creating a group whose name matches
// no department is refused (400 invalidValue, the detail names the departments), so a typo shows up
// in the provider's provisioning log instead of as a group that silently does nothing. Deleting a
// group empties it (everyone in it loses the queue); the department itself stays.
import { createHash } from 'node:crypto';
import type { Department as DepartmentRow, Prisma } from '@studentdesk/db';
import { AuditAction } from '../audit/audit-action.js';
import { recordAudit } from '../audit/audit.js';
import type { Context } from '../context.js';
import { applyGroupMembership } from './group-membership.js';
import {
  expandValueObjects,
  invalidValue,
  paging,
  parseFilter,
  patchOperations,
  SCHEMAS,
  ScimError,
  scimNotFound,
  scimText,
} from './scim-protocol.js';
import { userLocation } from './scim-users.js';

type Member = { id: string; name: string };
type Group = DepartmentRow & { members: Member[] };

const UUID = /^[0-9a-f-]{36}$/i;
const MEMBERS = {
  memberships: { select: { user: { select: { id: true, name: true } } }, orderBy: { createdAt: 'asc' as const } },
} satisfies Prisma.DepartmentInclude;

/** A department as a group: its members are the people with a membership in it. */
const asGroup = ({ memberships, ...department }: Prisma.DepartmentGetPayload<{ include: typeof MEMBERS }>): Group => ({
  ...department,
  members: memberships.map((membership) => membership.user),
});

export function toScimGroup(group: Group, baseUrl: string, withMembers = true) {
  const resource = {
    schemas: [SCHEMAS.group],
    id: group.id,
    displayName: group.name,
    members: group.members.map((member) => ({
      value: member.id,
      display: member.name,
      $ref: userLocation(baseUrl, member.id),
      type: 'User',
    })),
  };
  const { members: _members, ...withoutMembers } = resource;
  return {
    ...(withMembers ? resource : withoutMembers),
    // The version is of the whole group, members included, however much of it was asked for.
    meta: {
      resourceType: 'Group',
      created: group.createdAt.toISOString(),
      // Departments keep no change time; membership changes show in the version.
      lastModified: group.createdAt.toISOString(),
      location: `${baseUrl}/Groups/${group.id}`,
      version: `W/"${createHash('sha256').update(JSON.stringify(resource)).digest('base64url').slice(0, 22)}"`,
    },
  };
}

/** `excludedAttributes=members`: Entra asks for groups without their (possibly long) member lists. */
export const membersExcluded = (query: Record<string, unknown>) =>
  typeof query.excludedAttributes === 'string' &&
  query.excludedAttributes.split(',').some((name) => name.trim().toLowerCase() === 'members');

async function departmentNamed(ctx: Context, displayName: unknown): Promise<DepartmentRow> {
  const name = scimText(displayName, 'displayName');
  if (!name) throw invalidValue('displayName (the name of a StudentDesk department) is required.');
  const found = await ctx.prisma.department.findFirst({
    where: { OR: [{ name: { equals: name, mode: 'insensitive' } }, { slug: { equals: name, mode: 'insensitive' } }] },
  });
  if (found) return found;
  const names = (await ctx.prisma.department.findMany({ select: { name: true }, orderBy: { name: 'asc' } })).map((row) => row.name);
  throw invalidValue(
    `There is no department named "${name}". Groups map to departments: name the group after one of ${names.map((each) => `"${each}"`).join(', ') || '(none yet)'}, or create the department in StudentDesk first.`,
  );
}

async function findGroup(ctx: Context, id: string): Promise<Group> {
  const group = UUID.test(id) ? await ctx.prisma.department.findUnique({ where: { id }, include: MEMBERS }) : null;
  if (!group) throw scimNotFound('group');
  return asGroup(group);
}

/** The user ids of a `members` value: `[{"value": "<id>"}]`. */
function memberIds(value: unknown): string[] {
  const entries = Array.isArray(value) ? value : [value];
  return entries.map((entry) => {
    const id = (entry as { value?: unknown } | null)?.value;
    if (typeof id !== 'string') throw invalidValue('members holds objects with the value of a user id.');
    return id;
  });
}

/** Okta removes one member as `members[value eq "<id>"]`. */
const MEMBER_PATH = /^members\[\s*value\s+eq\s+"([^"]+)"\s*\]$/i;

/** Adds and removes members in one transaction, each through applyGroupMembership; audited once. */
async function changeMembers(ctx: Context, group: DepartmentRow, add: string[], remove: string[]): Promise<void> {
  if (add.length === 0 && remove.length === 0) return;
  const ids = [...new Set([...add, ...remove])];
  const people = await ctx.prisma.user.findMany({ where: { id: { in: ids.filter((id) => UUID.test(id)) } } });
  const missing = ids.filter((id) => !people.some((person) => person.id === id));
  if (missing.length) throw invalidValue(`No user has the id ${missing.join(', ')}: create the user before adding them to a group.`);
  const byId = new Map(people.map((person) => [person.id, person]));
  await ctx.prisma.$transaction(async (tx) => {
    for (const id of remove) await applyGroupMembership(tx, byId.get(id)!, { kind: 'leave', departmentId: group.id });
    for (const id of add) await applyGroupMembership(tx, byId.get(id)!, { kind: 'join', departmentId: group.id });
    await recordAudit(tx, ctx, {
      action: AuditAction.SCIM_GROUP_MEMBERS_CHANGED,
      subject: { type: 'Department', id: group.id },
      details: { addedUserIds: add, removedUserIds: remove },
    });
  });
  for (const id of ids) ctx.loaders.user.clear(id);
}

export async function listGroups(ctx: Context, query: Record<string, unknown>) {
  const filter = parseFilter(query.filter, ['displayName', 'id']);
  const { skip, take, startIndex } = paging(query);
  const where: Prisma.DepartmentWhereInput = !filter
    ? {}
    : filter.attribute === 'displayName'
      ? { OR: [{ name: { equals: filter.value, mode: 'insensitive' } }, { slug: { equals: filter.value, mode: 'insensitive' } }] }
      : { id: UUID.test(filter.value) ? filter.value : { in: [] } };
  const [total, groups] = await Promise.all([
    ctx.prisma.department.count({ where }),
    take === 0
      ? Promise.resolve([])
      : ctx.prisma.department.findMany({ where, include: MEMBERS, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], skip, take }),
  ]);
  return { groups: groups.map(asGroup), total, startIndex };
}

export const getGroup = findGroup;

/** POST: links to the department of that name and applies the members sent. */
export async function createGroup(ctx: Context, body: unknown): Promise<Group> {
  const resource = (body ?? {}) as { displayName?: unknown; members?: unknown };
  const department = await departmentNamed(ctx, resource.displayName);
  if (resource.members !== undefined) await changeMembers(ctx, department, memberIds(resource.members), []);
  return findGroup(ctx, department.id);
}

/** A rename in the provider may only name the same department: departments are renamed in StudentDesk. */
async function checkSameDepartment(ctx: Context, group: DepartmentRow, displayName: unknown): Promise<void> {
  if ((await departmentNamed(ctx, displayName)).id !== group.id) {
    throw new ScimError(400, `This group is the department "${group.name}"; rename departments in StudentDesk.`, 'mutability');
  }
}

/** PUT: the members become exactly the ones sent. */
export async function replaceGroup(ctx: Context, id: string, body: unknown): Promise<Group> {
  const group = await findGroup(ctx, id);
  const resource = (body ?? {}) as { displayName?: unknown; members?: unknown };
  if (resource.displayName !== undefined) await checkSameDepartment(ctx, group, resource.displayName);
  const wanted = resource.members === undefined ? [] : memberIds(resource.members);
  const current = group.members.map((member) => member.id);
  await changeMembers(
    ctx,
    group,
    wanted.filter((member) => !current.includes(member)),
    current.filter((member) => !wanted.includes(member)),
  );
  return findGroup(ctx, id);
}

export async function patchGroup(ctx: Context, id: string, body: unknown): Promise<Group> {
  const group = await findGroup(ctx, id);
  const current = group.members.map((member) => member.id);
  const add: string[] = [];
  const remove: string[] = [];
  for (const { op, path, value } of expandValueObjects(patchOperations(body))) {
    const single = MEMBER_PATH.exec(path!);
    if (single) remove.push(single[1]!);
    else if (path!.toLowerCase() === 'members') {
      if (op === 'add') add.push(...memberIds(value));
      else if (op === 'remove') remove.push(...(value === undefined ? current : memberIds(value)));
      else {
        const wanted = memberIds(value);
        add.push(...wanted);
        remove.push(...current.filter((member) => !wanted.includes(member)));
      }
    } else if (path!.toLowerCase() === 'displayname') await checkSameDepartment(ctx, group, value);
    else if (path!.toLowerCase() !== 'externalid') throw new ScimError(400, `A group has no attribute ${path} to change.`, 'invalidPath');
  }
  await changeMembers(
    ctx,
    group,
    add.filter((member) => !remove.includes(member)),
    remove.filter((member) => current.includes(member) && !add.includes(member)),
  );
  return findGroup(ctx, id);
}

/** DELETE: everyone leaves the group; the department stays. */
export async function deleteGroup(ctx: Context, id: string): Promise<void> {
  const group = await findGroup(ctx, id);
  await changeMembers(
    ctx,
    group,
    [],
    group.members.map((member) => member.id),
  );
}
