// What a department and a category must be: checked by the API before anything is written and by
// the console's forms as they are submitted.
import type { FieldProblem } from './school.js';
import { isTimeZone } from './school.js';

export const DEPARTMENT_NAME_MAX = 80;
export const CATEGORY_NAME_MAX = 80;
export const CATEGORY_DESCRIPTION_MAX = 300;
export const SLUG_MAX = 40;

/** ISO weekdays, 1 = Monday … 7 = Sunday, as Department.businessDays keeps them. */
export const WEEKDAYS = [
  { day: 1, name: 'Monday' },
  { day: 2, name: 'Tuesday' },
  { day: 3, name: 'Wednesday' },
  { day: 4, name: 'Thursday' },
  { day: 5, name: 'Friday' },
  { day: 6, name: 'Saturday' },
  { day: 7, name: 'Sunday' },
] as const;

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
// 24:00 closes at midnight: a department open around the clock keeps 00:00–24:00.
const CLOCK_TIME = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;

/** "HH:MM" as minutes after midnight, or undefined when it is not such a time. */
export function parseClockTime(value: string): number | undefined {
  const match = CLOCK_TIME.exec(value);
  if (!match) return undefined;
  return match[1] === undefined ? 24 * 60 : Number(match[1]) * 60 + Number(match[2]);
}

/** Minutes after midnight as "HH:MM". */
export function formatClockTime(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** A URL-safe short name from a display name: "Library & Archives" → "library-archives". */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, SLUG_MAX)
    .replace(/-+$/, '');
  return slug || 'department';
}

export interface BusinessHoursInput {
  days: number[];
  opensAt: string;
  closesAt: string;
}

export interface DepartmentSettingsInput {
  name?: string | null;
  slug?: string | null;
  timeZone?: string | null;
  businessHours?: BusinessHoursInput | null;
}

export interface CategorySettingsInput {
  name?: string | null;
  description?: string | null;
}

const nameProblem = (name: string, max: number, what: string) =>
  name.trim().length < 1 || [...name.trim()].length > max ? `Give the ${what}’s name, 1 to ${max} characters.` : undefined;

/** Every problem of a department's settings by field; fields left out are not checked (an update keeps them). */
export function departmentProblems(input: DepartmentSettingsInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (field: string, message: string | undefined) => message && problems.push({ field, message });
  if (input.name !== undefined && input.name !== null) add('name', nameProblem(input.name, DEPARTMENT_NAME_MAX, 'department'));
  if (input.slug)
    add(
      'slug',
      SLUG.test(input.slug) && input.slug.length <= SLUG_MAX
        ? undefined
        : `The short name takes lowercase letters, digits and single hyphens, up to ${SLUG_MAX} characters (e.g. "library").`,
    );
  if (input.timeZone !== undefined && input.timeZone !== null)
    add('timeZone', isTimeZone(input.timeZone) ? undefined : 'Choose a time zone such as Europe/Amsterdam or America/New_York.');
  const hours = input.businessHours;
  if (hours) {
    const days = hours.days;
    add(
      'businessHours.days',
      days.length === 0 || days.some((day) => !Number.isInteger(day) || day < 1 || day > 7) || new Set(days).size !== days.length
        ? 'Choose at least one working day, each once (1 = Monday … 7 = Sunday).'
        : undefined,
    );
    const opens = parseClockTime(hours.opensAt);
    const closes = parseClockTime(hours.closesAt);
    add('businessHours.opensAt', opens === undefined || opens === 24 * 60 ? 'Give the opening time as HH:MM, e.g. 09:00.' : undefined);
    add('businessHours.closesAt', closes === undefined ? 'Give the closing time as HH:MM, e.g. 17:00 (24:00 for midnight).' : undefined);
    if (opens !== undefined && closes !== undefined && opens < 24 * 60 && opens >= closes)
      add('businessHours.closesAt', 'The closing time must be after the opening time.');
  }
  return problems;
}

export function categoryProblems(input: CategorySettingsInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (field: string, message: string | undefined) => message && problems.push({ field, message });
  if (input.name !== undefined && input.name !== null) add('name', nameProblem(input.name, CATEGORY_NAME_MAX, 'category'));
  if (input.description && [...input.description.trim()].length > CATEGORY_DESCRIPTION_MAX)
    add('description', `Keep the description to ${CATEGORY_DESCRIPTION_MAX} characters.`);
  return problems;
}
