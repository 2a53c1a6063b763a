import type { Category as CategoryRow, Department as DepartmentRow } from '@studentdesk/db';
import { Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context.js';
import { Category, Department } from './department.type.js';

@Resolver(() => Department)
export class DepartmentResolver {
  @Query(() => [Department], { description: 'Every department, alphabetically. Public.' })
  departments(@Ctx() ctx: Context): Promise<DepartmentRow[]> {
    return ctx.prisma.department.findMany({ orderBy: { name: 'asc' } });
  }

  @FieldResolver(() => [Category], { description: 'Its active categories, alphabetically.' })
  categories(@Root() department: DepartmentRow, @Ctx() ctx: Context): Promise<CategoryRow[]> {
    return ctx.loaders.categoriesByDepartment.load(department.id);
  }
}

@Resolver(() => Category)
export class CategoryResolver {
  @Query(() => [Category], { description: 'Every active category a student can report under, alphabetically. Public.' })
  categories(@Ctx() ctx: Context): Promise<CategoryRow[]> {
    return ctx.prisma.category.findMany({ where: { active: true }, orderBy: { name: 'asc' } });
  }

  @FieldResolver(() => Department, { description: 'The department that handles it.' })
  async department(@Root() category: CategoryRow, @Ctx() ctx: Context) {
    return (await ctx.loaders.department.load(category.departmentId))!;
  }
}
