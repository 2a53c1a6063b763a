import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { Context } from '../context.js';
import { StudentPanel } from './student-panel.type.js';
import { studentPanel } from './student-panel.service.js';

@Resolver(() => StudentPanel)
export class StudentPanelResolver {
  @Query(() => StudentPanel, { description: 'Staff working a ticket: who reported it, and their tickets and ratings you may see.' })
  studentPanel(@Arg('ticketId', () => ID, { description: 'The ticket being worked.' }) ticketId: string, @Ctx() ctx: Context) {
    return studentPanel(ctx, ticketId);
  }
}
