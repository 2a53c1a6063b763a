import {
  TicketEventType,
  type Macro as MacroRow,
  type Tag as TagRow,
  type Ticket as TicketRow,
  type TicketEvent as TicketEventRow,
} from '@studentdesk/db';
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context.js';
import { Department } from '../departments/department.type.js';
import { LIST_MAXIMUM, MaxItems } from '../limits/list-maximums.js';
import { Tag } from '../tags/tag.type.js';
import { detailText } from '../tickets/conversation.resolver.js';
import { Ticket, TicketEvent } from '../tickets/ticket.type.js';
import { User } from '../users/user.type.js';
import * as macros from './macro.service.js';
import { Macro, SaveMacroInput } from './macro.type.js';

@Resolver(() => Macro)
export class MacroResolver {
  @Query(() => [Macro], { description: 'Staff: your macros and those shared with your departments, by name.' })
  @MaxItems(LIST_MAXIMUM.macros)
  macros(@Ctx() ctx: Context): Promise<MacroRow[]> {
    return macros.listMacros(ctx);
  }

  @Mutation(() => Macro, {
    description: 'Staff: make or change a macro, for yourself; managers may share one with their department, admins with any.',
  })
  saveMacro(@Arg('input', () => SaveMacroInput, { description: 'The macro.' }) input: SaveMacroInput, @Ctx() ctx: Context) {
    return macros.saveMacro(ctx, input);
  }

  @Mutation(() => ID, { description: 'Delete your own macro, or (managers of its department, admins) a shared one. Returns its ID.' })
  deleteMacro(@Arg('id', () => ID, { description: 'The macro.' }) id: string, @Ctx() ctx: Context) {
    return macros.deleteMacro(ctx, id);
  }

  @Mutation(() => Ticket, {
    description:
      'Staff working the ticket: apply a macro in one change (reply, assignee, priority, tags, status), each with its history entry, as if done by hand.',
  })
  applyMacro(
    @Arg('ticketId', () => ID, { description: 'The ticket.' }) ticketId: string,
    @Arg('macroId', () => ID, { description: 'The macro; yours or shared with your department.' }) macroId: string,
    @Ctx() ctx: Context,
    @Arg('basedOn', () => Date, {
      nullable: true,
      description: 'As `reply(input: { basedOn })`: refused with CONFLICT when someone else changed the ticket since.',
    })
    basedOn?: Date | null,
  ): Promise<TicketRow> {
    return macros.applyMacro(ctx, ticketId, macroId, basedOn);
  }

  @FieldResolver(() => Department, { nullable: true, description: 'The department it is shared with; null for a personal macro.' })
  department(@Root() macro: MacroRow, @Ctx() ctx: Context) {
    return macro.departmentId ? ctx.loaders.department.load(macro.departmentId) : null;
  }

  @FieldResolver(() => [Tag], { description: 'The tags it adds, by name.' })
  @MaxItems(LIST_MAXIMUM.tagsPerTicket)
  tags(@Root() macro: MacroRow, @Ctx() ctx: Context): Promise<TagRow[]> {
    return macros.macroTags(ctx, macro);
  }

  @FieldResolver(() => User, { nullable: true, description: 'The colleague it assigns the ticket to (see also assignToMe).' })
  assignee(@Root() macro: MacroRow, @Ctx() ctx: Context) {
    return macro.assigneeId ? ctx.loaders.user.load(macro.assigneeId) : null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Its reply as it would be posted on this ticket by you, placeholders filled: a preview. Null when it posts none.',
  })
  replyFor(
    @Root() macro: MacroRow,
    @Arg('ticketId', () => ID, { description: 'A ticket you work.' }) ticketId: string,
    @Ctx() ctx: Context,
  ) {
    return macros.replyFor(ctx, macro, ticketId);
  }
}

@Resolver(() => TicketEvent)
export class TicketEventMacroResolver {
  @FieldResolver(() => String, { nullable: true, description: 'For MACRO_APPLIED: the macro’s name when it was applied.' })
  macroName(@Root() event: TicketEventRow): string | null {
    return event.type === TicketEventType.MACRO_APPLIED ? detailText(event, 'macroName') : null;
  }
}
