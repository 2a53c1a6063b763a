import {
  IncidentStatus,
  type Incident as IncidentRow,
  type IncidentUpdate as IncidentUpdateRow,
  type Ticket as TicketRow,
} from '@studentdesk/db';
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { enforce } from '../auth/viewer.js';
import type { Context } from '../context.js';
import { Category, Department } from '../departments/department.type.js';
import { fromGlobalId } from '../relay/global-id.js';
import { PageArgs } from '../relay/pagination.js';
import { Ticket } from '../tickets/ticket.type.js';
import { followIncident } from './incident-followers.js';
import { listActiveIncidents, listIncidents, listRecentlyResolvedIncidents, RECENTLY_RESOLVED_DAYS } from './incident.query.js';
import * as incidentPolicy from './incident.policy.js';
import * as incidents from './incident.service.js';
import {
  CreateIncidentInput,
  FollowIncidentInput,
  Incident,
  IncidentConnection,
  IncidentUpdate,
  PostIncidentUpdateInput,
  ResolveIncidentInput,
} from './incident.type.js';
import { LIST_MAXIMUM, MaxItems } from '../limits/list-maximums.js';

@Resolver(() => Incident)
export class IncidentResolver {
  @Query(() => [Incident], {
    description: 'Known issues not yet resolved, newest first. Public: the portal shows them while students type.',
  })
  @MaxItems(LIST_MAXIMUM.activeIncidents)
  activeIncidents(
    @Ctx() ctx: Context,
    @Arg('categoryId', () => ID, { nullable: true, description: 'Only incidents affecting this category.' }) categoryId?: string | null,
  ): Promise<IncidentRow[]> {
    return listActiveIncidents(ctx, categoryId ? fromGlobalId(categoryId, 'Category', 'categoryId') : null);
  }

  @Query(() => [Incident], {
    description: `Known issues resolved in the last ${RECENTLY_RESOLVED_DAYS} days, latest first. Public: the status page lists them.`,
  })
  @MaxItems(LIST_MAXIMUM.recentlyResolvedIncidents)
  recentlyResolvedIncidents(@Ctx() ctx: Context): Promise<IncidentRow[]> {
    return listRecentlyResolvedIncidents(ctx, ctx.app.clock.now());
  }

  @Query(() => IncidentConnection, { description: 'Every incident, newest first. Staff only.' })
  async incidents(
    @Ctx() ctx: Context,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('status', () => [IncidentStatus], { nullable: true, description: 'Only incidents in these statuses.' })
    status?: IncidentStatus[] | null,
  ): Promise<IncidentConnection> {
    enforce(incidentPolicy.canList(ctx.viewer));
    return listIncidents(ctx, status, page);
  }

  @Mutation(() => Incident, { description: 'Staff: declare a known issue, optionally linking the tickets it explains.' })
  createIncident(
    @Arg('input', () => CreateIncidentInput, { description: 'The incident and its tickets.' }) input: CreateIncidentInput,
    @Ctx() ctx: Context,
  ) {
    return incidents.createIncident(ctx, input);
  }

  @Mutation(() => Incident, { description: 'Staff: link more tickets to an incident.' })
  linkTicketsToIncident(
    @Arg('incidentId', () => ID, { description: 'The incident.' }) incidentId: string,
    @Arg('ticketIds', () => [ID], { description: 'Tickets the incident explains.' }) ticketIds: string[],
    @Ctx() ctx: Context,
  ) {
    return incidents.linkTickets(ctx, incidentId, ticketIds);
  }

  @Mutation(() => Incident, { description: 'Staff: post an update on the incident and every unresolved linked ticket.' })
  postIncidentUpdate(
    @Arg('input', () => PostIncidentUpdateInput, { description: 'The update.' }) input: PostIncidentUpdateInput,
    @Ctx() ctx: Context,
  ) {
    return incidents.postIncidentUpdate(ctx, input);
  }

  @Mutation(() => Incident, { description: 'Staff: end the incident and resolve every unresolved linked ticket with one message.' })
  resolveIncident(
    @Arg('input', () => ResolveIncidentInput, { description: 'The resolution.' }) input: ResolveIncidentInput,
    @Ctx() ctx: Context,
  ) {
    return incidents.resolveIncident(ctx, input);
  }

  @Mutation(() => Incident, {
    description:
      'Email me when this known issue is resolved; with affected, also "me too": it affects me, counted in affectedCount, instead of reporting it again. One follow per address (a later "me too" upgrades it). Without signing in an email is required, and requests are capped per caller address (RATE_LIMITED) and per inbox (the same answer, nothing added). BAD_USER_INPUT once the incident is resolved. Public.',
  })
  followIncident(
    @Arg('input', () => FollowIncidentInput, { description: 'Who, and whether it affects them.' }) input: FollowIncidentInput,
    @Ctx() ctx: Context,
  ) {
    return followIncident(ctx, input);
  }

  @FieldResolver(() => Int, { description: 'How many students it affects: its linked tickets and those who said "me too".' })
  async affectedCount(@Root() incident: IncidentRow, @Ctx() ctx: Context): Promise<number> {
    const [tickets, meToo] = await Promise.all([
      ctx.loaders.incidentTicketCount.load(incident.id),
      ctx.loaders.incidentAffectedCount.load(incident.id),
    ]);
    return tickets + meToo;
  }

  @FieldResolver(() => [IncidentUpdate], { description: `Updates, newest first (the latest ${LIST_MAXIMUM.incidentUpdates}).` })
  @MaxItems(LIST_MAXIMUM.incidentUpdates)
  updates(@Root() incident: IncidentRow, @Ctx() ctx: Context): Promise<IncidentUpdateRow[]> {
    return ctx.loaders.incidentUpdates.load(incident.id);
  }

  @FieldResolver(() => Int, { description: 'How many tickets are linked to it: how many students it affects.' })
  ticketCount(@Root() incident: IncidentRow, @Ctx() ctx: Context): Promise<number> {
    return ctx.loaders.incidentTicketCount.load(incident.id);
  }

  @FieldResolver(() => Boolean, {
    description:
      'Whether the viewer may post updates, link tickets and resolve it (staff of its department who work every linked ticket), so forms are offered only to them.',
  })
  async viewerMayManage(@Root() incident: IncidentRow, @Ctx() ctx: Context): Promise<boolean> {
    if (!incidentPolicy.canCreate(ctx.viewer, incident.departmentId).allowed) return false;
    return incidentPolicy.canManage(ctx.viewer, incident, await ctx.loaders.incidentTicketOwners.load(incident.id)).allowed;
  }

  @FieldResolver(() => Department, { nullable: true, description: 'The department that owns it.' })
  department(@Root() incident: IncidentRow, @Ctx() ctx: Context) {
    return incident.departmentId ? ctx.loaders.department.load(incident.departmentId) : null;
  }

  @FieldResolver(() => Category, { nullable: true, description: 'The category it affects.' })
  category(@Root() incident: IncidentRow, @Ctx() ctx: Context) {
    return incident.categoryId ? ctx.loaders.category.load(incident.categoryId) : null;
  }
}

@Resolver(() => Ticket)
export class TicketIncidentResolver {
  @FieldResolver(() => Incident, { nullable: true, description: 'The known issue this ticket is part of, if any.' })
  incident(@Root() ticket: TicketRow, @Ctx() ctx: Context): Promise<IncidentRow | null> | null {
    return ticket.incidentId ? ctx.loaders.incident.load(ticket.incidentId) : null;
  }
}
