import type { Category as CategoryRow, Department as DepartmentRow } from '@studentdesk/db';
import { formatClockTime } from '@studentdesk/domain';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context.js';
import {
  archiveDepartment,
  createCategory,
  createDepartment,
  departmentCategories,
  departmentCounts,
  listCategories,
  listDepartments,
  mergeCategories,
  mergeDepartments,
  setCategoryArchived,
  unarchiveDepartment,
  updateCategory,
  updateDepartment,
} from './department.service.js';
import {
  BusinessHours,
  Category,
  CreateCategoryInput,
  CreateDepartmentInput,
  Department,
  MergeCategoriesPayload,
  MergeDepartmentsPayload,
  UpdateCategoryInput,
  UpdateDepartmentInput,
} from './department.type.js';
import { LIST_MAXIMUM, MaxItems } from '../limits/list-maximums.js';

const INCLUDE_ARCHIVED = { nullable: true, defaultValue: false, description: 'Archived ones too (staff only).' } as const;

@Resolver(() => Department)
export class DepartmentResolver {
  @Query(() => [Department], { description: 'Departments in use, alphabetically. Public; staff may ask for archived ones too.' })
  @MaxItems(LIST_MAXIMUM.departments)
  departments(
    @Arg('includeArchived', () => Boolean, INCLUDE_ARCHIVED) includeArchived: boolean,
    @Ctx() ctx: Context,
  ): Promise<DepartmentRow[]> {
    return listDepartments(ctx, includeArchived);
  }

  @FieldResolver(() => [Category], { description: 'Its active categories, alphabetically; staff may ask for archived ones too.' })
  @MaxItems(LIST_MAXIMUM.categoriesPerDepartment)
  categories(
    @Root() department: DepartmentRow,
    @Arg('includeArchived', () => Boolean, INCLUDE_ARCHIVED) includeArchived: boolean,
    @Ctx() ctx: Context,
  ): Promise<CategoryRow[]> {
    return departmentCategories(ctx, department, includeArchived);
  }

  @FieldResolver(() => Boolean, { description: 'True while archived: not offered for new reports nor in pickers; its tickets stay.' })
  archived(@Root() department: DepartmentRow): boolean {
    return department.archivedAt !== null;
  }

  @FieldResolver(() => Department, { nullable: true, description: 'The department it was merged into, if it was.' })
  mergedInto(@Root() department: DepartmentRow, @Ctx() ctx: Context) {
    return department.mergedIntoId ? ctx.loaders.department.load(department.mergedIntoId) : null;
  }

  @FieldResolver(() => BusinessHours, { description: 'Its working days and hours, in its time zone.' })
  businessHours(@Root() department: DepartmentRow): BusinessHours {
    return {
      days: department.businessDays,
      opensAt: formatClockTime(department.businessDayStart),
      closesAt: formatClockTime(department.businessDayEnd),
    };
  }

  @FieldResolver(() => Int, { description: 'Its tickets not yet resolved. Staff.' })
  async openTicketCount(@Root() department: DepartmentRow, @Ctx() ctx: Context): Promise<number> {
    return (await departmentCounts(ctx, department)).openTickets;
  }

  @FieldResolver(() => Int, { description: 'All its tickets. Staff.' })
  async ticketCount(@Root() department: DepartmentRow, @Ctx() ctx: Context): Promise<number> {
    return (await departmentCounts(ctx, department)).tickets;
  }

  @FieldResolver(() => Int, { description: 'Its active staff, managers and admins. Staff.' })
  async memberCount(@Root() department: DepartmentRow, @Ctx() ctx: Context): Promise<number> {
    return (await departmentCounts(ctx, department)).members;
  }

  @Mutation(() => Department, {
    description: 'Admins: a new department. Its time zone is the school’s and its hours Monday to Friday 09:00–17:00 unless given.',
  })
  createDepartment(
    @Arg('input', () => CreateDepartmentInput, { description: 'The department.' }) input: CreateDepartmentInput,
    @Ctx() ctx: Context,
  ) {
    return createDepartment(ctx, input);
  }

  @Mutation(() => Department, { description: 'Admins: rename a department, or change its short name, time zone or hours.' })
  updateDepartment(
    @Arg('input', () => UpdateDepartmentInput, { description: 'What to change.' }) input: UpdateDepartmentInput,
    @Ctx() ctx: Context,
  ) {
    return updateDepartment(ctx, input);
  }

  @Mutation(() => Department, {
    description:
      'Admins: archive a department. Students can no longer report to it and pickers leave it out; its tickets, categories and people stay, and staff still see them. The last department in use cannot be archived.',
  })
  archiveDepartment(@Arg('id', () => ID, { description: 'The department.' }) id: string, @Ctx() ctx: Context) {
    return archiveDepartment(ctx, id);
  }

  @Mutation(() => Department, { description: 'Admins: put an archived department back in use (not one that was merged).' })
  unarchiveDepartment(@Arg('id', () => ID, { description: 'The department.' }) id: string, @Ctx() ctx: Context) {
    return unarchiveDepartment(ctx, id);
  }

  @Mutation(() => MergeDepartmentsPayload, {
    description:
      'Admins: move everything of one department into another, in one transaction: tickets (each with a DEPARTMENT_CHANGED history entry) and their ratings, categories (renamed "Name (From)" on a clash), SLA targets for priorities the other has none for, articles, canned responses, incidents, members and invitations. The merged department stays, archived, with `mergedInto`, so its ID still resolves.',
  })
  mergeDepartments(
    @Arg('fromId', () => ID, { description: 'The department that goes away.' }) fromId: string,
    @Arg('intoId', () => ID, { description: 'The department in use that takes everything over.' }) intoId: string,
    @Ctx() ctx: Context,
  ) {
    return mergeDepartments(ctx, fromId, intoId);
  }
}

@Resolver(() => Category)
export class CategoryResolver {
  @Query(() => [Category], {
    description:
      'Every category a student can report under (active, in a department in use), alphabetically. Public; staff may ask for archived ones too.',
  })
  @MaxItems(LIST_MAXIMUM.categories)
  categories(
    @Arg('includeArchived', () => Boolean, INCLUDE_ARCHIVED) includeArchived: boolean,
    @Ctx() ctx: Context,
  ): Promise<CategoryRow[]> {
    return listCategories(ctx, includeArchived);
  }

  @FieldResolver(() => Department, { description: 'The department that handles it.' })
  async department(@Root() category: CategoryRow, @Ctx() ctx: Context) {
    return (await ctx.loaders.department.load(category.departmentId))!;
  }

  @FieldResolver(() => Boolean, { description: 'True once archived or merged: not offered for new reports; its tickets keep it.' })
  archived(@Root() category: CategoryRow): boolean {
    return !category.active;
  }

  @FieldResolver(() => Category, { nullable: true, description: 'The category it was merged into, if it was.' })
  mergedInto(@Root() category: CategoryRow, @Ctx() ctx: Context) {
    return category.mergedIntoId ? ctx.loaders.category.load(category.mergedIntoId) : null;
  }

  @Mutation(() => Category, { description: 'Admins, and managers for their own department: a new category.' })
  createCategory(
    @Arg('input', () => CreateCategoryInput, { description: 'The category.' }) input: CreateCategoryInput,
    @Ctx() ctx: Context,
  ) {
    return createCategory(ctx, input);
  }

  @Mutation(() => Category, {
    description: 'Admins, and managers for their own department: rename a category, or change its description or default priority.',
  })
  updateCategory(
    @Arg('input', () => UpdateCategoryInput, { description: 'What to change.' }) input: UpdateCategoryInput,
    @Ctx() ctx: Context,
  ) {
    return updateCategory(ctx, input);
  }

  @Mutation(() => Category, {
    description: 'Admins, and managers for their own department: stop offering a category for new reports. Its tickets keep it.',
  })
  archiveCategory(@Arg('id', () => ID, { description: 'The category.' }) id: string, @Ctx() ctx: Context) {
    return setCategoryArchived(ctx, id, true);
  }

  @Mutation(() => Category, {
    description: 'Admins, and managers for their own department: offer an archived category again (not a merged one).',
  })
  unarchiveCategory(@Arg('id', () => ID, { description: 'The category.' }) id: string, @Ctx() ctx: Context) {
    return setCategoryArchived(ctx, id, false);
  }

  @Mutation(() => MergeCategoriesPayload, {
    description:
      'Admins, and managers for their own department: move a category’s tickets (each with a CATEGORY_CHANGED history entry), articles, incidents and suggestions to another category, in this department or another (then the tickets and their ratings change department too). The merged category stays, archived, with `mergedInto`.',
  })
  mergeCategories(
    @Arg('fromId', () => ID, { description: 'The category that goes away.' }) fromId: string,
    @Arg('intoId', () => ID, { description: 'The category in use that takes its tickets.' }) intoId: string,
    @Ctx() ctx: Context,
  ) {
    return mergeCategories(ctx, fromId, intoId);
  }
}
