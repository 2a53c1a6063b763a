// Drafts of replies and notes, kept on the server per person and ticket so that a reload, another
// device or a crashed browser does not lose what an agent was writing. Only staff working the
// ticket keep one; sending the reply removes it (ticket.service.ts, in the reply's transaction).
import type { ReplyDraft as ReplyDraftRow, Ticket as TicketRow } from '@studentdesk/db';
import { viewerStaff } from '../auth/viewer.js';
import type { Context } from '../context.js';
import { badInput } from '../errors.js';
import { MESSAGE_MAX } from '@studentdesk/domain';
import { works } from './ticket.policy.js';
import { loadTicketAsStaff } from './ticket.service.js';

/** Saves the draft, or removes it when `body` is blank. */
export async function saveReplyDraft(ctx: Context, ticketGlobalId: string, body: string, internal: boolean): Promise<boolean> {
  const { actor, ticket } = await loadTicketAsStaff(ctx, ticketGlobalId);
  if (body.length > MESSAGE_MAX) throw badInput(`A message is at most ${MESSAGE_MAX} characters; this one has ${body.length}.`, 'body');
  const key = { userId_ticketId: { userId: actor.id, ticketId: ticket.id } };
  if (!body.trim()) {
    await ctx.prisma.replyDraft.deleteMany({ where: { userId: actor.id, ticketId: ticket.id } });
    return true;
  }
  const draft = { body, internal, updatedAt: ctx.app.clock.now() };
  await ctx.prisma.replyDraft.upsert({ where: key, create: { userId: actor.id, ticketId: ticket.id, ...draft }, update: draft });
  return true;
}

/** The viewer's draft on the ticket; null for anyone who does not work it. */
export function draftOf(ctx: Context, ticket: TicketRow): Promise<ReplyDraftRow | null> | null {
  const staff = viewerStaff(ctx.viewer);
  if (!staff || !works(ctx.viewer, ticket)) return null;
  return ctx.loaders.replyDraft.load(`${staff.id} ${ticket.id}`);
}
