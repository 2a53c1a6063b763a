// The school's departments and the categories students report under: short, public lists.
import type { Category as CategoryRow, Department as DepartmentRow } from '@studentdesk/db';
import type { Context } from '../context.js';
import { LIST_MAXIMUM } from '../limits/list-maximums.js';

export function listDepartments(ctx: Pick<Context, 'prisma'>): Promise<DepartmentRow[]> {
  return ctx.prisma.department.findMany({ orderBy: { name: 'asc' }, take: LIST_MAXIMUM.departments });
}

export function listActiveCategories(ctx: Pick<Context, 'prisma'>): Promise<CategoryRow[]> {
  return ctx.prisma.category.findMany({ where: { active: true }, orderBy: { name: 'asc' }, take: LIST_MAXIMUM.categories });
}
