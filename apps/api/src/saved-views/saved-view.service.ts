// Saved views: named queue filters and how many tickets each matches for the viewer. The filter is
// stored as the tickets query takes it and checked by the same parser, and counted by the same
// SQL (ticket.query.ts), so a count never includes a ticket the viewer could not list.
import type { Prisma, SavedView as SavedViewRow } from '@studentdesk/db';
import DataLoader from 'dataloader';
import { enforce, requireStaff } from '../auth/viewer.js';
import type { Context } from '../context.js';
import { badInput, notFound } from '../errors.js';
import { LIST_MAXIMUM } from '../limits/list-maximums.js';
import { fromGlobalId } from '../relay/global-id.js';
import type { TicketFilter } from '../tickets/ticket.inputs.js';
import { countTicketsMatching, listFilterFrom } from '../tickets/ticket.query.js';
import * as savedViewPolicy from './saved-view.policy.js';
import type { SaveViewInput } from './saved-view.type.js';

/** The most views one person keeps, and the most shared with one department. */
export const VIEWS_PER_AUDIENCE = 50;

/** The stored filter read back as the tickets query takes it. */
export function ticketFilterOf(view: { filter: unknown }): TicketFilter {
  const stored = view.filter as Record<string, unknown>;
  const due = stored.resolutionDueBefore;
  return { ...stored, resolutionDueBefore: typeof due === 'string' ? new Date(due) : null };
}

/** The filter as JSON without empty fields, refused (BAD_USER_INPUT) unless it reads back as a valid filter. */
function storedFilter(filter: TicketFilter): Prisma.InputJsonObject {
  const json = JSON.parse(
    JSON.stringify(Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== null && value !== undefined))),
  ) as Prisma.InputJsonObject;
  listFilterFrom(ticketFilterOf({ filter: json }));
  return json;
}

export async function saveView(ctx: Context, input: SaveViewInput): Promise<SavedViewRow> {
  const user = requireStaff(ctx.viewer);
  const departmentId = input.departmentId ? fromGlobalId(input.departmentId, 'Department', 'departmentId') : null;
  enforce(savedViewPolicy.canKeep(ctx.viewer, departmentId));
  const name = input.name.trim();
  if (!name) throw badInput('Name the view.', 'name');
  const filter = storedFilter(input.filter);
  if (departmentId && !(await ctx.loaders.department.load(departmentId))) throw badInput('There is no such department.', 'departmentId');
  const audience = departmentId ? { departmentId } : { ownerId: user.id };
  if ((await ctx.prisma.savedView.count({ where: audience })) >= VIEWS_PER_AUDIENCE) {
    throw badInput(
      `Keep at most ${VIEWS_PER_AUDIENCE} views ${departmentId ? 'per department' : 'of your own'}: delete one first.`,
      'name',
    );
  }
  return ctx.prisma.savedView.create({ data: { name, filter, ...audience } });
}

/** Deletes a view; returns its id. */
export async function deleteView(ctx: Context, globalId: string): Promise<string> {
  requireStaff(ctx.viewer);
  const view = await ctx.loaders.savedView.load(fromGlobalId(globalId, 'SavedView', 'id'));
  if (!view || !savedViewPolicy.canRead(ctx.viewer, view).allowed) throw notFound('There is no saved view with this ID.');
  enforce(savedViewPolicy.canChange(ctx.viewer, view));
  await ctx.prisma.savedView.deleteMany({ where: { id: view.id } });
  return globalId;
}

/** The viewer's own views and those shared with their departments, by name. */
export function listSavedViews(ctx: Context): Promise<SavedViewRow[]> {
  const user = requireStaff(ctx.viewer);
  return ctx.prisma.savedView.findMany({
    where: savedViewPolicy.listWhere(user),
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    take: LIST_MAXIMUM.savedViews,
  });
}

// Per request: every count asked for in one request is answered by one statement.
const countLoaders = new WeakMap<Context, DataLoader<{ view: SavedViewRow; upTo: number | null }, number, string>>();

/** How many tickets the viewer may see match the view; with `upTo`, at most that many (counting stops there). */
export function countMatching(ctx: Context, view: SavedViewRow, upTo: number | null): Promise<number> {
  if (upTo !== null && (!Number.isInteger(upTo) || upTo < 1)) throw badInput('upTo must be a whole number of at least 1.', 'upTo');
  let loader = countLoaders.get(ctx);
  if (!loader) {
    loader = new DataLoader(
      (asked) =>
        countTicketsMatching(
          ctx,
          ctx.viewer,
          asked.map((each) => ({ filter: listFilterFrom(ticketFilterOf(each.view)), upTo: each.upTo })),
          ctx.app.clock.now(),
        ),
      { cacheKeyFn: (each) => `${each.view.id}:${each.upTo ?? ''}` },
    );
    countLoaders.set(ctx, loader);
  }
  return loader.load({ view, upTo });
}
