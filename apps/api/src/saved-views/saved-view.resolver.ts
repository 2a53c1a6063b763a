import type { SavedView as SavedViewRow } from '@studentdesk/db';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context.js';
import { Department } from '../departments/department.type.js';
import { LIST_MAXIMUM, MaxItems } from '../limits/list-maximums.js';
import * as savedViews from './saved-view.service.js';
import { SavedView, SaveViewInput } from './saved-view.type.js';

@Resolver(() => SavedView)
export class SavedViewResolver {
  @Query(() => [SavedView], { description: 'Staff: your saved views and those shared with your departments, by name.' })
  @MaxItems(LIST_MAXIMUM.savedViews)
  savedViews(@Ctx() ctx: Context): Promise<SavedViewRow[]> {
    return savedViews.listSavedViews(ctx);
  }

  @Mutation(() => SavedView, {
    description: 'Staff: save a queue filter under a name, for yourself; managers may share it with their department, admins with any.',
  })
  saveView(@Arg('input', () => SaveViewInput, { description: 'The view.' }) input: SaveViewInput, @Ctx() ctx: Context) {
    return savedViews.saveView(ctx, input);
  }

  @Mutation(() => ID, { description: 'Delete your own view, or (managers of its department, admins) a shared one. Returns its ID.' })
  deleteView(@Arg('id', () => ID, { description: 'The view to delete.' }) id: string, @Ctx() ctx: Context) {
    return savedViews.deleteView(ctx, id);
  }

  @FieldResolver(() => Department, { nullable: true, description: 'The department it is shared with; null for a personal view.' })
  department(@Root() view: SavedViewRow, @Ctx() ctx: Context) {
    return view.departmentId ? ctx.loaders.department.load(view.departmentId) : null;
  }

  @FieldResolver(() => String, { description: 'The filter as JSON, to pass as it is to `tickets(filter:)`.' })
  filter(@Root() view: SavedViewRow): string {
    return JSON.stringify(view.filter);
  }

  @FieldResolver(() => Int, {
    description:
      'How many tickets you may see match the filter now. With `upTo`, counting stops there: an answer equal to `upTo` means that many or more (a sidebar shows "1,000+"), and a large view costs no more than that.',
  })
  count(
    @Root() view: SavedViewRow,
    @Ctx() ctx: Context,
    @Arg('upTo', () => Int, { nullable: true, description: 'Stop counting at this many (at least 1).' }) upTo?: number | null,
  ): Promise<number> {
    return savedViews.countMatching(ctx, view, upTo ?? null);
  }
}
