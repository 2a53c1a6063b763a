// Incidents: a recurring problem becomes one known issue. Its updates reach every linked ticket
// and its resolution resolves them all, each in one transaction. Who may act: incident.policy.ts,
// checked inside the transaction against the tickets linked at that moment.
import { IncidentStatus, type Prisma, TicketEventType, type Incident as IncidentRow, type Ticket as TicketRow } from '@studentdesk/db';
import { enforce, primaryDepartmentOf, requireStaff } from '../auth/viewer.js';
import type { Context } from '../context.js';
import { badInput, notFound } from '../errors.js';
import { announceTicketChange } from '../realtime/pubsub.js';
import { fromGlobalId } from '../relay/global-id.js';
import * as ticketPolicy from '../tickets/ticket.policy.js';
import { addMessage, resolveWithin } from '../tickets/ticket.service.js';
import { isResolved } from '../tickets/ticket.status.js';
import { emailIncidentFollowers } from './incident-followers.js';
import * as incidentPolicy from './incident.policy.js';
import type { CreateIncidentInput, PostIncidentUpdateInput, ResolveIncidentInput } from './incident.type.js';

/**
 * The incident's linked tickets once the viewer may manage it, read under a lock on the incident
 * so no ticket is linked between the check and the change; FORBIDDEN otherwise.
 */
async function linkedTicketsToManage(tx: Prisma.TransactionClient, ctx: Context, incident: IncidentRow): Promise<TicketRow[]> {
  await tx.$queryRaw`SELECT 1 FROM "Incident" WHERE "id" = ${incident.id}::uuid FOR UPDATE`;
  const linked = await tx.ticket.findMany({ where: { incidentId: incident.id } });
  enforce(incidentPolicy.canManage(ctx.viewer, incident, linked));
  return linked;
}

async function loadIncident(ctx: Context, globalId: string): Promise<IncidentRow> {
  const incident = await ctx.loaders.incident.load(fromGlobalId(globalId, 'Incident', 'incidentId'));
  if (!incident) throw notFound('There is no incident with this ID.');
  return incident;
}

/** The tickets behind global IDs, each one the viewer works on; BAD_USER_INPUT names a missing one. */
async function loadTicketsToLink(ctx: Context, ticketGlobalIds: string[]): Promise<TicketRow[]> {
  const ids = [...new Set(ticketGlobalIds.map((id) => fromGlobalId(id, 'Ticket', 'ticketIds')))];
  const tickets = await ctx.loaders.ticket.loadMany(ids);
  return tickets.map((ticket, index) => {
    if (!ticket || ticket instanceof Error) throw badInput(`Ticket ${ticketGlobalIds[index]} does not exist.`, 'ticketIds');
    enforce(ticketPolicy.canWork(ctx.viewer, ticket));
    return ticket;
  });
}

function announceAll(ctx: Context, tickets: TicketRow[]) {
  for (const ticket of tickets) {
    ctx.loaders.ticket.clear(ticket.id);
    announceTicketChange(ctx.app.pubSub, ticket);
  }
}

export async function createIncident(ctx: Context, input: CreateIncidentInput): Promise<IncidentRow> {
  const user = requireStaff(ctx.viewer);
  const departmentId = input.departmentId ? fromGlobalId(input.departmentId, 'Department', 'departmentId') : primaryDepartmentOf(user);
  const categoryId = input.categoryId ? fromGlobalId(input.categoryId, 'Category', 'categoryId') : null;
  enforce(incidentPolicy.canCreate(ctx.viewer, departmentId));
  if (categoryId) {
    const category = await ctx.loaders.category.load(categoryId);
    if (!category) throw badInput('Choose one of the listed categories.', 'categoryId');
    // Reports in the category see the incident: another department's category would announce it to the wrong students.
    if (departmentId && category.departmentId !== departmentId)
      throw badInput('Choose a category of the department that owns the incident.', 'categoryId');
  }
  const title = input.title.trim();
  const summary = input.summary.trim();
  if (!title || !summary) throw badInput('Give the incident a title and a summary.', title ? 'summary' : 'title');
  const tickets = await loadTicketsToLink(ctx, input.ticketIds ?? []);

  const incident = await ctx.prisma.$transaction(async (tx) => {
    const created = await tx.incident.create({ data: { title, summary, departmentId, categoryId, createdById: user.id } });
    await linkWithin(tx, created.id, tickets, user.id);
    return created;
  });
  announceAll(ctx, tickets);
  return incident;
}

async function linkWithin(tx: Prisma.TransactionClient, incidentId: string, tickets: TicketRow[], actorId: string) {
  if (tickets.length === 0) return;
  await tx.ticket.updateMany({ where: { id: { in: tickets.map((ticket) => ticket.id) } }, data: { incidentId } });
  await tx.ticketEvent.createMany({
    data: tickets.map((ticket) => ({ ticketId: ticket.id, actorId, type: TicketEventType.INCIDENT_LINKED, detail: { incidentId } })),
  });
}

export async function linkTickets(ctx: Context, incidentGlobalId: string, ticketGlobalIds: string[]): Promise<IncidentRow> {
  const incident = await loadIncident(ctx, incidentGlobalId);
  enforce(incidentPolicy.canManage(ctx.viewer, incident, []));
  const user = requireStaff(ctx.viewer);
  if (incident.status === IncidentStatus.RESOLVED) throw badInput('This incident is resolved; open a new one.', 'incidentId');
  const tickets = (await loadTicketsToLink(ctx, ticketGlobalIds)).filter((ticket) => ticket.incidentId !== incident.id);
  await ctx.prisma.$transaction(async (tx) => {
    await linkedTicketsToManage(tx, ctx, incident);
    await linkWithin(tx, incident.id, tickets, user.id);
  });
  announceAll(ctx, tickets);
  return incident;
}

/** The update goes on the incident and, as a public reply, on every unresolved linked ticket. */
export async function postIncidentUpdate(ctx: Context, input: PostIncidentUpdateInput): Promise<IncidentRow> {
  const incident = await loadIncident(ctx, input.incidentId);
  enforce(incidentPolicy.canManage(ctx.viewer, incident, []));
  const user = requireStaff(ctx.viewer);
  if (incident.status === IncidentStatus.RESOLVED) throw badInput('This incident is resolved.', 'incidentId');
  if (input.status === IncidentStatus.RESOLVED) throw badInput('Use resolveIncident, which resolves the linked tickets too.', 'status');
  const body = input.body.trim();
  if (!body) throw badInput('Write the update first.', 'body');

  const { updated, changed } = await ctx.prisma.$transaction(async (tx) => {
    const open = (await linkedTicketsToManage(tx, ctx, incident)).filter((ticket) => !isResolved(ticket.status));
    await tx.incidentUpdate.create({ data: { incidentId: incident.id, authorId: user.id, body } });
    for (const ticket of open) await addMessage(tx, ticket, user, 'staff', body, false, ctx.app.config.publicUrl, ctx.app.clock.now());
    const status: IncidentStatus = input.status ?? incident.status;
    return { updated: await tx.incident.update({ where: { id: incident.id }, data: { status } }), changed: open };
  });
  ctx.loaders.incidentUpdates.clear(incident.id);
  announceAll(ctx, changed);
  return updated;
}

/** Ends the incident and resolves every unresolved linked ticket with the same resolution, atomically. */
export async function resolveIncident(ctx: Context, input: ResolveIncidentInput): Promise<IncidentRow> {
  const incident = await loadIncident(ctx, input.incidentId);
  enforce(incidentPolicy.canManage(ctx.viewer, incident, []));
  const user = requireStaff(ctx.viewer);
  if (incident.status === IncidentStatus.RESOLVED) throw badInput('This incident is already resolved.', 'incidentId');
  const resolution = input.resolution.trim();
  if (!resolution) throw badInput('Say what was done.', 'resolution');

  const { updated, changed } = await ctx.prisma.$transaction(
    async (tx) => {
      const open = (await linkedTicketsToManage(tx, ctx, incident)).filter((ticket) => !isResolved(ticket.status));
      for (const ticket of open)
        await resolveWithin(tx, ticket, user, resolution, input.predictedScore ?? null, ctx.app.config.publicUrl, ctx.app.clock.now());
      await tx.incidentUpdate.create({ data: { incidentId: incident.id, authorId: user.id, body: resolution } });
      const resolved = await tx.incident.update({
        where: { id: incident.id },
        data: { status: IncidentStatus.RESOLVED, resolvedAt: ctx.app.clock.now() },
      });
      await emailIncidentFollowers(tx, ctx.app.config.publicUrl, resolved, resolution);
      return { updated: resolved, changed: open };
    },
    { timeout: 60_000 },
  );
  ctx.loaders.incidentUpdates.clear(incident.id);
  announceAll(ctx, changed);
  return updated;
}
