// Tags on tickets: staff working a ticket add tags by name (a new name creates the tag) and take
// tags off, in one transaction with a TAGS_CHANGED history entry. Macros add tags through the same
// write (tagsWithin), so their history reads the same.
import { TicketEventType, type Prisma, type Tag as TagRow, type Ticket as TicketRow, type User as UserRow } from '@studentdesk/db';
import { enforce, requireStaff } from '../auth/viewer.js';
import type { Context } from '../context.js';
import { badInput, isUniqueViolation, notFound } from '../errors.js';
import { LIST_MAXIMUM } from '../limits/list-maximums.js';
import { byTagName } from '../loaders/loaders.js';
import { fromGlobalId } from '../relay/global-id.js';
import { afterChange, loadTicketAsStaff } from '../tickets/ticket.service.js';
import * as tagPolicy from './tag.policy.js';
import { TAG_NAME_MAX, TAGS_PER_TICKET, type TagTicketInput, type UpdateTagInput } from './tag.type.js';

type Tx = Prisma.TransactionClient;

/** A tag name as stored: trimmed, inner spaces collapsed; BAD_USER_INPUT under `field` when empty or too long. */
function tagName(raw: string, field: string): string {
  const name = raw.trim().replace(/\s+/g, ' ');
  if (!name) throw badInput('A tag needs a name.', field);
  if (name.length > TAG_NAME_MAX) throw badInput(`Keep tag names to ${TAG_NAME_MAX} characters.`, field);
  return name;
}

const sameName = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;

/** The school's tags by name, those containing `search` when given. */
export async function listTags(ctx: Context, search?: string | null): Promise<TagRow[]> {
  enforce(tagPolicy.canRead(ctx.viewer));
  const words = search?.trim();
  const tags = await ctx.prisma.tag.findMany({
    where: words ? { name: { contains: words, mode: 'insensitive' } } : {},
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    take: LIST_MAXIMUM.tags,
  });
  return tags.sort(byTagName);
}

/** The tags with these names (without regard to case), created when missing. */
async function tagsNamed(tx: Tx, names: readonly string[]): Promise<TagRow[]> {
  if (!names.length) return [];
  const find = () => tx.tag.findMany({ where: { OR: names.map((name) => ({ name: { equals: name, mode: 'insensitive' as const } })) } });
  const existing = await find();
  const missing = names.filter((name) => !existing.some((tag) => sameName(tag.name, name)));
  if (!missing.length) return existing;
  await tx.tag.createMany({ data: missing.map((name) => ({ name })), skipDuplicates: true });
  return find();
}

/**
 * Adds and removes tags on one ticket inside the caller's transaction, with one TAGS_CHANGED
 * history entry naming what changed (none when nothing did). Returns the ticket as it now is.
 */
export async function tagsWithin(
  tx: Tx,
  ticket: TicketRow,
  /** Null: an automation rule, named in `detail`. */
  actor: UserRow | null,
  change: { add: readonly TagRow[]; removeIds: readonly string[] },
  now: Date,
  detail: Prisma.InputJsonObject = {},
): Promise<TicketRow> {
  const current = await tx.ticketTag.findMany({ where: { ticketId: ticket.id }, include: { tag: true } });
  const has = new Set(current.map((row) => row.tagId));
  const removed = current.filter((row) => change.removeIds.includes(row.tagId)).map((row) => row.tag);
  const added = change.add.filter((tag) => !has.has(tag.id) && !change.removeIds.includes(tag.id));
  if (!added.length && !removed.length) return ticket;
  if (current.length - removed.length + added.length > TAGS_PER_TICKET) {
    throw badInput(`A ticket carries at most ${TAGS_PER_TICKET} tags: take some off first.`, 'add');
  }
  if (removed.length) await tx.ticketTag.deleteMany({ where: { ticketId: ticket.id, tagId: { in: removed.map((tag) => tag.id) } } });
  if (added.length) await tx.ticketTag.createMany({ data: added.map((tag) => ({ ticketId: ticket.id, tagId: tag.id, createdAt: now })) });
  await tx.ticketEvent.create({
    data: {
      ticketId: ticket.id,
      actorId: actor?.id ?? null,
      type: TicketEventType.TAGS_CHANGED,
      detail: { ...detail, added: added.map((tag) => tag.name), removed: removed.map((tag) => tag.name) },
    },
  });
  return tx.ticket.update({ where: { id: ticket.id }, data: { updatedAt: now } });
}

/** The tags behind global IDs, for `field`; unknown ones are BAD_USER_INPUT. */
export async function loadTags(ctx: Context, globalIds: readonly string[], field: string): Promise<TagRow[]> {
  const ids = [...new Set(globalIds.map((id) => fromGlobalId(id, 'Tag', field)))];
  const tags = ids.length ? await ctx.prisma.tag.findMany({ where: { id: { in: ids } } }) : [];
  if (tags.length !== ids.length) throw badInput('One of these tags no longer exists. Reload and try again.', field);
  return tags;
}

export async function tagTicket(ctx: Context, input: TagTicketInput): Promise<TicketRow> {
  const { actor, ticket } = await loadTicketAsStaff(ctx, input.ticketId);
  const names = (input.add ?? []).map((name) => tagName(name, 'add'));
  const removeIds = (input.remove ?? []).map((id) => fromGlobalId(id, 'Tag', 'remove'));
  if (!names.length && !removeIds.length) throw badInput('Choose tags to add or to take off.', 'add');
  const now = ctx.app.clock.now();
  const updated = await ctx.prisma.$transaction(async (tx) =>
    tagsWithin(tx, ticket, actor, { add: await tagsNamed(tx, names), removeIds }, now),
  );
  ctx.loaders.tagsByTicket.clear(ticket.id);
  return afterChange(ctx, updated);
}

async function loadTag(ctx: Context, globalId: string): Promise<TagRow> {
  requireStaff(ctx.viewer);
  const tag = await ctx.loaders.tag.load(fromGlobalId(globalId, 'Tag', 'id'));
  if (!tag) throw notFound('There is no tag with this ID.');
  enforce(tagPolicy.canManage(ctx.viewer));
  return tag;
}

export async function updateTag(ctx: Context, input: UpdateTagInput): Promise<TagRow> {
  const tag = await loadTag(ctx, input.id);
  const name = input.name === null || input.name === undefined ? tag.name : tagName(input.name, 'name');
  const clash = await ctx.prisma.tag.findFirst({ where: { name: { equals: name, mode: 'insensitive' }, id: { not: tag.id } } });
  if (clash) throw badInput(`There is already a tag named "${clash.name}".`, 'name');
  const color = input.color === undefined || input.color === null ? tag.color : input.color || null;
  try {
    return await ctx.prisma.tag.update({ where: { id: tag.id }, data: { name, color } });
  } catch (error) {
    if (isUniqueViolation(error)) throw badInput(`There is already a tag named "${name}".`, 'name');
    throw error;
  }
}

/** Deletes a tag, and so takes it off every ticket; returns its ID. */
export async function deleteTag(ctx: Context, globalId: string): Promise<string> {
  const tag = await loadTag(ctx, globalId);
  await ctx.prisma.tag.deleteMany({ where: { id: tag.id } });
  return globalId;
}
