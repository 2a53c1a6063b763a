import {
  InboundEmailStatus,
  type Department as DepartmentRow,
  type Message as MessageRow,
  type Ticket as TicketRow,
} from '@studentdesk/db';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context.js';
import { Department } from '../departments/department.type.js';
import { PageArgs } from '../relay/pagination.js';
import { Message } from '../tickets/message.type.js';
import { Ticket } from '../tickets/ticket.type.js';
import {
  discardInboundEmail,
  listInboundEmail,
  originalEmailText,
  originalReportText,
  releaseInboundEmail,
  setDepartmentEmail,
} from './inbound-email.service.js';
import { DepartmentEmailInput, InboundEmail, InboundEmailConnection } from './inbound-email.type.js';

@Resolver(() => InboundEmail)
export class InboundEmailResolver {
  @Query(() => InboundEmailConnection, {
    description: 'Admins: email sent to the departments’ addresses, newest first; `status: [HELD]` is the list waiting for review.',
  })
  inboundEmails(
    @Ctx() ctx: Context,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('status', () => [InboundEmailStatus], { nullable: true, description: 'Only emails in these statuses.' })
    status?: InboundEmailStatus[] | null,
  ): Promise<InboundEmailConnection> {
    return listInboundEmail(ctx, status, page);
  }

  @Mutation(() => InboundEmail, {
    description:
      'Admins: let a held email through: it becomes a ticket or a reply as if it had passed the check that held it (an automatic reply, an unknown sender, the rate limit). BAD_USER_INPUT with the reason when it still cannot go anywhere.',
  })
  releaseInboundEmail(@Arg('id', () => ID, { description: 'The held email.' }) id: string, @Ctx() ctx: Context) {
    return releaseInboundEmail(ctx, id);
  }

  @Mutation(() => InboundEmail, { description: 'Admins: set a held email aside for good; it is kept for the record.' })
  discardInboundEmail(@Arg('id', () => ID, { description: 'The held email.' }) id: string, @Ctx() ctx: Context) {
    return discardInboundEmail(ctx, id);
  }
}

@Resolver(() => Department)
export class DepartmentEmailResolver {
  @FieldResolver(() => String, { nullable: true, description: 'Mail to this address becomes a ticket here; null: none.' })
  inboundAddress(@Root() department: DepartmentRow): string | null {
    return department.inboundAddress;
  }

  @FieldResolver(() => Boolean, {
    description: 'Mail from addresses that are no student’s is held for review rather than made a guest report.',
  })
  holdUnknownSenders(@Root() department: DepartmentRow): boolean {
    return department.holdUnknownSenders;
  }

  @Mutation(() => Department, { description: 'Admins: a department’s email address, and whether mail from strangers is held for review.' })
  setDepartmentEmail(
    @Arg('input', () => DepartmentEmailInput, { description: 'The settings.' }) input: DepartmentEmailInput,
    @Ctx() ctx: Context,
  ) {
    return setDepartmentEmail(ctx, input);
  }
}

@Resolver(() => Message)
export class MessageEmailResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description: 'For a message that came by email: the whole text as sent, with the quoted text and signature the message leaves out.',
  })
  async originalEmailText(@Root() message: MessageRow, @Ctx() ctx: Context): Promise<string | null> {
    return originalEmailText(ctx, message.id);
  }
}

@Resolver(() => Ticket)
export class TicketEmailResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description: 'For a ticket reported by email: the whole first email as sent; the description leaves out its quoted text and signature.',
  })
  originalEmailText(@Root() ticket: TicketRow, @Ctx() ctx: Context): Promise<string | null> {
    return originalReportText(ctx, ticket.id);
  }
}
