import type { Ticket as TicketRow } from '@studentdesk/db';
import { formatTicketNumber, SEARCH_QUERY_MAX } from '@studentdesk/domain';
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { describeEnum } from '../schema-enum.js';
import type { Context } from '../context.js';
import { Category, Department } from '../departments/department.type.js';
import { PageArgs } from '../relay/pagination.js';
import { User } from '../users/user.type.js';
import { Priority, TicketStatus } from './ticket.enums.js';
import { MergeTicketsInput, ReplyInput, ReportProblemInput, ResolveTicketInput, TicketFilter } from './ticket.inputs.js';
import { mergeTickets } from './ticket.merge.js';
import { enforce } from '../auth/viewer.js';
import * as ticketPolicy from './ticket.policy.js';
import { listFilterFrom, listTickets, type TicketOrder } from './ticket.query.js';
import { searchTickets } from './ticket.search.js';
import { TicketSearchConnection } from './ticket.search.type.js';
import * as tickets from './ticket.service.js';
import { Ticket, TicketConnection } from './ticket.type.js';
import { Message } from './message.type.js';
import { ReportProblemPayload } from './report-problem.payload.js';

const TicketOrderEnum = {
  CREATED_AT_DESC: 'CREATED_AT_DESC',
  CREATED_AT_ASC: 'CREATED_AT_ASC',
  UPDATED_AT_DESC: 'UPDATED_AT_DESC',
  RESOLUTION_DUE_AT_ASC: 'RESOLUTION_DUE_AT_ASC',
} as const satisfies Record<TicketOrder, TicketOrder>;

describeEnum(TicketOrderEnum, 'TicketOrder', 'Order of a ticket list.', {
  CREATED_AT_DESC: 'Newest first (the default).',
  CREATED_AT_ASC: 'Oldest first.',
  UPDATED_AT_DESC: 'Most recently changed first.',
  RESOLUTION_DUE_AT_ASC: 'Soonest resolution due time first; tickets without an SLA last. The queue’s order.',
});

@Resolver(() => Ticket)
export class TicketResolver {
  @Query(() => Ticket, { nullable: true, description: 'One ticket, if the viewer may see it.' })
  async ticket(@Arg('id', () => ID, { description: 'The ticket’s global ID.' }) id: string, @Ctx() ctx: Context): Promise<TicketRow> {
    return (await tickets.loadTicket(ctx, id, 'id')).ticket;
  }

  @Query(() => Ticket, { nullable: true, description: 'For reporters who did not sign in.' })
  trackTicket(
    @Arg('trackingCode', () => String, { description: 'The code from the tracking link.' }) trackingCode: string,
    @Ctx() ctx: Context,
  ): Promise<TicketRow> {
    return tickets.trackTicket(ctx, trackingCode);
  }

  @Query(() => TicketConnection, {
    description: 'Tickets the viewer may see: a student their own, staff their department’s and their assigned ones, admins all.',
  })
  async tickets(
    @Ctx() ctx: Context,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => TicketFilter, { nullable: true, description: 'Conditions, combined with AND.' }) filter?: TicketFilter | null,
    @Arg('orderBy', () => TicketOrderEnum, { nullable: true, description: 'Order; newest first by default.' }) orderBy?: TicketOrder | null,
  ): Promise<TicketConnection> {
    enforce(ticketPolicy.canList(ctx.viewer));
    const list = await listTickets(ctx, ctx.viewer, {
      filter: listFilterFrom(filter),
      order: orderBy ?? 'CREATED_AT_DESC',
      page,
      now: ctx.app.clock.now(),
    });
    for (const { node } of list.edges) ctx.loaders.ticket.prime(node.id, node);
    return list;
  }

  @Query(() => TicketSearchConnection, {
    description:
      'Full-text search over the tickets the viewer may see (as `tickets`): titles, descriptions, contact names and emails, messages, and internal notes for staff working the ticket. Web-search syntax: `wifi -eduroam`, `"exact phrase"`, `wifi or vpn`; accents and case do not matter, words are not stemmed. Best match first, then newest.',
  })
  async searchTickets(
    @Ctx() ctx: Context,
    @Arg('query', () => String, { description: `What to look for: 1 to ${SEARCH_QUERY_MAX} characters.` }) query: string,
    @Args(() => PageArgs) page: PageArgs,
  ): Promise<TicketSearchConnection> {
    enforce(ticketPolicy.canList(ctx.viewer));
    const results = await searchTickets(ctx, ctx.viewer, { query, page });
    for (const { node } of results.edges) ctx.loaders.ticket.prime(node.id, node);
    return results;
  }

  @Mutation(() => ReportProblemPayload, { description: 'Report a problem, signed in or not.' })
  reportProblem(
    @Arg('input', () => ReportProblemInput, { description: 'The problem, and how to reach the reporter.' }) input: ReportProblemInput,
    @Ctx() ctx: Context,
  ) {
    return tickets.reportProblem(ctx, input);
  }

  @Mutation(() => Message, { description: 'Add a public reply, or (staff) an internal note.' })
  reply(@Arg('input', () => ReplyInput, { description: 'The ticket and the message.' }) input: ReplyInput, @Ctx() ctx: Context) {
    return tickets.reply(ctx, input);
  }

  @Mutation(() => Ticket, { description: 'Assign a ticket to a staff member of its department, or unassign it (null).' })
  assignTicket(
    @Arg('ticketId', () => ID, { description: 'The ticket to assign.' }) ticketId: string,
    @Ctx() ctx: Context,
    @Arg('assigneeId', () => ID, { nullable: true, description: 'Null unassigns.' }) assigneeId?: string | null,
  ): Promise<TicketRow> {
    return tickets.assignTicket(ctx, ticketId, assigneeId);
  }

  @Mutation(() => Ticket, { description: 'Mark a ticket solved, with what was done and a predicted rating.' })
  resolveTicket(
    @Arg('input', () => ResolveTicketInput, { description: 'The ticket, what was done, and a predicted rating.' })
    input: ResolveTicketInput,
    @Ctx() ctx: Context,
  ): Promise<TicketRow> {
    return tickets.resolveTicket(ctx, input);
  }

  @Mutation(() => Ticket, { description: 'Reopen a resolved or closed ticket that is not really solved.' })
  reopenTicket(
    @Arg('ticketId', () => ID, { description: 'The resolved or closed ticket.' }) ticketId: string,
    @Arg('reason', () => String, { description: 'Why it is not solved; posted as a message.' }) reason: string,
    @Ctx() ctx: Context,
    @Arg('trackingCode', () => String, { nullable: true, description: 'Lets a reporter who did not sign in reopen.' })
    trackingCode?: string | null,
  ): Promise<TicketRow> {
    return tickets.reopenTicket(ctx, ticketId, reason, trackingCode);
  }

  @Mutation(() => Ticket, { description: 'Staff: open a ticket, wait on the student, or close a resolved ticket.' })
  updateTicketStatus(
    @Arg('ticketId', () => ID, { description: 'The ticket to change.' }) ticketId: string,
    @Arg('status', () => TicketStatus, { description: 'OPEN, WAITING_ON_STUDENT, or CLOSED (from RESOLVED).' }) status: TicketStatus,
    @Ctx() ctx: Context,
  ): Promise<TicketRow> {
    return tickets.updateTicketStatus(ctx, ticketId, status);
  }

  @Mutation(() => Ticket, { description: 'Staff: change a ticket’s priority; escalating tightens its due times.' })
  changeTicketPriority(
    @Arg('ticketId', () => ID, { description: 'The ticket to change.' }) ticketId: string,
    @Arg('priority', () => Priority, { description: 'The new priority.' }) priority: Priority,
    @Ctx() ctx: Context,
  ): Promise<TicketRow> {
    return tickets.changeTicketPriority(ctx, ticketId, priority);
  }

  @Mutation(() => Ticket, {
    description:
      'Staff working both tickets: merge a duplicate report into the ticket that stays. The duplicate’s messages move over (keeping their times), its tracking links open the kept ticket, it is closed with `mergedInto` set, and its reporter is emailed once. Returns the kept ticket.',
  })
  mergeTickets(
    @Arg('input', () => MergeTicketsInput, { description: 'The duplicate, the ticket that stays, and an optional note.' })
    input: MergeTicketsInput,
    @Ctx() ctx: Context,
  ): Promise<TicketRow> {
    return mergeTickets(ctx, input);
  }

  @FieldResolver(() => Ticket, {
    nullable: true,
    description:
      'For a duplicate merged into another ticket: the ticket that stays, where its conversation continues, if you may read it. Null otherwise.',
  })
  async mergedInto(@Root() ticket: TicketRow, @Ctx() ctx: Context): Promise<TicketRow | null> {
    if (!ticket.mergedIntoId) return null;
    const kept = await ctx.loaders.ticket.load(ticket.mergedIntoId);
    // Reading the duplicate does not mean reading the ticket it went into (another student's report).
    return kept && ticketPolicy.canRead(ctx.viewer, kept, ctx.trackingGrants).allowed ? kept : null;
  }

  @FieldResolver(() => String, { description: 'Human reference shown to students, e.g. SD-1042.' })
  number(@Root() ticket: TicketRow): string {
    return formatTicketNumber(ticket.number);
  }

  @FieldResolver(() => Category, { description: 'The kind of problem.' })
  async category(@Root() ticket: TicketRow, @Ctx() ctx: Context) {
    return (await ctx.loaders.category.load(ticket.categoryId))!;
  }

  @FieldResolver(() => Department, { description: 'The department responsible for it.' })
  async department(@Root() ticket: TicketRow, @Ctx() ctx: Context) {
    return (await ctx.loaders.department.load(ticket.departmentId))!;
  }

  @FieldResolver(() => User, {
    nullable: true,
    description: 'The signed-in student who reported it; null for a report made without signing in.',
  })
  requester(@Root() ticket: TicketRow, @Ctx() ctx: Context) {
    return ticket.requesterId ? ctx.loaders.user.load(ticket.requesterId) : null;
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who is handling it; null while nobody is.' })
  assignee(@Root() ticket: TicketRow, @Ctx() ctx: Context) {
    return ticket.assigneeId ? ctx.loaders.user.load(ticket.assigneeId) : null;
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Staff only: the resolver’s prediction of the student’s rating.' })
  predictedScore(@Root() ticket: TicketRow, @Ctx() ctx: Context): number | null {
    return ticketPolicy.seesInternal(ctx.viewer, ticket) ? ticket.predictedScore : null;
  }
}

@Resolver(() => TicketConnection)
export class TicketConnectionResolver {
  @FieldResolver(() => Int, { description: 'How many tickets match, over all pages.' })
  totalCount(@Root() connection: TicketConnection): Promise<number> {
    return connection.count();
  }
}
