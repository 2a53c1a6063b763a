import type { CannedResponse as CannedResponseRow } from '@studentdesk/db';
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context.js';
import { Article } from '../articles/article.type.js';
import { Department } from '../departments/department.type.js';
import * as cannedResponses from './canned-response.service.js';
import { CannedResponse, CannedResponseVersion, CreateCannedResponseInput, UpdateCannedResponseInput } from './canned-response.type.js';
import { LIST_MAXIMUM, MaxItems } from '../limits/list-maximums.js';

@Resolver(() => CannedResponse)
export class CannedResponseResolver {
  @Query(() => [CannedResponse], {
    description: "Staff: a department's canned responses and the school-wide ones, by title. Your department by default.",
  })
  @MaxItems(LIST_MAXIMUM.cannedResponses)
  cannedResponses(
    @Ctx() ctx: Context,
    @Arg('departmentId', () => ID, { nullable: true, description: 'The department (managers and admins may name any).' })
    departmentId?: string | null,
  ): Promise<CannedResponseRow[]> {
    return cannedResponses.listCannedResponses(ctx, departmentId);
  }

  @Mutation(() => CannedResponse, {
    description: 'Managers: add a canned response for their department; admins for any, or for every department.',
  })
  createCannedResponse(
    @Arg('input', () => CreateCannedResponseInput, { description: 'The canned response.' }) input: CreateCannedResponseInput,
    @Ctx() ctx: Context,
  ) {
    return cannedResponses.createCannedResponse(ctx, input);
  }

  @Mutation(() => CannedResponse, { description: 'Managers and admins: change a canned response they may keep.' })
  updateCannedResponse(
    @Arg('input', () => UpdateCannedResponseInput, { description: 'What to change.' }) input: UpdateCannedResponseInput,
    @Ctx() ctx: Context,
  ) {
    return cannedResponses.updateCannedResponse(ctx, input);
  }

  @FieldResolver(() => Department, { nullable: true, description: 'The department that uses it; null when every department does.' })
  department(@Root() row: CannedResponseRow, @Ctx() ctx: Context) {
    return row.departmentId ? ctx.loaders.department.load(row.departmentId) : null;
  }

  @FieldResolver(() => [Article], { description: 'The knowledge-base articles it links, in order (those you may read).' })
  @MaxItems(LIST_MAXIMUM.cannedResponseArticles)
  articles(@Root() row: CannedResponseRow, @Ctx() ctx: Context) {
    return cannedResponses.linkedArticles(ctx, row);
  }

  @FieldResolver(() => [CannedResponseVersion], { description: 'The text in other languages, by language tag.' })
  @MaxItems(LIST_MAXIMUM.cannedResponseVersions)
  versions(@Root() row: CannedResponseRow, @Ctx() ctx: Context) {
    return cannedResponses.versionsOf(ctx, row);
  }

  @FieldResolver(() => String, {
    description:
      'The body, or its version in the language of the ticket’s student when it has one (their account’s language), with its placeholders filled in for a ticket you work on, then a line with the public link of each linked published article: ready for the reply box.',
  })
  renderedFor(
    @Root() row: CannedResponseRow,
    @Arg('ticketId', () => ID, { description: 'The ticket being answered.' }) ticketId: string,
    @Ctx() ctx: Context,
  ) {
    return cannedResponses.renderForTicket(ctx, row, ticketId);
  }
}
