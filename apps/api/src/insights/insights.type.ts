// The numbers staff and managers watch: their home page, the insights dashboards, the leaderboard
// and the recognition feed. Every figure is aggregated in SQL.
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { describeEnum } from '../schema-enum.js';
import { Category, Department } from '../departments/department.type.js';
import { ConnectionOf } from '../relay/relay.types.js';
import { User } from '../users/user.type.js';
import { LIST_MAXIMUM, MaxItems } from '../limits/list-maximums.js';

@ObjectType({ description: 'A CSAT figure: share of ratings that are 4 or 5, and how many ratings it rests on.' })
export class CsatFigure {
  @Field(() => Float, { nullable: true, description: 'Share of ratings that are 4 or 5, from 0 to 1; null without ratings.' })
  csat!: number | null;

  @Field(() => Int, { description: 'Number of ratings.' })
  responses!: number;
}

@ObjectType({ description: 'CSAT over the last 7 days next to the 7 days before.' })
export class CsatTrend {
  @Field(() => CsatFigure, { description: 'The last 7 days, up to now.' })
  thisWeek!: CsatFigure;

  @Field(() => CsatFigure, { description: 'The 7 days before that.' })
  lastWeek!: CsatFigure;
}

@ObjectType({ description: 'A rating of 5 with a comment: praise from a student for a staff member.' })
export class Praise {
  @Field(() => String, { description: 'What the student wrote.' })
  comment!: string;

  @Field(() => Int, { description: 'The score (always 5).' })
  score!: number;

  @Field(() => Date, { description: 'When the student rated.' })
  createdAt!: Date;

  @Field(() => String, { description: 'The ticket it is about, e.g. SD-1042.' })
  ticketNumber!: string;

  @Field(() => User, { nullable: true, description: 'Who resolved the ticket: the person praised.' })
  staff!: User | null;

  @Field(() => Department, { description: 'The department that resolved the ticket.' })
  department!: Department;
}

@ObjectType({ description: "A staff member's home page: their own, their department's and the school's satisfaction." })
export class StaffHome {
  @Field(() => CsatTrend, { description: 'CSAT of the tickets you resolved.' })
  mine!: CsatTrend;

  @Field(() => CsatTrend, { nullable: true, description: "Your department's CSAT; null if you belong to none." })
  department!: CsatTrend | null;

  @Field(() => CsatTrend, { description: "The school's CSAT." })
  school!: CsatTrend;

  @Field(() => Int, { description: 'Unresolved tickets assigned to you.' })
  openTickets!: number;

  @Field(() => [Praise], {
    description: `Ratings of 5 with a comment on tickets you resolved, newest first (at most ${LIST_MAXIMUM.praiseOnHome}).`,
  })
  @MaxItems(LIST_MAXIMUM.praiseOnHome)
  praise!: Praise[];
}

@ObjectType({ description: "A department's CSAT in one week." })
export class WeeklyCsat {
  @Field(() => Department, { description: 'The department.' })
  department!: Department;

  @Field(() => Date, { description: 'Monday 00:00 UTC that starts the week.' })
  weekStart!: Date;

  @Field(() => Float, { nullable: true, description: 'Share of ratings that are 4 or 5, from 0 to 1.' })
  csat!: number | null;

  @Field(() => Int, { description: 'Number of ratings that week.' })
  responses!: number;
}

@ObjectType({
  description:
    'Did a department meet what students expected? From the ratings given in the period, and the resolution times of the tickets reported in it.',
})
export class ExpectationGap {
  @Field(() => Department, { description: 'The department.' })
  department!: Department;

  @Field(() => Int, { description: 'Ratings given in the period.' })
  responses!: number;

  @Field(() => Float, { nullable: true, description: 'Share of those ratings whose expectation was MET or EXCEEDED, from 0 to 1.' })
  metOrExceededRate!: number | null;

  @Field(() => Int, { description: 'Ratings saying the outcome was below expectation.' })
  below!: number;

  @Field(() => Int, { description: 'Ratings saying the outcome met expectation.' })
  met!: number;

  @Field(() => Int, { description: 'Ratings saying the outcome exceeded expectation.' })
  exceeded!: number;

  @Field(() => Int, { description: 'Tickets reported in the period and resolved whose student said how soon they expected it.' })
  ticketsWithExpectation!: number;

  @Field(() => Float, { nullable: true, description: 'Mean resolution time the students expected, in hours.' })
  expectedResolutionHours!: number | null;

  @Field(() => Float, { nullable: true, description: 'Mean time those tickets actually took to resolve, in hours.' })
  actualResolutionHours!: number | null;
}

@ObjectType({ description: 'Staff predictions of ratings against the ratings students gave.' })
export class PerceptionGap {
  @Field(() => Int, { description: 'Ratings that had a prediction.' })
  predictions!: number;

  @Field(() => Float, { nullable: true, description: 'Mean predicted score.' })
  averagePredicted!: number | null;

  @Field(() => Float, { nullable: true, description: 'Mean score students gave on those tickets.' })
  averageScore!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Mean of (predicted − score): above 0 means staff think they did better than students do.',
  })
  gap!: number | null;
}

@ObjectType({ description: "A department's perception gap." })
export class DepartmentPerceptionGap extends PerceptionGap {
  @Field(() => Department, { description: 'The department.' })
  department!: Department;
}

@ObjectType({ description: "A staff member's perception gap, over the tickets they resolved." })
export class StaffPerceptionGap extends PerceptionGap {
  @Field(() => User, { description: 'The staff member who resolved and predicted.' })
  staff!: User;

  @Field(() => Department, { description: 'The department of the rated tickets.' })
  department!: Department;
}

@ObjectType({
  description:
    'SLA attainment of the tickets reported in the period. A target counts once it is decided: met, or missed (answered or resolved late, or still not after the due time). Tickets without a due time have no target.',
})
export class SlaCompliance {
  @Field(() => Department, { description: 'The department.' })
  department!: Department;

  @Field(() => Int, { description: 'Tickets whose first-response target is decided.' })
  firstResponseTickets!: number;

  @Field(() => Int, { description: 'Of those, answered publicly by the due time.' })
  firstResponseMet!: number;

  @Field(() => Float, { nullable: true, description: 'firstResponseMet / firstResponseTickets, from 0 to 1.' })
  firstResponseRate!: number | null;

  @Field(() => Int, { description: 'Tickets whose resolution target is decided.' })
  resolutionTickets!: number;

  @Field(() => Int, { description: 'Of those, resolved by the due time.' })
  resolutionMet!: number;

  @Field(() => Float, { nullable: true, description: 'resolutionMet / resolutionTickets, from 0 to 1.' })
  resolutionRate!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Mean hours from the report to the first public staff answer, over the answered tickets (wall-clock time).',
  })
  averageFirstResponseHours!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Mean hours from the report to the resolution, over the resolved tickets (wall-clock time).',
  })
  averageResolutionHours!: number | null;
}

export enum BacklogAge {
  UNDER_1_DAY = 'UNDER_1_DAY',
  ONE_TO_3_DAYS = 'ONE_TO_3_DAYS',
  THREE_TO_7_DAYS = 'THREE_TO_7_DAYS',
  OVER_7_DAYS = 'OVER_7_DAYS',
}

describeEnum(BacklogAge, 'BacklogAge', 'How long an unresolved ticket has been waiting since it was reported.', {
  UNDER_1_DAY: 'Less than a day (0–1 d).',
  ONE_TO_3_DAYS: '1 to 3 days.',
  THREE_TO_7_DAYS: '3 to 7 days.',
  OVER_7_DAYS: 'More than 7 days.',
});

@ObjectType({ description: 'Unresolved tickets of one age, right now.' })
export class BacklogBucket {
  @Field(() => BacklogAge, { description: 'The age bucket.' })
  age!: BacklogAge;

  @Field(() => Int, { description: 'Unresolved tickets of that age.' })
  tickets!: number;
}

@ObjectType({ description: 'How many tickets were reported in one category.' })
export class CategoryVolume {
  @Field(() => Category, { description: 'The category.' })
  category!: Category;

  @Field(() => Int, { description: 'Tickets reported in the period.' })
  tickets!: number;
}

@ObjectType({ description: "One person's load right now: their unresolved tickets in the dashboards' departments." })
export class AgentWorkload {
  @Field(() => User, { description: 'The staff member.' })
  staff!: User;

  @Field(() => Int, { description: 'Unresolved tickets assigned to them.' })
  open!: number;

  @Field(() => Int, {
    description:
      "Of those, how many have their next SLA target (first answer, else resolution) due before midnight in the ticket's department's time zone.",
  })
  dueToday!: number;

  @Field(() => Int, { description: 'Of those, how many have breached an SLA target.' })
  breached!: number;
}

@ObjectType({ description: 'The managers’ dashboards for a period, for the departments the viewer may see.' })
export class Insights {
  @Field(() => Date, { description: 'Start of the period, inclusive.' })
  from!: Date;

  @Field(() => Date, { description: 'End of the period, exclusive.' })
  to!: Date;

  @Field(() => [Department], { description: 'The departments these numbers cover.' })
  @MaxItems(LIST_MAXIMUM.departments)
  departments!: Department[];

  @Field(() => [WeeklyCsat], { description: 'CSAT per department per week, oldest week first.' })
  @MaxItems(LIST_MAXIMUM.weeklyCsat)
  csatByWeek!: WeeklyCsat[];

  @Field(() => [ExpectationGap], { description: 'The expectation gap per department.' })
  @MaxItems(LIST_MAXIMUM.departments)
  expectationGap!: ExpectationGap[];

  @Field(() => [DepartmentPerceptionGap], { description: 'The perception gap per department.' })
  @MaxItems(LIST_MAXIMUM.departments)
  perceptionGapByDepartment!: DepartmentPerceptionGap[];

  @Field(() => [StaffPerceptionGap], { description: 'The perception gap per staff member, largest gap first.' })
  @MaxItems(LIST_MAXIMUM.staffMembers)
  perceptionGapByStaff!: StaffPerceptionGap[];

  @Field(() => [SlaCompliance], { description: 'First-response and resolution SLA compliance per department.' })
  @MaxItems(LIST_MAXIMUM.departments)
  slaCompliance!: SlaCompliance[];

  @Field(() => [BacklogBucket], {
    description: 'Unresolved tickets by age, right now (not limited to the period): 0–1 d, 1–3 d, 3–7 d, > 7 d.',
  })
  @MaxItems(LIST_MAXIMUM.backlogAges)
  backlogAging!: BacklogBucket[];

  @Field(() => [CategoryVolume], { description: 'Tickets reported per category in the period, most first.' })
  @MaxItems(LIST_MAXIMUM.categories)
  volumeByCategory!: CategoryVolume[];

  @Field(() => [AgentWorkload], { description: 'Each staff member’s load right now (not limited to the period), busiest first.' })
  @MaxItems(LIST_MAXIMUM.staffMembers)
  workload!: AgentWorkload[];
}

@ObjectType({ description: "A department's place on the leaderboard." })
export class LeaderboardEntry {
  @Field(() => Int, { description: '1 for the highest CSAT; departments with equal CSAT and responses share a rank.' })
  rank!: number;

  @Field(() => Department, { description: 'The department.' })
  department!: Department;

  @Field(() => Float, { description: 'Share of ratings that are 4 or 5, from 0 to 1.' })
  csat!: number;

  @Field(() => Int, { description: 'Number of ratings in the period.' })
  responses!: number;
}

@ObjectType({ description: 'Departments ranked by CSAT, counting only those with enough ratings to be fair.' })
export class Leaderboard {
  @Field(() => Int, { description: 'The fewest ratings a department needs to be ranked.' })
  minResponses!: number;

  @Field(() => [LeaderboardEntry], { description: 'Ranked departments, best first.' })
  @MaxItems(LIST_MAXIMUM.departments)
  entries!: LeaderboardEntry[];

  @Field(() => [Department], { description: 'Departments with too few ratings in the period to be ranked.' })
  @MaxItems(LIST_MAXIMUM.departments)
  unranked!: Department[];
}

@ObjectType({ description: 'A page of the recognition feed, newest first.' })
export class PraiseConnection extends ConnectionOf(Praise, 'Praise', 'item of praise', 'items of praise') {}
