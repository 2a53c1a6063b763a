import type { ReplyDraft as ReplyDraftRow, Ticket as TicketRow } from '@studentdesk/db';
import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../context.js';
import { ReplyDraft } from './reply-draft.type.js';
import { draftOf, saveReplyDraft } from './reply-draft.service.js';
import { MESSAGE_MAX } from '@studentdesk/domain';
import { Ticket } from './ticket.type.js';

@Resolver(() => Ticket)
export class ReplyDraftResolver {
  @FieldResolver(() => ReplyDraft, {
    nullable: true,
    description: 'What you were writing on this ticket and have not sent (staff working it); null when nothing.',
  })
  myDraft(@Root() ticket: TicketRow, @Ctx() ctx: Context): Promise<ReplyDraftRow | null> | null {
    return draftOf(ctx, ticket);
  }

  @Mutation(() => Boolean, {
    description: `Staff working the ticket: keep what you are writing (up to ${MESSAGE_MAX} characters) as your draft on it; a blank body removes it. Sending the reply removes it too. Always true.`,
  })
  saveReplyDraft(
    @Arg('ticketId', () => ID, { description: 'The ticket.' }) ticketId: string,
    @Arg('body', () => String, { description: 'The text so far.' }) body: string,
    @Arg('internal', () => Boolean, { defaultValue: false, description: 'An internal note rather than a reply.' }) internal: boolean,
    @Ctx() ctx: Context,
  ): Promise<boolean> {
    return saveReplyDraft(ctx, ticketId, body, internal);
  }
}
