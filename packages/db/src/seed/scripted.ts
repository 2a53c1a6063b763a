// Helpers for hand-written stories (the demo student's tickets, incident tickets, tickets due
// soon): the same drafts and beats as the everyday population, with the words and times chosen.
import type { Priority, TicketChannel } from '../generated/prisma/client.js';
import type { People, Person } from './people.js';
import { type Random, uuidv7 } from './random.js';
import type { CategoryKey, School, SchoolDepartment } from './school.js';
import { Slots } from './stories.js';
import { dueTimes, Voice, type Beat, type TicketDraft } from './tickets.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface ScriptedDraft {
  category: CategoryKey;
  createdAt: number;
  student: Person;
  channel?: TicketChannel;
  priority?: Priority;
  title: string;
  description: string;
  expectedResolutionHours?: number;
  desiredOutcome?: string;
  trackingCode?: string;
}

export class ScriptKit {
  private readonly voice: Voice;
  private readonly noSlots: Slots;

  constructor(
    readonly random: Random,
    readonly school: School,
    readonly people: People,
    readonly now: number,
  ) {
    this.voice = new Voice(random);
    this.noSlots = new Slots(random, {});
  }

  /** `days` before today at a local Amsterdam time (taken as UTC+1); always in the past for days ≥ 1. */
  daysAgoAt(days: number, hour: number, minute: number): number {
    return Math.floor(this.now / DAY) * DAY - days * DAY + (hour - 1) * HOUR + minute * MINUTE;
  }

  /** `minutes` before now, in whole seconds. */
  minutesAgo(minutes: number): number {
    return Math.floor((this.now - minutes * MINUTE) / 1000) * 1000;
  }

  draft(spec: ScriptedDraft): TicketDraft {
    const category = this.school.category(spec.category);
    const department = category.department;
    const priority = spec.priority ?? category.defaultPriority;
    const channel = spec.channel ?? 'PORTAL';
    const guest = channel === 'GUEST';
    return {
      id: uuidv7(spec.createdAt),
      createdAt: spec.createdAt,
      ...dueTimes(department, priority, spec.createdAt),
      department,
      category,
      priority,
      channel,
      requester: guest ? null : spec.student,
      contact: {
        name: spec.student.name,
        firstName: spec.student.firstName,
        email: guest ? spec.student.personalEmail : spec.student.email,
        studentNumber: guest ? spec.student.studentNumber : null,
      },
      loggedBy: null,
      title: spec.title,
      description: spec.description,
      expectedResolutionHours: spec.expectedResolutionHours ?? null,
      desiredOutcome: spec.desiredOutcome ?? null,
      trackingCode: spec.trackingCode,
    };
  }

  /** The instant `minutes` of the ticket's SLA clock after it was created (working time unless URGENT). */
  clock(draft: TicketDraft): (minutes: number) => number {
    const policy = draft.department.policies[draft.priority];
    return (minutes) => draft.department.clock.after(draft.createdAt, minutes, policy.businessHoursOnly);
  }

  manager(slug: string): Person {
    return this.team(slug).managers[0] as Person;
  }

  /** The `index`-th staff member of a department (wrapping), for a stable cast of characters. */
  staff(slug: string, index: number): Person {
    const { staff } = this.team(slug);
    return staff[index % staff.length] as Person;
  }

  assign(at: number, by: Person, to: Person): Beat {
    return { at, kind: 'assign', by, to };
  }

  staffReply(draft: TicketDraft, at: number, by: Person, text: string, asks = false): Beat {
    return { at, kind: 'reply', by, fromStaff: true, asks, body: this.voice.staff(by, draft.department, draft, this.noSlots, text) };
  }

  studentReply(draft: TicketDraft, at: number, text: string): Beat {
    return { at, kind: 'reply', by: draft.requester, fromStaff: false, body: text };
  }

  note(at: number, by: Person, body: string): Beat {
    return { at, kind: 'note', by, body };
  }

  resolve(draft: TicketDraft, at: number, by: Person, text: string, predictedScore: number | null): Beat {
    return { at, kind: 'resolve', by, predictedScore, body: this.voice.resolution(by, draft.department, draft, this.noSlots, text) };
  }

  /** A student other than the demo student, chosen by the PRNG. */
  someStudent(): Person {
    const others = this.people.students.filter((student) => student !== this.people.demo.student);
    return others.length > 0 ? this.random.pick(others) : this.people.demo.student;
  }

  private team(slug: string): { staff: Person[]; managers: Person[] } {
    const department: SchoolDepartment = this.school.department(slug);
    const team = this.people.teams.get(department);
    if (!team || team.managers.length === 0 || team.staff.length === 0) throw new Error(`department ${slug} has no team`);
    return team;
  }
}
