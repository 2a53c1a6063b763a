import { Priority } from '@studentdesk/db';
import { CATEGORY_DESCRIPTION_MAX, CATEGORY_NAME_MAX, DEPARTMENT_NAME_MAX, SLUG_MAX } from '@studentdesk/domain';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { LIST_MAXIMUM, MaxItems } from '../limits/list-maximums.js';
import { Node } from '../relay/relay.types.js';

@ObjectType({ description: 'When a department works: SLA clocks that count business hours run only then.' })
export class BusinessHours {
  @Field(() => [Int], { description: 'ISO weekdays it works, 1 = Monday … 7 = Sunday, in order.' })
  days!: number[];

  @Field(() => String, { description: 'Opening time, HH:MM in the department’s time zone.' })
  opensAt!: string;

  @Field(() => String, { description: 'Closing time, HH:MM in the department’s time zone; 24:00 is midnight.' })
  closesAt!: string;
}

@ObjectType({ implements: Node, description: 'A part of the school that resolves tickets, e.g. IT or Financial Aid.' })
export class Department extends Node {
  @Field(() => String, { description: 'Name shown to students.' })
  name!: string;

  @Field(() => String, { description: 'Stable short name for URLs and integrations, e.g. "it".' })
  slug!: string;

  @Field(() => String, { description: 'IANA time zone in which the department keeps business hours.' })
  timeZone!: string;

  @Field(() => Date, {
    nullable: true,
    description: 'When it was archived (or merged); null while in use. Archived departments are not offered for new reports.',
  })
  archivedAt!: Date | null;
}

@ObjectType({ implements: Node, description: 'A kind of problem a student can report; it decides the department.' })
export class Category extends Node {
  @Field(() => String, { description: 'Name shown to students, e.g. "Login & accounts".' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'What belongs in this category, in a sentence.' })
  description!: string | null;

  @Field(() => Priority, { description: 'Priority a new ticket in this category starts with.' })
  defaultPriority!: Priority;
}

@InputType({ description: 'Working days and hours of a department.' })
export class BusinessHoursInput {
  @Field(() => [Int], { description: 'ISO weekdays, 1 = Monday … 7 = Sunday; at least one, each once.' })
  days!: number[];

  @Field(() => String, { description: 'Opening time, HH:MM (00:00–23:59).' })
  opensAt!: string;

  @Field(() => String, { description: 'Closing time, HH:MM after the opening time; 24:00 for midnight.' })
  closesAt!: string;
}

@InputType({ description: 'A new department.' })
export class CreateDepartmentInput {
  @Field(() => String, { description: `Name shown to students, 1 to ${DEPARTMENT_NAME_MAX} characters, unique (without regard to case).` })
  name!: string;

  @Field(() => String, {
    nullable: true,
    description: `Short name for URLs and integrations (lowercase letters, digits, hyphens, up to ${SLUG_MAX}); derived from the name when left out.`,
  })
  slug?: string | null;

  @Field(() => String, { nullable: true, description: 'IANA time zone; the school’s when left out.' })
  timeZone?: string | null;

  @Field(() => BusinessHoursInput, { nullable: true, description: 'Working days and hours; Monday to Friday, 09:00–17:00 when left out.' })
  businessHours?: BusinessHoursInput | null;
}

@InputType({ description: 'What to change about a department; fields left out stay as they are.' })
export class UpdateDepartmentInput {
  @Field(() => ID, { description: 'The department.' })
  id!: string;

  @Field(() => String, { nullable: true, description: `A new name, 1 to ${DEPARTMENT_NAME_MAX} characters, unique.` })
  name?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'A new short name. Renaming keeps the short name unless this is given: integrations may use it.',
  })
  slug?: string | null;

  @Field(() => String, { nullable: true, description: 'A new IANA time zone.' })
  timeZone?: string | null;

  @Field(() => BusinessHoursInput, { nullable: true, description: 'New working days and hours.' })
  businessHours?: BusinessHoursInput | null;
}

@InputType({ description: 'A new category.' })
export class CreateCategoryInput {
  @Field(() => ID, { description: 'The department that handles its tickets.' })
  departmentId!: string;

  @Field(() => String, { description: `Name shown to students, 1 to ${CATEGORY_NAME_MAX} characters, unique in the department.` })
  name!: string;

  @Field(() => String, { nullable: true, description: `What belongs in it, up to ${CATEGORY_DESCRIPTION_MAX} characters.` })
  description?: string | null;

  @Field(() => Priority, { nullable: true, description: 'Priority its new tickets start with; NORMAL when left out.' })
  defaultPriority?: Priority | null;
}

@InputType({ description: 'What to change about a category; fields left out stay as they are.' })
export class UpdateCategoryInput {
  @Field(() => ID, { description: 'The category.' })
  id!: string;

  @Field(() => String, { nullable: true, description: `A new name, 1 to ${CATEGORY_NAME_MAX} characters, unique in the department.` })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'A new description; an empty one removes it.' })
  description?: string | null;

  @Field(() => Priority, { nullable: true, description: 'A new default priority (for tickets reported from now on).' })
  defaultPriority?: Priority | null;
}

@ObjectType({ description: 'What a department merge did.' })
export class MergeDepartmentsPayload {
  @Field(() => Department, { description: 'The merged department: archived, its `mergedInto` names where everything went.' })
  from!: Department;

  @Field(() => Department, { description: 'The department that took everything over.' })
  into!: Department;

  @Field(() => Int, { description: 'How many tickets moved; each has a DEPARTMENT_CHANGED entry in its history.' })
  movedTickets!: number;

  @Field(() => [Category], {
    description: 'Categories that moved under a new name because `into` had one of the same name (the first 50, alphabetically).',
  })
  @MaxItems(LIST_MAXIMUM.categoriesPerDepartment)
  renamedCategories!: Category[];
}

@ObjectType({ description: 'What a category merge did.' })
export class MergeCategoriesPayload {
  @Field(() => Category, { description: 'The merged category: archived, its `mergedInto` names where its tickets went.' })
  from!: Category;

  @Field(() => Category, { description: 'The category that took its tickets, articles, incidents and suggestions.' })
  into!: Category;

  @Field(() => Int, { description: 'How many tickets moved; each has a CATEGORY_CHANGED entry in its history.' })
  movedTickets!: number;
}
