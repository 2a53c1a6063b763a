import { SuggestionStatus, type Suggestion as SuggestionRow, type SuggestionComment as SuggestionCommentRow } from '@studentdesk/db';
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireUser } from '../auth/viewer.js';
import type { Context } from '../context.js';
import { Category } from '../departments/department.type.js';
import { PageArgs } from '../relay/pagination.js';
import { User } from '../users/user.type.js';
import * as suggestions from './suggestion.service.js';
import {
  CommentOnSuggestionInput,
  DecideSuggestionInput,
  RaiseSuggestionInput,
  Suggestion,
  SuggestionComment,
  SuggestionConnection,
} from './suggestion.type.js';
import { LIST_MAXIMUM, MaxItems } from '../limits/list-maximums.js';

@Resolver(() => Suggestion)
export class SuggestionResolver {
  @Query(() => SuggestionConnection, { description: 'Staff: improvement suggestions, newest first.' })
  async suggestions(
    @Ctx() ctx: Context,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('status', () => [SuggestionStatus], { nullable: true, description: 'Only suggestions in these statuses.' })
    status?: SuggestionStatus[] | null,
  ): Promise<SuggestionConnection> {
    return suggestions.listSuggestions(ctx, status, page);
  }

  @Mutation(() => Suggestion, { description: 'Staff: raise an improvement suggestion about a category of problems.' })
  raiseSuggestion(
    @Arg('input', () => RaiseSuggestionInput, { description: 'The suggestion.' }) input: RaiseSuggestionInput,
    @Ctx() ctx: Context,
  ) {
    return suggestions.raiseSuggestion(ctx, input);
  }

  @Mutation(() => Suggestion, { description: 'Staff: vote for an open suggestion (voting twice counts once).' })
  voteForSuggestion(@Arg('suggestionId', () => ID, { description: 'The suggestion.' }) suggestionId: string, @Ctx() ctx: Context) {
    return suggestions.vote(ctx, suggestionId, true);
  }

  @Mutation(() => Suggestion, { description: 'Staff: take back your vote on an open suggestion.' })
  withdrawSuggestionVote(@Arg('suggestionId', () => ID, { description: 'The suggestion.' }) suggestionId: string, @Ctx() ctx: Context) {
    return suggestions.vote(ctx, suggestionId, false);
  }

  @Mutation(() => SuggestionComment, { description: 'Staff: comment on a suggestion.' })
  commentOnSuggestion(
    @Arg('input', () => CommentOnSuggestionInput, { description: 'The comment.' }) input: CommentOnSuggestionInput,
    @Ctx() ctx: Context,
  ) {
    return suggestions.commentOnSuggestion(ctx, input);
  }

  @Mutation(() => Suggestion, {
    description: 'Managers and admins: accept or decline an open suggestion (a reason is required to decline).',
  })
  decideSuggestion(
    @Arg('input', () => DecideSuggestionInput, { description: 'The decision.' }) input: DecideSuggestionInput,
    @Ctx() ctx: Context,
  ) {
    return suggestions.decideSuggestion(ctx, input);
  }

  @FieldResolver(() => Category, { nullable: true, description: 'The category of problems it would improve.' })
  category(@Root() suggestion: SuggestionRow, @Ctx() ctx: Context) {
    return suggestion.categoryId ? ctx.loaders.category.load(suggestion.categoryId) : null;
  }

  @FieldResolver(() => User, { description: 'Who raised it.' })
  async author(@Root() suggestion: SuggestionRow, @Ctx() ctx: Context) {
    return (await ctx.loaders.user.load(suggestion.authorId))!;
  }

  @FieldResolver(() => User, { nullable: true, description: 'The manager who decided.' })
  decidedBy(@Root() suggestion: SuggestionRow, @Ctx() ctx: Context) {
    return suggestion.decidedById ? ctx.loaders.user.load(suggestion.decidedById) : null;
  }

  @FieldResolver(() => Int, { description: 'How many staff voted for it.' })
  async voteCount(@Root() suggestion: SuggestionRow, @Ctx() ctx: Context): Promise<number> {
    return (await ctx.loaders.suggestionVotes.load(suggestion.id)).length;
  }

  @FieldResolver(() => Boolean, { description: 'Whether you voted for it.' })
  async viewerHasVoted(@Root() suggestion: SuggestionRow, @Ctx() ctx: Context): Promise<boolean> {
    const viewer = requireUser(ctx.viewer);
    return (await ctx.loaders.suggestionVotes.load(suggestion.id)).some((vote) => vote.userId === viewer.id);
  }

  @FieldResolver(() => [SuggestionComment], { description: `The latest ${LIST_MAXIMUM.suggestionComments} comments, oldest first.` })
  @MaxItems(LIST_MAXIMUM.suggestionComments)
  comments(@Root() suggestion: SuggestionRow, @Ctx() ctx: Context): Promise<SuggestionCommentRow[]> {
    return ctx.loaders.suggestionComments.load(suggestion.id);
  }
}

@Resolver(() => SuggestionComment)
export class SuggestionCommentResolver {
  @FieldResolver(() => User, { description: 'Who wrote it.' })
  async author(@Root() comment: SuggestionCommentRow, @Ctx() ctx: Context) {
    return (await ctx.loaders.user.load(comment.authorId))!;
  }
}
