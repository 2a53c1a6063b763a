// Voice of staff: any staff member raises, votes on and comments on improvement ideas; a manager
// (or admin) records the decision, with a reason when declining.
import type { Suggestion as SuggestionRow, SuggestionStatus } from '@studentdesk/db';
import { enforce, requireStaff } from '../auth/viewer.js';
import type { Context } from '../context.js';
import { badInput, notFound } from '../errors.js';
import { fromGlobalId } from '../relay/global-id.js';
import { newestFirst, paginate, pageRequest, type PageArgs } from '../relay/pagination.js';
import * as suggestionPolicy from './suggestion.policy.js';
import {
  SuggestionDecision,
  type CommentOnSuggestionInput,
  type DecideSuggestionInput,
  type RaiseSuggestionInput,
} from './suggestion.type.js';

async function loadSuggestion(ctx: Context, globalId: string): Promise<SuggestionRow> {
  const suggestion = await ctx.prisma.suggestion.findUnique({ where: { id: fromGlobalId(globalId, 'Suggestion', 'suggestionId') } });
  if (!suggestion) throw notFound('There is no suggestion with this ID.');
  return suggestion;
}

function requiredText(value: string, field: string, message: string): string {
  const text = value.trim();
  if (!text) throw badInput(message, field);
  return text;
}

const SUGGESTION_ORDER = newestFirst<SuggestionRow>('suggestions');

export async function listSuggestions(ctx: Context, status: SuggestionStatus[] | null | undefined, page: PageArgs) {
  enforce(suggestionPolicy.canRead(ctx.viewer));
  return paginate(pageRequest(page, SUGGESTION_ORDER), (window) =>
    ctx.prisma.suggestion.findMany({
      where: { ...(status?.length ? { status: { in: status } } : {}), ...window.prismaWhere() },
      orderBy: window.prismaOrderBy(),
      take: window.limit,
    }),
  );
}

export async function raiseSuggestion(ctx: Context, input: RaiseSuggestionInput) {
  enforce(suggestionPolicy.canTakePart(ctx.viewer));
  const user = requireStaff(ctx.viewer);
  const categoryId = fromGlobalId(input.categoryId, 'Category', 'categoryId');
  if (!(await ctx.loaders.category.load(categoryId))) throw badInput('Choose one of the listed categories.', 'categoryId');
  return ctx.prisma.suggestion.create({
    data: {
      title: requiredText(input.title, 'title', 'Say the idea in a line.'),
      body: requiredText(input.body, 'body', 'Say what to change and why.'),
      categoryId,
      authorId: user.id,
    },
  });
}

/** Voting twice counts once; a decided suggestion takes no more votes. */
export async function vote(ctx: Context, suggestionGlobalId: string, inFavour: boolean) {
  enforce(suggestionPolicy.canTakePart(ctx.viewer));
  const user = requireStaff(ctx.viewer);
  const suggestion = await loadSuggestion(ctx, suggestionGlobalId);
  if (suggestion.status !== 'OPEN') throw badInput('This suggestion has been decided; votes are closed.', 'suggestionId');
  const key = { suggestionId: suggestion.id, userId: user.id };
  if (inFavour) {
    await ctx.prisma.suggestionVote.upsert({ where: { suggestionId_userId: key }, create: key, update: {} });
  } else {
    await ctx.prisma.suggestionVote.deleteMany({ where: key });
  }
  ctx.loaders.suggestionVotes.clear(suggestion.id);
  return suggestion;
}

export async function commentOnSuggestion(ctx: Context, input: CommentOnSuggestionInput) {
  enforce(suggestionPolicy.canTakePart(ctx.viewer));
  const user = requireStaff(ctx.viewer);
  const suggestion = await loadSuggestion(ctx, input.suggestionId);
  const body = requiredText(input.body, 'body', 'Write the comment first.');
  return ctx.prisma.suggestionComment.create({ data: { suggestionId: suggestion.id, authorId: user.id, body } });
}

export async function decideSuggestion(ctx: Context, input: DecideSuggestionInput) {
  enforce(suggestionPolicy.canDecide(ctx.viewer));
  const user = requireStaff(ctx.viewer);
  const suggestion = await loadSuggestion(ctx, input.suggestionId);
  const reason = input.reason?.trim() || null;
  if (input.decision === SuggestionDecision.DECLINED && !reason)
    throw badInput('Say why the suggestion is declined: the staff who raised it deserve to know.', 'reason');
  // Decided once: of two managers deciding at the same moment, the second is told it is already decided.
  const { count } = await ctx.prisma.suggestion.updateMany({
    where: { id: suggestion.id, status: 'OPEN' },
    data: { status: input.decision, decisionReason: reason, decidedById: user.id, decidedAt: new Date() },
  });
  if (count === 0) throw badInput('This suggestion has already been decided.', 'suggestionId');
  return ctx.prisma.suggestion.findUniqueOrThrow({ where: { id: suggestion.id } });
}
