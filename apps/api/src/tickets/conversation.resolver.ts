// A ticket's conversation and history, as the viewer may see them: internal notes and their
// traces only for staff working the ticket.
import {
  TicketEventType,
  type Attachment as AttachmentRow,
  type Message as MessageRow,
  type Ticket as TicketRow,
  type TicketEvent as TicketEventRow,
} from '@studentdesk/db';
import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Attachment } from '../attachments/attachment.type.js';
import type { Context } from '../context.js';
import { Department } from '../departments/department.type.js';
import { PageArgs } from '../relay/pagination.js';
import { User } from '../users/user.type.js';
import { messagePage } from '../loaders/message-window.js';
import { Message, MessageConnection } from './message.type.js';
import { visibleEventTypes } from './reply-conflict.js';
import { Priority } from './ticket.enums.js';
import { seesInternal } from './ticket.policy.js';
import { Ticket, TicketEvent } from './ticket.type.js';
import { LIST_MAXIMUM, MaxItems } from '../limits/list-maximums.js';

@Resolver(() => Ticket)
export class TicketConversationResolver {
  @FieldResolver(() => MessageConnection, { description: 'The conversation, oldest first. Internal notes only for staff.' })
  async messages(@Root() ticket: TicketRow, @Ctx() ctx: Context, @Args(() => PageArgs) page: PageArgs): Promise<MessageConnection> {
    return messagePage(ctx.loaders.messageWindow, ticket.id, seesInternal(ctx.viewer, ticket), page);
  }

  @FieldResolver(() => [Attachment], { description: 'The files sent with the report itself; a message’s files are on the message.' })
  @MaxItems(LIST_MAXIMUM.attachments)
  attachments(@Root() ticket: TicketRow, @Ctx() ctx: Context): Promise<AttachmentRow[]> {
    return ctx.loaders.reportAttachments.load(ticket.id);
  }

  @FieldResolver(() => [TicketEvent], {
    description: `The audit history: the latest ${LIST_MAXIMUM.ticketHistory} changes, oldest first.`,
  })
  @MaxItems(LIST_MAXIMUM.ticketHistory)
  async history(@Root() ticket: TicketRow, @Ctx() ctx: Context): Promise<TicketEventRow[]> {
    const events = await ctx.loaders.eventsByTicket.load(ticket.id);
    return seesInternal(ctx.viewer, ticket) ? events : events.filter((event) => event.type !== TicketEventType.NOTE_ADDED);
  }

  @FieldResolver(() => Date, {
    description:
      'When the ticket last changed in a way you can see (a message, a status, an assignment…): pass it as `reply(input: { basedOn })` to be told of changes made while you write.',
  })
  async lastActivityAt(@Root() ticket: TicketRow, @Ctx() ctx: Context): Promise<Date> {
    const visible = new Set(visibleEventTypes(ctx.viewer, ticket));
    const events = await ctx.loaders.eventsByTicket.load(ticket.id);
    return events.findLast((event) => visible.has(event.type))?.createdAt ?? ticket.createdAt;
  }
}

@Resolver(() => Message)
export class MessageResolver {
  @FieldResolver(() => User, { nullable: true, description: 'Who wrote it; null for a reporter who did not sign in.' })
  author(@Root() message: MessageRow, @Ctx() ctx: Context) {
    return message.authorId ? ctx.loaders.user.load(message.authorId) : null;
  }

  @FieldResolver(() => [Attachment], { description: 'The files sent with the message, in the order they were uploaded.' })
  @MaxItems(LIST_MAXIMUM.attachments)
  attachments(@Root() message: MessageRow, @Ctx() ctx: Context): Promise<AttachmentRow[]> {
    return ctx.loaders.attachmentsByMessage.load(message.id);
  }
}

@Resolver(() => TicketEvent)
export class TicketEventResolver {
  @FieldResolver(() => User, { nullable: true, description: 'Who made the change; null for the system or a guest reporter.' })
  actor(@Root() event: TicketEventRow, @Ctx() ctx: Context) {
    return event.actorId ? ctx.loaders.user.load(event.actorId) : null;
  }

  @FieldResolver(() => User, { nullable: true, description: 'For ASSIGNED: who it was assigned to; null when it was unassigned.' })
  assignee(@Root() event: TicketEventRow, @Ctx() ctx: Context) {
    const assigneeId = event.type === TicketEventType.ASSIGNED ? detailText(event, 'toAssigneeId') : null;
    return assigneeId ? ctx.loaders.user.load(assigneeId) : null;
  }

  @FieldResolver(() => Priority, { nullable: true, description: 'For PRIORITY_CHANGED: the priority before.' })
  fromPriority(@Root() event: TicketEventRow): Priority | null {
    return event.type === TicketEventType.PRIORITY_CHANGED ? priorityOf(detailText(event, 'from')) : null;
  }

  @FieldResolver(() => Priority, { nullable: true, description: 'For PRIORITY_CHANGED: the priority after.' })
  toPriority(@Root() event: TicketEventRow): Priority | null {
    return event.type === TicketEventType.PRIORITY_CHANGED ? priorityOf(detailText(event, 'to')) : null;
  }

  @FieldResolver(() => Department, {
    nullable: true,
    description: 'For DEPARTMENT_CHANGED, and CATEGORY_CHANGED into another department: the department it moved to.',
  })
  toDepartment(@Root() event: TicketEventRow, @Ctx() ctx: Context) {
    const departmentId = detailText(event, 'toDepartmentId');
    return departmentId ? ctx.loaders.department.load(departmentId) : null;
  }

  @FieldResolver(() => Boolean, { description: 'True for a change made by a bulk update of many tickets.' })
  bulkUpdate(@Root() event: TicketEventRow): boolean {
    return detailText(event, 'bulkUpdateId') !== null;
  }

  @FieldResolver(() => Boolean, { description: 'True for a change that undid a bulk update, putting the ticket back.' })
  undoesBulkUpdate(@Root() event: TicketEventRow): boolean {
    return detailText(event, 'undoOf') !== null;
  }
}

/** A text value of the event's detail (JSON written by whoever recorded the event), or null. */
export function detailText(event: TicketEventRow, key: string): string | null {
  const detail = event.detail;
  if (!detail || typeof detail !== 'object' || Array.isArray(detail)) return null;
  const value = detail[key];
  return typeof value === 'string' ? value : null;
}

const priorityOf = (value: string | null): Priority | null =>
  value !== null && Object.values<string>(Priority).includes(value) ? (value as Priority) : null;
