import type { Department as DepartmentRow, Holiday as HolidayRow, SlaPolicy as SlaPolicyRow } from '@studentdesk/db';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context.js';
import { Department } from '../departments/department.type.js';
import { LIST_MAXIMUM, MaxItems } from '../limits/list-maximums.js';
import { PageArgs } from '../relay/pagination.js';
import * as holidays from './holiday.service.js';
import * as sla from './sla.service.js';
import {
  AddHolidayInput,
  Holiday,
  HolidayConnection,
  HolidayImport,
  HolidayImportInput,
  SetSlaPolicyInput,
  SlaPolicy,
} from './sla.type.js';

@Resolver(() => Department)
export class DepartmentServiceResolver {
  @FieldResolver(() => [SlaPolicy], { description: 'Staff: its SLA targets, one per priority that has any, most urgent first.' })
  @MaxItems(LIST_MAXIMUM.slaPoliciesPerDepartment)
  slaPolicies(@Root() department: DepartmentRow, @Ctx() ctx: Context): Promise<SlaPolicyRow[]> {
    return sla.listSlaPolicies(ctx, department);
  }
}

@Resolver(() => SlaPolicy)
export class SlaPolicyResolver {
  @Mutation(() => SlaPolicy, {
    description:
      "Managers (their department) and admins: set a priority's first-response and resolution targets. Tickets already reported keep their due times.",
  })
  setSlaPolicy(@Arg('input', () => SetSlaPolicyInput, { description: 'The targets.' }) input: SetSlaPolicyInput, @Ctx() ctx: Context) {
    return sla.setSlaPolicy(ctx, input);
  }

  @Mutation(() => SlaPolicy, {
    description: "Managers (their department) and admins: remove a priority's targets; new tickets of that priority get no due times.",
  })
  removeSlaPolicy(@Arg('id', () => ID, { description: 'The SLA policy.' }) id: string, @Ctx() ctx: Context) {
    return sla.removeSlaPolicy(ctx, id);
  }

  @FieldResolver(() => Department, { description: 'The department it belongs to.' })
  async department(@Root() row: SlaPolicyRow, @Ctx() ctx: Context) {
    return (await ctx.loaders.department.load(row.departmentId))!;
  }
}

@Resolver(() => Holiday)
export class HolidayResolver {
  @Query(() => HolidayConnection, {
    description: "Staff: a department's holidays together with the school-wide ones (without a department: the school-wide ones), by date.",
  })
  holidays(
    @Ctx() ctx: Context,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('departmentId', () => ID, { nullable: true, description: 'The department.' }) departmentId?: string | null,
    @Arg('from', () => String, { nullable: true, description: 'Only from this date on, "2026-01-01".' }) from?: string | null,
  ) {
    return holidays.listHolidays(ctx, departmentId, from, page);
  }

  @Mutation(() => Holiday, {
    description: 'Managers (their department) and admins (any department, or the whole school): close the desk on a date.',
  })
  addHoliday(@Arg('input', () => AddHolidayInput, { description: 'The day.' }) input: AddHolidayInput, @Ctx() ctx: Context) {
    return holidays.addHoliday(ctx, input);
  }

  @Mutation(() => Holiday, { description: 'Managers (their department) and admins: open the desk again on a holiday.' })
  removeHoliday(@Arg('id', () => ID, { description: 'The holiday.' }) id: string, @Ctx() ctx: Context) {
    return holidays.removeHoliday(ctx, id);
  }

  @Mutation(() => HolidayImport, {
    description:
      'Managers and admins: what importing an iCal feed would change, day by day, without writing anything. A mutation because it may fetch a URL.',
  })
  previewHolidayImport(
    @Arg('input', () => HolidayImportInput, { description: 'The feed.' }) input: HolidayImportInput,
    @Ctx() ctx: Context,
  ) {
    return holidays.previewHolidayImport(ctx, input);
  }

  @Mutation(() => HolidayImport, {
    description:
      "Managers and admins: import an iCal feed's all-day events as holidays, in one transaction. Importing the same feed again changes only what changed in it (events are matched by UID).",
  })
  importHolidays(@Arg('input', () => HolidayImportInput, { description: 'The feed.' }) input: HolidayImportInput, @Ctx() ctx: Context) {
    return holidays.importHolidays(ctx, input);
  }

  @FieldResolver(() => String, { description: 'The local date, "2026-12-25".' })
  date(@Root() row: HolidayRow): string {
    return holidays.holidayDate(row);
  }

  @FieldResolver(() => Boolean, { description: 'True when it came from an iCal feed.' })
  imported(@Root() row: HolidayRow): boolean {
    return row.uid !== null;
  }

  @FieldResolver(() => Department, { nullable: true, description: 'The department that is closed; null when the whole school is.' })
  department(@Root() row: HolidayRow, @Ctx() ctx: Context) {
    return row.departmentId ? ctx.loaders.department.load(row.departmentId) : null;
  }
}
