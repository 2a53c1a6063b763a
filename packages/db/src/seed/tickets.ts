// Ticket stories. Every ticket is a draft (what the student reported) plus beats (what happened
// next, in time order). `tell` replays the beats up to `now` and writes what a real desk would
// have stored: the ticket with its derived fields, messages, the audit events, the rating and the
// tracking code. Because everything derives from one replay, the invariants hold by construction:
// firstRespondedAt is the first public staff reply, events chain from status to status, ratings
// come after resolution, and breaches are recorded when the due time passes.
import { createHash, randomBytes } from 'node:crypto';
import { addSlaMinutes } from '../business-hours.js';
import type { ExpectationOutcome, Prisma, Priority, TicketChannel, TicketStatus } from '../generated/prisma/client.js';
import { TicketEventType } from '../generated/prisma/enums.js';
import type { DepartmentTeam, People, Person } from './people.js';
import { type Random, WeightedPool, uuidv7 } from './random.js';
import type { School, SchoolCategory, SchoolDepartment } from './school.js';
import {
  INTERNAL_NOTES,
  PROBLEMS,
  RATING_COMMENTS,
  STAFF_ACKNOWLEDGEMENTS,
  STAFF_AFTER_REOPEN,
  STAFF_CLOSING,
  STAFF_UPDATES,
  STUDENT_ADDITIONS,
  STUDENT_CONTEXT,
  STUDENT_FOLLOW_UPS,
  STUDENT_REOPEN,
  Slots,
  type Problem,
} from './stories.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Resolved tickets close themselves after a week, as the desk's policy says. */
export const AUTO_CLOSE_AFTER = 7 * DAY;
/** The survey reminder goes out once, two days after resolution. */
const RATING_REMINDER_AFTER = 2 * DAY;

export interface TicketDraft {
  id: string;
  createdAt: number;
  department: SchoolDepartment;
  category: SchoolCategory;
  priority: Priority;
  channel: TicketChannel;
  /** The signed-in student; null for guest reports and integrations that do not know them. */
  requester: Person | null;
  /** Whose name and address are on the ticket (for guests, the student's private address). */
  contact: { name: string; firstName: string; email: string; studentNumber: string | null };
  /** Staff who typed in a walk-in or phone report (CONSOLE). */
  loggedBy: Person | null;
  title: string;
  description: string;
  expectedResolutionHours: number | null;
  desiredOutcome: string | null;
  /** Due times from the department's SLA policy for this priority (see dueTimes). */
  firstResponseDue: number;
  resolutionDue: number;
  /** The plain tracking code when it must be known (the demo guest ticket); others get a random one. */
  trackingCode?: string;
}

/** The SLA due times of a ticket: the policy for its priority, on its department's calendar. */
export function dueTimes(
  department: SchoolDepartment,
  priority: Priority,
  createdAt: number,
): { firstResponseDue: number; resolutionDue: number } {
  const policy = department.policies[priority];
  const created = new Date(createdAt);
  return {
    firstResponseDue: addSlaMinutes(created, policy.firstResponseMinutes, department.calendar, policy.businessHoursOnly).getTime(),
    resolutionDue: addSlaMinutes(created, policy.resolutionMinutes, department.calendar, policy.businessHoursOnly).getTime(),
  };
}

export type Beat =
  | { at: number; kind: 'assign'; by: Person; to: Person }
  /** A public message. Staff asking something puts the ticket in WAITING_ON_STUDENT. */
  | { at: number; kind: 'reply'; by: Person | null; fromStaff: boolean; body: string; asks?: boolean }
  | { at: number; kind: 'note'; by: Person; body: string }
  | { at: number; kind: 'resolve'; by: Person; body: string; predictedScore: number | null }
  | { at: number; kind: 'reopen'; by: Person | null; body: string }
  | { at: number; kind: 'link'; by: Person; incidentId: string }
  | { at: number; kind: 'rate'; score: number; comment: string | null; expectation: ExpectationOutcome }
  | { at: number; kind: 'remind' }
  | { at: number; kind: 'close' };

export interface Story {
  draft: TicketDraft;
  beats: Beat[];
  /** Scripted demo tickets must end in this status; seeding fails loudly if they do not. */
  expect?: TicketStatus;
}

/** Rows collected for one insert round. */
export class TicketBatch {
  tickets: Prisma.TicketCreateManyInput[] = [];
  trackingCodes: Prisma.TrackingCodeCreateManyInput[] = [];
  messages: Prisma.MessageCreateManyInput[] = [];
  events: Prisma.TicketEventCreateManyInput[] = [];
  ratings: Prisma.RatingCreateManyInput[] = [];
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Replays a story up to `now` into `batch` as ticket number `number`; returns the final status.
 * Beats after `now` have not happened yet and are dropped.
 */
export function tell(story: Story, number: number, now: number, batch: TicketBatch): TicketStatus {
  const { draft } = story;
  const ticketId = draft.id;
  const created = new Date(draft.createdAt);
  const { firstResponseDue, resolutionDue } = draft;

  let status = 'NEW' as TicketStatus;
  let last = draft.createdAt;
  let assigneeId: string | null = null;
  let incidentId: string | null = null;
  let firstRespondedAt: number | null = null;
  let resolvedAt: number | null = null;
  let resolvedById: string | null = null;
  let predictedScore: number | null = null;
  let closedAt: number | null = null;
  let escalatedAt: number | null = null;
  let waitingSince: number | null = null;
  let reminderSentAt: number | null = null;
  let rated = false;
  let firstResponseBreached = false;
  let resolutionBreached = false;

  const event = (
    at: number,
    type: TicketEventType,
    actor: Person | null,
    detail?: Prisma.InputJsonObject,
    toStatus?: TicketStatus,
  ): void => {
    batch.events.push({
      id: uuidv7(at),
      ticketId,
      actorId: actor?.id ?? null,
      type,
      fromStatus: toStatus && type !== TicketEventType.CREATED ? status : null,
      toStatus: toStatus ?? null,
      detail,
      createdAt: new Date(at),
      // Demo history: automation rules act on what happens from now on, not on the past.
      automationCheckedAt: new Date(at),
    });
    if (toStatus && toStatus !== status) waitingSince = toStatus === 'WAITING_ON_STUDENT' ? at : null;
    if (toStatus) status = toStatus;
    last = at;
  };
  const message = (at: number, author: Person | null, body: string, internal: boolean): string => {
    const id = uuidv7(at);
    batch.messages.push({ id, ticketId, authorId: author?.id ?? null, body, internal, createdAt: new Date(at) });
    return id;
  };
  // A breach is recorded when its due time passes while the ticket still owes that response.
  const recordBreaches = (until: number): void => {
    if (!firstResponseBreached && firstRespondedAt === null && firstResponseDue > last && firstResponseDue <= until) {
      firstResponseBreached = true;
      escalatedAt = firstResponseDue;
      event(firstResponseDue, TicketEventType.SLA_BREACHED, null, { target: 'FIRST_RESPONSE' });
    }
    const unresolved = status !== 'RESOLVED' && status !== 'CLOSED';
    if (!resolutionBreached && unresolved && resolutionDue > last && resolutionDue <= until) {
      resolutionBreached = true;
      escalatedAt = resolutionDue;
      event(resolutionDue, TicketEventType.SLA_BREACHED, null, { target: 'RESOLUTION' });
    }
  };

  event(draft.createdAt, TicketEventType.CREATED, draft.requester ?? draft.loggedBy, { channel: draft.channel }, 'NEW');
  const beats = [...story.beats].sort((a, b) => a.at - b.at);
  for (const beat of beats) {
    if (Math.max(beat.at, last + 1) > now) break;
    recordBreaches(beat.at);
    // Whole milliseconds, as the database stores them, and strictly after the previous event.
    const at = Math.floor(Math.max(beat.at, last + 1));
    switch (beat.kind) {
      case 'assign':
        assigneeId = beat.to.id;
        event(at, TicketEventType.ASSIGNED, beat.by, { assigneeId: beat.to.id, assigneeName: beat.to.name });
        break;
      case 'reply': {
        const messageId = message(at, beat.by, beat.body, false);
        event(at, TicketEventType.REPLIED, beat.by, { messageId });
        if (beat.fromStaff) {
          firstRespondedAt ??= at;
          if (beat.asks && status !== 'WAITING_ON_STUDENT')
            event(at + 1, TicketEventType.STATUS_CHANGED, beat.by, undefined, 'WAITING_ON_STUDENT');
          else if (!beat.asks && status === 'NEW') event(at + 1, TicketEventType.STATUS_CHANGED, beat.by, undefined, 'OPEN');
        } else if (status === 'WAITING_ON_STUDENT') {
          event(at + 1, TicketEventType.STATUS_CHANGED, beat.by, undefined, 'OPEN');
        }
        break;
      }
      case 'note': {
        const messageId = message(at, beat.by, beat.body, true);
        event(at, TicketEventType.NOTE_ADDED, beat.by, { messageId });
        break;
      }
      case 'resolve': {
        const messageId = message(at, beat.by, beat.body, false);
        firstRespondedAt ??= at;
        event(at, TicketEventType.REPLIED, beat.by, { messageId });
        resolvedAt = at + 1;
        resolvedById = beat.by.id;
        predictedScore = beat.predictedScore;
        event(
          at + 1,
          TicketEventType.RESOLVED,
          beat.by,
          beat.predictedScore === null ? undefined : { predictedScore: beat.predictedScore },
          'RESOLVED',
        );
        break;
      }
      case 'reopen': {
        const messageId = message(at, beat.by, beat.body, false);
        event(at, TicketEventType.REPLIED, beat.by, { messageId });
        resolvedAt = null;
        resolvedById = null;
        predictedScore = null;
        event(at + 1, TicketEventType.REOPENED, beat.by, undefined, 'OPEN');
        break;
      }
      case 'link':
        incidentId = beat.incidentId;
        event(at, TicketEventType.INCIDENT_LINKED, beat.by, { incidentId: beat.incidentId });
        break;
      case 'rate':
        if (resolvedAt === null || rated) throw new Error(`ticket "${draft.title}" is rated while not resolved`);
        rated = true;
        batch.ratings.push({
          id: uuidv7(at),
          ticketId,
          score: beat.score,
          comment: beat.comment,
          expectation: beat.expectation,
          predictedScore,
          departmentId: draft.department.id,
          staffId: resolvedById,
          ratedById: draft.requester?.id ?? null,
          createdAt: new Date(at),
        });
        event(at, TicketEventType.RATED, draft.requester, { score: beat.score });
        break;
      case 'remind':
        if (!rated) reminderSentAt = at;
        break;
      case 'close':
        closedAt = at;
        event(at, TicketEventType.STATUS_CHANGED, null, { reason: 'closed automatically a week after resolution' }, 'CLOSED');
        break;
    }
  }
  recordBreaches(now);
  if (story.expect && story.expect !== status) {
    throw new Error(`demo ticket "${draft.title}" ended ${status} instead of ${story.expect}; its script does not fit before now`);
  }

  batch.tickets.push({
    id: ticketId,
    number,
    title: draft.title,
    description: draft.description,
    status,
    priority: draft.priority,
    channel: draft.channel,
    categoryId: draft.category.id,
    departmentId: draft.department.id,
    requesterId: draft.requester?.id ?? null,
    contactName: draft.contact.name,
    contactEmail: draft.contact.email,
    studentNumber: draft.contact.studentNumber,
    assigneeId,
    incidentId,
    expectedResolutionHours: draft.expectedResolutionHours,
    desiredOutcome: draft.desiredOutcome,
    firstResponseDueAt: new Date(firstResponseDue),
    resolutionDueAt: new Date(resolutionDue),
    firstRespondedAt: firstRespondedAt === null ? null : new Date(firstRespondedAt),
    resolvedAt: resolvedAt === null ? null : new Date(resolvedAt),
    closedAt: closedAt === null ? null : new Date(closedAt),
    resolvedById,
    predictedScore,
    escalatedAt: escalatedAt === null ? null : new Date(escalatedAt),
    // A ticket still waiting has its resolution clock stopped since the wait began (past waits are not replayed).
    slaPausedAt: waitingSince === null ? null : new Date(waitingSince),
    slaPausedSeconds: 0,
    ratingReminderSentAt: reminderSentAt === null ? null : new Date(reminderSentAt),
    createdAt: created,
    updatedAt: new Date(last),
  });
  if (draft.channel === 'GUEST') {
    // Other guests' codes are random and never shown: only the hash exists anywhere.
    const code = draft.trackingCode ?? randomBytes(32).toString('base64url');
    batch.trackingCodes.push({ id: uuidv7(draft.createdAt), ticketId, codeHash: sha256Hex(code), createdAt: created });
  }
  return status;
}

/** Writes messages the way people on this desk write them. */
export class Voice {
  constructor(private readonly random: Random) {}

  staff(author: Person, department: SchoolDepartment, draft: TicketDraft, slots: Slots, text: string): string {
    slots.set('agent', author.firstName);
    return `Hi ${draft.contact.firstName},\n\n${slots.fill(text)}\n\n${author.firstName}\n${department.team}`;
  }

  resolution(author: Person, department: SchoolDepartment, draft: TicketDraft, slots: Slots, fix: string): string {
    return this.staff(author, department, draft, slots, `${fix}\n\n${this.random.pick(STAFF_CLOSING)}`);
  }

  student(draft: TicketDraft, slots: Slots, text: string): string {
    const body = slots.fill(text);
    return this.random.chance(0.4) ? `${body}\n\n${draft.contact.firstName}` : body;
  }
}

/** Who on a department's team takes the next ticket: the demo accounts carry a full queue. */
class Desk {
  readonly assignees: WeightedPool<Person>;

  constructor(
    readonly team: DepartmentTeam,
    demo: People['demo'],
  ) {
    const everyone = [...team.staff, ...team.managers];
    const weight = (person: Person) => (person === demo.staff || person === demo.financialAid ? 1.6 : person.role === 'MANAGER' ? 0.35 : 1);
    this.assignees = new WeightedPool(everyone, weight);
  }
}

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

/** The students' side of a rating: what they expected and the score they give. */
export function judge(
  random: Random,
  draft: TicketDraft,
  resolvedAt: number,
  reopened: boolean,
): { expectation: ExpectationOutcome; score: number } {
  const took = resolvedAt - draft.createdAt;
  // Against the student's own expectation when they gave one, else against the SLA target.
  const ratio = draft.expectedResolutionHours
    ? took / (draft.expectedResolutionHours * HOUR)
    : took / Math.max(1, draft.resolutionDue - draft.createdAt);
  let expectation: ExpectationOutcome =
    ratio <= 0.5
      ? random.weighted([
          ['EXCEEDED', 55],
          ['MET', 42],
          ['BELOW', 3],
        ])
      : ratio <= 1
        ? random.weighted([
            ['EXCEEDED', 15],
            ['MET', 75],
            ['BELOW', 10],
          ])
        : ratio <= 2
          ? random.weighted([
              ['EXCEEDED', 3],
              ['MET', 45],
              ['BELOW', 52],
            ])
          : random.weighted([
              ['EXCEEDED', 2],
              ['MET', 23],
              ['BELOW', 75],
            ]);
  if (reopened && random.chance(0.6)) expectation = 'BELOW';
  const scores: Record<ExpectationOutcome, (readonly [number, number])[]> = {
    EXCEEDED: [
      [5, 78],
      [4, 18],
      [3, 3],
      [2, 0.6],
      [1, 0.4],
    ],
    MET: [
      [5, 45],
      [4, 40],
      [3, 10],
      [2, 3],
      [1, 2],
    ],
    BELOW: [
      [5, 5],
      [4, 17],
      [3, 30],
      [2, 28],
      [1, 20],
    ],
  };
  let score = random.weighted(scores[expectation]);
  const mood = draft.department.service.satisfaction;
  if (random.chance(Math.abs(mood))) score = clamp(score + Math.sign(mood), 1, 5);
  return { expectation, score };
}

/** What the resolver predicts the student will give, shifted by the department's optimism. */
export function predict(random: Random, score: number, department: SchoolDepartment): number {
  return clamp(Math.round(score + department.service.optimism + random.between(-0.8, 0.8)), 1, 5);
}

export function ratingComment(random: Random, score: number, resolver: Person, slots: Slots): string | null {
  const chance = score <= 2 ? 0.75 : score === 3 ? 0.55 : 0.42;
  if (!random.chance(chance)) return null;
  slots.set('agent', resolver.firstName);
  return slots.fill(random.pick(RATING_COMMENTS[score as 1 | 2 | 3 | 4 | 5]));
}

/**
 * The everyday tickets: who reports what, when, through which channel, and how the department's
 * service profile plays out for it.
 */
export class Population {
  private readonly departments: WeightedPool<SchoolDepartment>;
  private readonly categories = new Map<SchoolDepartment, WeightedPool<SchoolCategory>>();
  private readonly desks = new Map<SchoolDepartment, Desk>();
  private readonly reporters: WeightedPool<Person>;
  private readonly voice: Voice;

  constructor(
    private readonly random: Random,
    school: School,
    people: People,
    private readonly now: number,
  ) {
    this.departments = new WeightedPool(school.departments, (department) => department.share);
    for (const department of school.departments) {
      this.categories.set(department, new WeightedPool(department.categories, (category) => category.share));
      const team = people.teams.get(department);
      if (!team) throw new Error(`no team for ${department.slug}`);
      this.desks.set(department, new Desk(team, people.demo));
    }
    // A few students report a lot, most rarely; the demo student only has her scripted tickets.
    const reporters = people.students.filter((student) => student !== people.demo.student);
    this.reporters = new WeightedPool(reporters.length > 0 ? reporters : people.students, () => -Math.log(1 - random.next()) + 0.05);
    this.voice = new Voice(random);
  }

  /** `count` creation times over the 120 days before now, busier on weekdays and in the daytime. */
  creationTimes(count: number, days: number): number[] {
    const today = Math.floor(this.now / DAY) * DAY;
    const dayStart = (offset: number) => today - offset * DAY;
    const weights: [number, number][] = [];
    for (let offset = 0; offset < days; offset += 1) {
      const weekday = new Date(dayStart(offset)).getUTCDay();
      // The start of the semester (about 100 days ago) is busier than the quiet weeks after it.
      const season = 1 + 0.6 * Math.exp(-(((offset - 100) / 12) ** 2));
      weights.push([offset, (weekday === 0 || weekday === 6 ? 0.45 : 1) * season]);
    }
    const hourWeights: [number, number][] = [
      [0, 1],
      [1, 0.5],
      [2, 0.2],
      [3, 0.1],
      [4, 0.1],
      [5, 0.2],
      [6, 0.5],
      [7, 1.5],
      [8, 3.5],
      [9, 5.5],
      [10, 6],
      [11, 6],
      [12, 5],
      [13, 5.5],
      [14, 6],
      [15, 5.5],
      [16, 5],
      [17, 4],
      [18, 3],
      [19, 3],
      [20, 3.5],
      [21, 3.5],
      [22, 2.5],
      [23, 1.8],
    ];
    const times: number[] = [];
    while (times.length < count) {
      const offset = this.random.weighted(weights);
      // Hours are Amsterdam time, taken as UTC+1; whole seconds; never in the future.
      const at = dayStart(offset) + (this.random.weighted(hourWeights) - 1) * HOUR + this.random.int(0, 3599) * 1000;
      if (at < this.now - MINUTE) times.push(at);
    }
    return times.sort((a, b) => a - b);
  }

  story(createdAt: number): Story {
    const { random } = this;
    const department = this.departments.draw(random);
    const category = (this.categories.get(department) as WeightedPool<SchoolCategory>).draw(random);
    const desk = this.desks.get(department) as Desk;
    const student = this.reporters.draw(random);
    const channel = this.channel(category);
    const problem = random.pick(PROBLEMS[category.key]);
    const slots = new Slots(random, {});
    const priority = this.priority(category.defaultPriority);
    const draft: TicketDraft = {
      id: uuidv7(createdAt),
      createdAt,
      ...dueTimes(department, priority, createdAt),
      department,
      category,
      priority,
      channel,
      requester: channel === 'GUEST' ? null : student,
      contact: {
        name: student.name,
        firstName: student.firstName,
        email: channel === 'GUEST' ? student.personalEmail : student.email,
        studentNumber: channel === 'GUEST' ? student.studentNumber : null,
      },
      loggedBy: channel === 'CONSOLE' ? desk.assignees.draw(random) : null,
      title: this.title(problem, slots, priority),
      description: this.description(problem, slots, student),
      expectedResolutionHours: random.chance(0.35) ? this.expectedHours(priority) : null,
      desiredOutcome: random.chance(0.4) ? slots.fill(random.pick(problem.outcomes)) : null,
    };
    return { draft, beats: this.beats(draft, desk, problem, slots) };
  }

  private channel(category: SchoolCategory): TicketChannel {
    // Students who cannot sign in are exactly the ones with login problems.
    const guest = category.key === 'it.login' ? 0.3 : 0.065;
    const api = category.key === 'it.lms' || category.key === 'registrar.exams' ? 0.08 : 0.005;
    const consoleShare = category.department.slug === 'it' ? 0.01 : 0.04;
    return this.random.weighted<TicketChannel>([
      ['GUEST', guest],
      ['API', api],
      ['CONSOLE', consoleShare],
      ['PORTAL', 1 - guest - api - consoleShare],
    ]);
  }

  private priority(usual: Priority): Priority {
    const order: Priority[] = ['LOW', 'NORMAL', 'HIGH', 'URGENT'];
    const index = order.indexOf(usual);
    const roll = this.random.next();
    if (roll < 0.76) return usual;
    if (roll < 0.88) return order[Math.min(index + 1, 3)] as Priority;
    if (roll < 0.92) return index >= 1 ? 'URGENT' : (order[index + 1] as Priority);
    return order[Math.max(index - 1, 0)] as Priority;
  }

  private expectedHours(priority: Priority): number {
    const options: Record<Priority, (readonly [number, number])[]> = {
      URGENT: [
        [2, 2],
        [4, 3],
        [8, 1],
      ],
      HIGH: [
        [4, 2],
        [8, 2],
        [24, 3],
      ],
      NORMAL: [
        [8, 1],
        [24, 4],
        [48, 3],
        [72, 2],
      ],
      LOW: [
        [24, 1],
        [72, 3],
        [120, 2],
      ],
    };
    return this.random.weighted(options[priority]);
  }

  private title(problem: Problem, slots: Slots, priority: Priority): string {
    const title = slots.fill(this.random.pick(problem.titles));
    if (priority === 'URGENT' && this.random.chance(0.5)) return `URGENT: ${title}`;
    // Some students type titles in a hurry.
    if (this.random.chance(0.12)) return title.charAt(0).toLowerCase() + title.slice(1);
    return title;
  }

  private description(problem: Problem, slots: Slots, student: Person): string {
    let text = slots.fill(this.random.pick(problem.descriptions));
    if (this.random.chance(0.5)) text += ` ${this.random.pick(STUDENT_CONTEXT)}`;
    if (this.random.chance(0.35)) text += `\n\nThanks,\n${student.firstName}`;
    return text;
  }

  /** A share of the target that on-time work uses: mostly well inside it, at the department's pace. */
  private onTime(pace: number): number {
    return clamp(0.03 + pace * -Math.log(1 - this.random.next()) * 0.8, 0.03, 0.97);
  }

  private beats(draft: TicketDraft, desk: Desk, problem: Problem, slots: Slots): Beat[] {
    const { random, voice } = this;
    const { department } = draft;
    const service = department.service;
    const policy = department.policies[draft.priority];
    const clock = (from: number, minutes: number) => department.clock.after(from, minutes, policy.businessHoursOnly);
    const at = (minutes: number) => clock(draft.createdAt, minutes);
    const beats: Beat[] = [];
    const assignee = desk.assignees.draw(random);
    const manager = random.pick(desk.team.managers);
    const student = draft.requester;

    const firstMinutes =
      policy.firstResponseMinutes * (random.chance(service.lateFirstResponse) ? random.between(1.1, 3.5) : this.onTime(service.pace));
    const assignedBy = random.chance(0.5) ? manager : assignee;
    beats.push({ at: at(firstMinutes * random.between(0.15, 0.9)), kind: 'assign', by: assignedBy, to: assignee });

    // A few recent tickets stall: never answered, or answered once and then forgotten.
    const stalls = draft.createdAt > this.now - 45 * DAY && random.chance(0.012);
    if (stalls && random.chance(0.35)) return beats;

    const reopens = random.chance(0.05);
    // Conversations stay within eight messages: a reopened ticket already has three more.
    const rounds = Math.min(
      random.weighted([
        [0, 30],
        [1, 35],
        [2, 22],
        [3, 13],
      ]),
      reopens ? 1 : 3,
    );
    const quickFix = rounds === 0 && random.chance(0.5);
    const late = random.chance(service.lateResolution);
    let resolutionMinutes = policy.resolutionMinutes * (late ? random.between(1.05, 2.8) : this.onTime(service.pace));
    resolutionMinutes = quickFix ? firstMinutes : Math.max(resolutionMinutes, firstMinutes + random.between(20, 240));

    if (!quickFix) {
      const asks = rounds > 0 && random.chance(0.6);
      const text = asks ? random.pick(problem.questions) : random.pick(STAFF_ACKNOWLEDGEMENTS);
      beats.push({
        at: at(firstMinutes),
        kind: 'reply',
        by: assignee,
        fromStaff: true,
        body: voice.staff(assignee, department, draft, slots, text),
        asks,
      });
      if (stalls) return beats;
      // The conversation in between: the student answers or chases, staff update or ask again.
      const moments = Array.from({ length: rounds * 2 }, () => random.between(firstMinutes, resolutionMinutes)).sort((a, b) => a - b);
      let waiting = asks;
      let answered = false;
      for (let round = 0; round < rounds; round += 1) {
        const studentText =
          waiting && !answered ? random.pick(problem.answers) : random.pick(random.chance(0.5) ? STUDENT_ADDITIONS : STUDENT_FOLLOW_UPS);
        answered ||= waiting;
        beats.push({
          at: at(moments[round * 2] as number),
          kind: 'reply',
          by: student,
          fromStaff: false,
          body: voice.student(draft, slots, studentText),
        });
        waiting = round < rounds - 1 && !answered && random.chance(0.5);
        const staffText = waiting ? random.pick(problem.questions) : random.pick(STAFF_UPDATES);
        beats.push({
          at: at(moments[round * 2 + 1] as number),
          kind: 'reply',
          by: assignee,
          fromStaff: true,
          body: voice.staff(assignee, department, draft, slots, staffText),
          asks: waiting,
        });
      }
    }
    const roomForNotes = 8 - (quickFix ? 1 : 2 + 2 * rounds) - (reopens ? 3 : 0);
    if (roomForNotes > 0 && random.chance(0.33)) {
      const author = random.chance(0.8) ? assignee : manager;
      beats.push({
        at: at(random.between(firstMinutes * 0.5, resolutionMinutes)),
        kind: 'note',
        by: author,
        body: slots.fill(random.pick(problem.notes)),
      });
      if (roomForNotes > 1 && random.chance(0.25))
        beats.push({
          at: at(random.between(firstMinutes * 0.5, resolutionMinutes)),
          kind: 'note',
          by: author,
          body: random.pick(INTERNAL_NOTES),
        });
    }

    const resolver = random.chance(0.9) ? assignee : manager;
    let resolvedAt = at(resolutionMinutes);
    const firstFix = random.pick(problem.fixes);
    if (reopens) {
      beats.push({
        at: resolvedAt,
        kind: 'resolve',
        by: resolver,
        body: voice.resolution(resolver, department, draft, slots, firstFix),
        predictedScore: null,
      });
      const reopenedAt = resolvedAt + random.between(2 * HOUR, 72 * HOUR);
      beats.push({ at: reopenedAt, kind: 'reopen', by: student, body: voice.student(draft, slots, random.pick(STUDENT_REOPEN)) });
      const answerAt = clock(reopenedAt, policy.firstResponseMinutes * random.between(0.2, 1));
      beats.push({
        at: answerAt,
        kind: 'reply',
        by: resolver,
        fromStaff: true,
        body: voice.staff(resolver, department, draft, slots, random.pick(STAFF_AFTER_REOPEN)),
      });
      resolvedAt = clock(answerAt, policy.resolutionMinutes * random.between(0.1, 0.5));
    }
    const { score, expectation } = judge(random, draft, resolvedAt, reopens);
    const predictedScore = random.chance(0.8) ? predict(random, score, department) : null;
    const otherFixes = problem.fixes.filter((candidate) => candidate !== firstFix);
    const fix = reopens && otherFixes.length > 0 ? random.pick(otherFixes) : firstFix;
    beats.push({
      at: resolvedAt,
      kind: 'resolve',
      by: resolver,
      body: voice.resolution(resolver, department, draft, slots, fix),
      predictedScore,
    });

    const ratedAt = random.chance(0.62)
      ? resolvedAt + (random.chance(0.6) ? random.between(5 * MINUTE, 3 * HOUR) : random.between(3 * HOUR, 72 * HOUR))
      : null;
    if (ratedAt === null || ratedAt > resolvedAt + RATING_REMINDER_AFTER)
      beats.push({ at: resolvedAt + RATING_REMINDER_AFTER, kind: 'remind' });
    if (ratedAt !== null)
      beats.push({ at: ratedAt, kind: 'rate', score, expectation, comment: ratingComment(random, score, resolver, slots) });
    beats.push({ at: resolvedAt + AUTO_CLOSE_AFTER, kind: 'close' });
    return beats;
  }
}
