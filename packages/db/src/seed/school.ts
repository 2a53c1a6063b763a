// The demo school's structure: departments with their calendars, categories, SLA policies, and how
// well each department actually serves students (so dashboards show real differences).
import type { BusinessCalendar } from '../business-hours.js';
import { Priority, type Prisma } from '../generated/prisma/client.js';
import { WorkingClock } from './clock.js';
import { uuidv7 } from './random.js';

const DAY = 24 * 60 * 60_000;

/** How a department really performs; the stories in tickets.ts draw from it. */
export interface ServiceProfile {
  /** Share of tickets whose first public reply comes after the target. */
  lateFirstResponse: number;
  /** Share of tickets resolved after the resolution target. */
  lateResolution: number;
  /** Typical share of the target that on-time work uses (lower is faster). */
  pace: number;
  /** Shifts students' scores beyond what timing explains (+ happier, − grumpier). */
  satisfaction: number;
  /** How far staff over-predict the student's score on average: the perception gap. */
  optimism: number;
}

/** Minutes to first response and to resolution. */
interface SlaTarget {
  firstResponse: number;
  resolution: number;
}

export type CategoryKey =
  | 'it.login'
  | 'it.wifi'
  | 'it.lms'
  | 'it.email'
  | 'it.software'
  | 'registrar.enrolment'
  | 'registrar.transcripts'
  | 'registrar.exams'
  | 'registrar.grades'
  | 'registrar.letters'
  | 'finaid.invoice'
  | 'finaid.scholarships'
  | 'finaid.paymentPlans'
  | 'finaid.refunds'
  | 'library.loans'
  | 'library.rooms'
  | 'library.eresources'
  | 'library.printing'
  | 'housing.maintenance'
  | 'housing.keys'
  | 'housing.allocation'
  | 'housing.neighbours'
  | 'housing.rent'
  | 'services.wellbeing'
  | 'services.accessibility'
  | 'services.visa'
  | 'services.careers'
  | 'services.studentCard';

interface CategoryDefinition {
  key: CategoryKey;
  name: string;
  description: string;
  defaultPriority: Priority;
  /** Relative ticket volume within the department. */
  share: number;
}

interface DepartmentDefinition {
  slug: string;
  name: string;
  /** How staff sign their replies. */
  team: string;
  calendar: BusinessCalendar;
  /** Share of all tickets. */
  share: number;
  /** Staff and managers at scale 1 (the first is the manager). */
  staff: number;
  service: ServiceProfile;
  sla: Record<Priority, SlaTarget>;
  categories: CategoryDefinition[];
}

const AMSTERDAM = 'Europe/Amsterdam';
const WEEKDAYS = [1, 2, 3, 4, 5];
const HOUR = 60;

/** Mail to these becomes a ticket in the department (apps/api/src/mail-in/). */
const INBOUND_ADDRESSES: Record<string, string> = { it: 'it@studentdesk.demo', 'financial-aid': 'finaid@studentdesk.demo' };

const DEPARTMENTS: DepartmentDefinition[] = [
  {
    slug: 'it',
    name: 'IT',
    team: 'IT Service Desk',
    calendar: { timeZone: AMSTERDAM, businessDayStart: 8 * HOUR, businessDayEnd: 18 * HOUR, businessDays: WEEKDAYS },
    share: 34,
    staff: 6,
    service: { lateFirstResponse: 0.08, lateResolution: 0.1, pace: 0.4, satisfaction: 0.05, optimism: 0.25 },
    sla: {
      URGENT: { firstResponse: 30, resolution: 4 * HOUR },
      HIGH: { firstResponse: 1 * HOUR, resolution: 8 * HOUR },
      NORMAL: { firstResponse: 4 * HOUR, resolution: 24 * HOUR },
      LOW: { firstResponse: 8 * HOUR, resolution: 40 * HOUR },
    },
    categories: [
      {
        key: 'it.login',
        name: 'Login & accounts',
        description: 'Signing in, passwords, multi-factor authentication, locked accounts.',
        defaultPriority: 'HIGH',
        share: 30,
      },
      {
        key: 'it.wifi',
        name: 'Wi-Fi & network',
        description: 'eduroam, campus Wi-Fi, network in the residences, VPN.',
        defaultPriority: 'NORMAL',
        share: 22,
      },
      {
        key: 'it.lms',
        name: 'LMS & course tools',
        description: 'The learning platform, course pages, assignment upload, online exams.',
        defaultPriority: 'NORMAL',
        share: 24,
      },
      {
        key: 'it.email',
        name: 'Email',
        description: 'Student mailbox, forwarding, spam and phishing.',
        defaultPriority: 'NORMAL',
        share: 12,
      },
      {
        key: 'it.software',
        name: 'Software & licences',
        description: 'Office, statistics and design software, licence activation.',
        defaultPriority: 'LOW',
        share: 12,
      },
    ],
  },
  {
    slug: 'registrar',
    name: 'Registrar',
    team: "Registrar's Office",
    calendar: { timeZone: AMSTERDAM, businessDayStart: 9 * HOUR, businessDayEnd: 17 * HOUR, businessDays: WEEKDAYS },
    share: 16,
    staff: 4,
    service: { lateFirstResponse: 0.1, lateResolution: 0.13, pace: 0.5, satisfaction: 0, optimism: 0.3 },
    sla: {
      URGENT: { firstResponse: 1 * HOUR, resolution: 8 * HOUR },
      HIGH: { firstResponse: 2 * HOUR, resolution: 16 * HOUR },
      NORMAL: { firstResponse: 8 * HOUR, resolution: 40 * HOUR },
      LOW: { firstResponse: 16 * HOUR, resolution: 80 * HOUR },
    },
    categories: [
      {
        key: 'registrar.enrolment',
        name: 'Enrolment',
        description: 'Registering for a programme, courses or a minor; re-enrolment.',
        defaultPriority: 'NORMAL',
        share: 28,
      },
      {
        key: 'registrar.transcripts',
        name: 'Transcripts',
        description: 'Official and unofficial transcripts, diploma supplements.',
        defaultPriority: 'NORMAL',
        share: 24,
      },
      {
        key: 'registrar.exams',
        name: 'Exam schedule',
        description: 'Exam dates, clashes, resits and exam registration.',
        defaultPriority: 'NORMAL',
        share: 24,
      },
      {
        key: 'registrar.grades',
        name: 'Grades & appeals',
        description: 'Missing grades, grade corrections and appeal deadlines.',
        defaultPriority: 'NORMAL',
        share: 14,
      },
      {
        key: 'registrar.letters',
        name: 'Enrolment letters & certificates',
        description: 'Proof of enrolment for banks, insurers, embassies.',
        defaultPriority: 'LOW',
        share: 10,
      },
    ],
  },
  {
    slug: 'financial-aid',
    name: 'Financial Aid',
    team: 'Financial Aid Office',
    calendar: { timeZone: AMSTERDAM, businessDayStart: 9 * HOUR, businessDayEnd: 16 * HOUR + 30, businessDays: WEEKDAYS },
    share: 18,
    staff: 4,
    // The slowest office, and the one whose staff most overrate how students feel about it.
    service: { lateFirstResponse: 0.2, lateResolution: 0.22, pace: 0.65, satisfaction: -0.35, optimism: 0.85 },
    sla: {
      URGENT: { firstResponse: 1 * HOUR, resolution: 8 * HOUR },
      HIGH: { firstResponse: 4 * HOUR, resolution: 24 * HOUR },
      NORMAL: { firstResponse: 8 * HOUR, resolution: 48 * HOUR },
      LOW: { firstResponse: 16 * HOUR, resolution: 80 * HOUR },
    },
    categories: [
      {
        key: 'finaid.invoice',
        name: 'Fee or invoice is wrong',
        description: 'Tuition invoices, double charges, late fees.',
        defaultPriority: 'NORMAL',
        share: 36,
      },
      {
        key: 'finaid.scholarships',
        name: 'Scholarships & grants',
        description: 'Applying for and receiving scholarships, grants and hardship funds.',
        defaultPriority: 'NORMAL',
        share: 24,
      },
      {
        key: 'finaid.paymentPlans',
        name: 'Payment plans',
        description: 'Paying tuition in instalments, changing a direct debit.',
        defaultPriority: 'NORMAL',
        share: 22,
      },
      {
        key: 'finaid.refunds',
        name: 'Refunds',
        description: 'Refunds after withdrawal, overpayment or a cancelled course.',
        defaultPriority: 'NORMAL',
        share: 18,
      },
    ],
  },
  {
    slug: 'library',
    name: 'Library',
    team: 'Library Help Desk',
    // Open late and on Saturdays.
    calendar: { timeZone: AMSTERDAM, businessDayStart: 9 * HOUR, businessDayEnd: 20 * HOUR, businessDays: [1, 2, 3, 4, 5, 6] },
    share: 9,
    staff: 3,
    // Generous targets, met almost always: the department that shows what good looks like.
    service: { lateFirstResponse: 0.03, lateResolution: 0.04, pace: 0.3, satisfaction: 0.45, optimism: -0.05 },
    sla: {
      URGENT: { firstResponse: 1 * HOUR, resolution: 8 * HOUR },
      HIGH: { firstResponse: 4 * HOUR, resolution: 16 * HOUR },
      NORMAL: { firstResponse: 8 * HOUR, resolution: 40 * HOUR },
      LOW: { firstResponse: 16 * HOUR, resolution: 80 * HOUR },
    },
    categories: [
      {
        key: 'library.loans',
        name: 'Loans, renewals & fines',
        description: 'Borrowing, renewing, reservations and fines.',
        defaultPriority: 'LOW',
        share: 30,
      },
      {
        key: 'library.rooms',
        name: 'Study room booking',
        description: 'Booking group study rooms and silent study places.',
        defaultPriority: 'LOW',
        share: 22,
      },
      {
        key: 'library.eresources',
        name: 'E-journals & databases',
        description: 'Off-campus access to journals, databases and e-books.',
        defaultPriority: 'NORMAL',
        share: 28,
      },
      {
        key: 'library.printing',
        name: 'Printing & scanning',
        description: 'Print credit, printers and scanners in the library.',
        defaultPriority: 'NORMAL',
        share: 20,
      },
    ],
  },
  {
    slug: 'housing',
    name: 'Housing',
    team: 'Student Housing',
    calendar: { timeZone: AMSTERDAM, businessDayStart: 8 * HOUR + 30, businessDayEnd: 17 * HOUR + 30, businessDays: WEEKDAYS },
    share: 12,
    staff: 4,
    service: { lateFirstResponse: 0.12, lateResolution: 0.16, pace: 0.55, satisfaction: -0.1, optimism: 0.3 },
    sla: {
      URGENT: { firstResponse: 30, resolution: 4 * HOUR },
      HIGH: { firstResponse: 2 * HOUR, resolution: 8 * HOUR },
      NORMAL: { firstResponse: 4 * HOUR, resolution: 32 * HOUR },
      LOW: { firstResponse: 8 * HOUR, resolution: 64 * HOUR },
    },
    categories: [
      {
        key: 'housing.maintenance',
        name: 'Maintenance & repairs',
        description: 'Heating, water, electricity, broken furniture in your room.',
        defaultPriority: 'NORMAL',
        share: 40,
      },
      {
        key: 'housing.keys',
        name: 'Keys & access cards',
        description: 'Locked out, lost keys, access cards that stopped working.',
        defaultPriority: 'HIGH',
        share: 18,
      },
      {
        key: 'housing.allocation',
        name: 'Room allocation & moving',
        description: 'Room offers, swaps, moving in and out.',
        defaultPriority: 'LOW',
        share: 16,
      },
      {
        key: 'housing.neighbours',
        name: 'Noise & neighbours',
        description: 'Noise, shared kitchens, house rules.',
        defaultPriority: 'LOW',
        share: 12,
      },
      {
        key: 'housing.rent',
        name: 'Rent & deposit',
        description: 'Rent payments, deposit returns, service costs.',
        defaultPriority: 'NORMAL',
        share: 14,
      },
    ],
  },
  {
    slug: 'student-services',
    name: 'Student Services',
    team: 'Student Services',
    calendar: { timeZone: AMSTERDAM, businessDayStart: 9 * HOUR, businessDayEnd: 17 * HOUR, businessDays: WEEKDAYS },
    share: 11,
    staff: 4,
    service: { lateFirstResponse: 0.06, lateResolution: 0.08, pace: 0.45, satisfaction: 0.2, optimism: 0.15 },
    sla: {
      URGENT: { firstResponse: 30, resolution: 4 * HOUR },
      HIGH: { firstResponse: 2 * HOUR, resolution: 16 * HOUR },
      NORMAL: { firstResponse: 8 * HOUR, resolution: 40 * HOUR },
      LOW: { firstResponse: 16 * HOUR, resolution: 80 * HOUR },
    },
    categories: [
      {
        key: 'services.wellbeing',
        name: 'Wellbeing & counselling',
        description: 'Talking to a student counsellor, stress, personal circumstances.',
        defaultPriority: 'HIGH',
        share: 20,
      },
      {
        key: 'services.accessibility',
        name: 'Accessibility & exam arrangements',
        description: 'Extra exam time, assistive software, accessible rooms.',
        defaultPriority: 'NORMAL',
        share: 22,
      },
      {
        key: 'services.visa',
        name: 'Visa & residence permit',
        description: 'Residence permits, visa extensions, municipality registration.',
        defaultPriority: 'NORMAL',
        share: 24,
      },
      {
        key: 'services.careers',
        name: 'Careers & internships',
        description: 'CV checks, internship agreements, career appointments.',
        defaultPriority: 'LOW',
        share: 16,
      },
      {
        key: 'services.studentCard',
        name: 'Student card',
        description: 'Lost, broken or missing student cards and photos.',
        defaultPriority: 'LOW',
        share: 18,
      },
    ],
  },
];

export interface SchoolCategory {
  id: string;
  key: CategoryKey;
  name: string;
  defaultPriority: Priority;
  share: number;
  department: SchoolDepartment;
}

export interface SchoolPolicy {
  firstResponseMinutes: number;
  resolutionMinutes: number;
  businessHoursOnly: boolean;
}

export interface SchoolDepartment {
  id: string;
  slug: string;
  name: string;
  team: string;
  calendar: BusinessCalendar;
  share: number;
  staffAtScaleOne: number;
  service: ServiceProfile;
  policies: Record<Priority, SchoolPolicy>;
  categories: SchoolCategory[];
  clock: WorkingClock;
}

export interface School {
  departments: SchoolDepartment[];
  department: (slug: string) => SchoolDepartment;
  category: (key: CategoryKey) => SchoolCategory;
  rows: {
    departments: Prisma.DepartmentCreateManyInput[];
    categories: Prisma.CategoryCreateManyInput[];
    slaPolicies: Prisma.SlaPolicyCreateManyInput[];
  };
}

/**
 * Builds the departments, categories and SLA policies. `window` bounds the tickets' lives, so each
 * department's working clock learns exactly the days it will be asked about.
 */
export function buildSchool(now: Date, window: { from: Date; until: Date }): School {
  const founded = now.getTime() - 3 * 365 * DAY;
  const rows: School['rows'] = { departments: [], categories: [], slaPolicies: [] };
  const departments: SchoolDepartment[] = [];
  const categories = new Map<CategoryKey, SchoolCategory>();

  DEPARTMENTS.forEach((definition, index) => {
    const createdAt = new Date(founded + index * 60_000);
    const policies = {} as Record<Priority, SchoolPolicy>;
    for (const priority of Object.values(Priority)) {
      const target = definition.sla[priority];
      // URGENT clocks run around the clock: a locked-out student at 22:00 cannot wait for Monday.
      policies[priority] = {
        firstResponseMinutes: target.firstResponse,
        resolutionMinutes: target.resolution,
        businessHoursOnly: priority !== 'URGENT',
      };
    }
    const department: SchoolDepartment = {
      id: uuidv7(createdAt.getTime()),
      slug: definition.slug,
      name: definition.name,
      team: definition.team,
      calendar: definition.calendar,
      share: definition.share,
      staffAtScaleOne: definition.staff,
      service: definition.service,
      policies,
      categories: [],
      clock: new WorkingClock(definition.calendar, window.from, window.until),
    };
    departments.push(department);
    rows.departments.push({
      id: department.id,
      name: department.name,
      slug: department.slug,
      timeZone: definition.calendar.timeZone,
      businessDayStart: definition.calendar.businessDayStart,
      businessDayEnd: definition.calendar.businessDayEnd,
      businessDays: definition.calendar.businessDays,
      inboundAddress: INBOUND_ADDRESSES[definition.slug] ?? null,
      createdAt,
    });
    for (const priority of Object.values(Priority)) {
      const policy = policies[priority];
      rows.slaPolicies.push({ id: uuidv7(createdAt.getTime()), departmentId: department.id, priority, ...policy, createdAt });
    }
    for (const category of definition.categories) {
      const seeded: SchoolCategory = {
        id: uuidv7(createdAt.getTime()),
        key: category.key,
        name: category.name,
        defaultPriority: category.defaultPriority,
        share: category.share,
        department,
      };
      department.categories.push(seeded);
      categories.set(category.key, seeded);
      rows.categories.push({
        id: seeded.id,
        name: category.name,
        description: category.description,
        departmentId: department.id,
        defaultPriority: category.defaultPriority,
        createdAt,
      });
    }
  });

  return {
    departments,
    rows,
    department(slug) {
      const found = departments.find((department) => department.slug === slug);
      if (!found) throw new Error(`no department "${slug}" in the demo school`);
      return found;
    },
    category(key) {
      const found = categories.get(key);
      if (!found) throw new Error(`no category "${key}" in the demo school`);
      return found;
    },
  };
}
