import type { Category as CategoryRow, Department as DepartmentRow } from '@studentdesk/db';
import { Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context.js';
import { listActiveCategories, listDepartments } from './department.service.js';
import { Category, Department } from './department.type.js';
import { LIST_MAXIMUM, MaxItems } from '../limits/list-maximums.js';

@Resolver(() => Department)
export class DepartmentResolver {
  @Query(() => [Department], { description: 'Every department, alphabetically. Public.' })
  @MaxItems(LIST_MAXIMUM.departments)
  departments(@Ctx() ctx: Context): Promise<DepartmentRow[]> {
    return listDepartments(ctx);
  }

  @FieldResolver(() => [Category], { description: 'Its active categories, alphabetically.' })
  @MaxItems(LIST_MAXIMUM.categoriesPerDepartment)
  categories(@Root() department: DepartmentRow, @Ctx() ctx: Context): Promise<CategoryRow[]> {
    return ctx.loaders.categoriesByDepartment.load(department.id);
  }
}

@Resolver(() => Category)
export class CategoryResolver {
  @Query(() => [Category], { description: 'Every active category a student can report under, alphabetically. Public.' })
  @MaxItems(LIST_MAXIMUM.categories)
  categories(@Ctx() ctx: Context): Promise<CategoryRow[]> {
    return listActiveCategories(ctx);
  }

  @FieldResolver(() => Department, { description: 'The department that handles it.' })
  async department(@Root() category: CategoryRow, @Ctx() ctx: Context) {
    return (await ctx.loaders.department.load(category.departmentId))!;
  }
}
