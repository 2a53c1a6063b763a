import { TicketEventType, type Tag as TagRow, type Ticket as TicketRow, type TicketEvent as TicketEventRow } from '@studentdesk/db';
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context.js';
import { LIST_MAXIMUM, MaxItems } from '../limits/list-maximums.js';
import { seesInternal } from '../tickets/ticket.policy.js';
import { Ticket, TicketEvent } from '../tickets/ticket.type.js';
import * as tags from './tag.service.js';
import { Tag, TagTicketInput, UpdateTagInput } from './tag.type.js';

@Resolver(() => Tag)
export class TagResolver {
  @Query(() => [Tag], { description: 'Staff: the school’s tags by name, those containing `search` when given (for autocomplete).' })
  @MaxItems(LIST_MAXIMUM.tags)
  tags(
    @Ctx() ctx: Context,
    @Arg('search', () => String, { nullable: true, description: 'Part of the name, any case.' }) search?: string | null,
  ): Promise<TagRow[]> {
    return tags.listTags(ctx, search);
  }

  @Mutation(() => Ticket, {
    description:
      'Staff working the ticket: add tags by name (new names create the tag) and take tags off, in one change with a TAGS_CHANGED history entry.',
  })
  tagTicket(@Arg('input', () => TagTicketInput, { description: 'The ticket and the tags.' }) input: TagTicketInput, @Ctx() ctx: Context) {
    return tags.tagTicket(ctx, input);
  }

  @Mutation(() => Tag, { description: 'Admins: rename or recolour a tag.' })
  updateTag(@Arg('input', () => UpdateTagInput, { description: 'The tag and what changes.' }) input: UpdateTagInput, @Ctx() ctx: Context) {
    return tags.updateTag(ctx, input);
  }

  @Mutation(() => ID, { description: 'Admins: delete a tag, taking it off every ticket. Returns its ID.' })
  deleteTag(@Arg('id', () => ID, { description: 'The tag.' }) id: string, @Ctx() ctx: Context) {
    return tags.deleteTag(ctx, id);
  }
}

@Resolver(() => Ticket)
export class TicketTagsResolver {
  @FieldResolver(() => [Tag], { description: 'Staff working the ticket: its tags, by name (empty for everyone else).' })
  @MaxItems(LIST_MAXIMUM.tagsPerTicket)
  async tags(@Root() ticket: TicketRow, @Ctx() ctx: Context): Promise<TagRow[]> {
    return seesInternal(ctx.viewer, ticket) ? ctx.loaders.tagsByTicket.load(ticket.id) : [];
  }
}

/** The names a TAGS_CHANGED entry lists under `key` (the tags as they were named then). */
function tagNames(event: TicketEventRow, key: 'added' | 'removed'): string[] | null {
  if (event.type !== TicketEventType.TAGS_CHANGED) return null;
  const names = (event.detail as Record<string, unknown> | null)?.[key];
  return Array.isArray(names) ? names.filter((name): name is string => typeof name === 'string') : [];
}

@Resolver(() => TicketEvent)
export class TicketEventTagsResolver {
  @FieldResolver(() => [String], { nullable: true, description: 'For TAGS_CHANGED: the names of the tags added.' })
  tagsAdded(@Root() event: TicketEventRow): string[] | null {
    return tagNames(event, 'added');
  }

  @FieldResolver(() => [String], { nullable: true, description: 'For TAGS_CHANGED: the names of the tags taken off.' })
  tagsRemoved(@Root() event: TicketEventRow): string[] | null {
    return tagNames(event, 'removed');
  }
}
