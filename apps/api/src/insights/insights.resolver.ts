import { Arg, Args, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context.js';
import { Department } from '../departments/department.type.js';
import { fromGlobalId } from '../relay/global-id.js';
import { PageArgs } from '../relay/pagination.js';
import { enforce } from '../auth/viewer.js';
import * as insightsPolicy from './insights.policy.js';
import * as insights from './insights.service.js';
import {
  AgentWorkload,
  BacklogBucket,
  CategoryVolume,
  DepartmentPerceptionGap,
  ExpectationGap,
  Insights,
  Leaderboard,
  PraiseConnection,
  SlaCompliance,
  StaffHome,
  StaffPerceptionGap,
  WeeklyCsat,
} from './insights.type.js';
import { resolveRange } from './metrics.js';
import { DateRange } from './satisfaction.type.js';
import { recognitionFeed, staffHome } from './staff-home.service.js';

/** Insights as resolved: the period and scope, from which each section is computed on demand. */
type InsightsRoot = Insights & { request: insights.InsightsRequest };

@Resolver(() => Insights)
export class InsightsResolver {
  @Query(() => StaffHome, { description: "Staff: the signed-in staff member's home page numbers." })
  staffHome(@Ctx() ctx: Context) {
    return staffHome(ctx, ctx.app.clock.now());
  }

  @Query(() => Insights, {
    description:
      "Staff and keys with insights:read: the dashboards for a period (default: the last 30 days). Staff see their own department's; managers, admins and keys every department's, or one.",
  })
  async insights(
    @Ctx() ctx: Context,
    @Arg('range', () => DateRange, { nullable: true, description: 'The period; the last 30 days when omitted.' }) range?: DateRange | null,
    @Arg('departmentId', () => ID, { nullable: true, description: 'Only this department.' }) departmentId?: string | null,
  ): Promise<InsightsRoot> {
    const requested = departmentId ? fromGlobalId(departmentId, 'Department', 'departmentId') : null;
    enforce(insightsPolicy.canReadDepartment(ctx.viewer, requested));
    const scope = insightsPolicy.insightScope(ctx.viewer, requested);
    const now = ctx.app.clock.now();
    const request = { scope, ...resolveRange(range, now), now };
    return { from: request.from, to: request.to, request } as InsightsRoot;
  }

  @Query(() => Leaderboard, { description: 'Staff: departments ranked by CSAT over a period (default: the last 30 days).' })
  leaderboard(
    @Ctx() ctx: Context,
    @Arg('range', () => DateRange, { nullable: true, description: 'The period; the last 30 days when omitted.' }) range?: DateRange | null,
    @Arg('minResponses', () => Int, {
      nullable: true,
      description: `Ratings a department needs to be ranked (default ${insights.DEFAULT_MIN_RESPONSES}).`,
    })
    minResponses?: number | null,
  ) {
    return insights.leaderboard(ctx, range, minResponses);
  }

  @Query(() => PraiseConnection, {
    description: 'Staff: praise from students (ratings of 5 with a comment) across the school, newest first.',
  })
  recognitionFeed(@Ctx() ctx: Context, @Args(() => PageArgs) page: PageArgs): Promise<PraiseConnection> {
    return recognitionFeed(ctx, page);
  }

  @FieldResolver(() => [Department], { description: 'The departments these numbers cover.' })
  departments(@Root() root: InsightsRoot, @Ctx() ctx: Context) {
    return insights.scopeDepartments(ctx, root.request);
  }

  @FieldResolver(() => [WeeklyCsat], { description: 'CSAT per department per week, oldest week first.' })
  csatByWeek(@Root() root: InsightsRoot, @Ctx() ctx: Context) {
    return insights.csatByWeek(ctx, root.request);
  }

  @FieldResolver(() => [ExpectationGap], { description: 'The expectation gap per department.' })
  expectationGap(@Root() root: InsightsRoot, @Ctx() ctx: Context) {
    return insights.expectationGap(ctx, root.request);
  }

  @FieldResolver(() => [DepartmentPerceptionGap], { description: 'The perception gap per department.' })
  perceptionGapByDepartment(@Root() root: InsightsRoot, @Ctx() ctx: Context) {
    return insights.perceptionGapByDepartment(ctx, root.request);
  }

  @FieldResolver(() => [StaffPerceptionGap], { description: 'The perception gap per staff member, largest gap first.' })
  perceptionGapByStaff(@Root() root: InsightsRoot, @Ctx() ctx: Context) {
    return insights.perceptionGapByStaff(ctx, root.request);
  }

  @FieldResolver(() => [SlaCompliance], { description: 'First-response and resolution SLA compliance per department.' })
  slaCompliance(@Root() root: InsightsRoot, @Ctx() ctx: Context) {
    return insights.slaCompliance(ctx, root.request);
  }

  @FieldResolver(() => [BacklogBucket], {
    description: 'Unresolved tickets by age, right now (not limited to the period): 0–1 d, 1–3 d, 3–7 d, > 7 d.',
  })
  backlogAging(@Root() root: InsightsRoot, @Ctx() ctx: Context) {
    return insights.backlogAging(ctx, root.request);
  }

  @FieldResolver(() => [CategoryVolume], { description: 'Tickets reported per category in the period, most first.' })
  volumeByCategory(@Root() root: InsightsRoot, @Ctx() ctx: Context) {
    return insights.volumeByCategory(ctx, root.request);
  }

  @FieldResolver(() => [AgentWorkload], { description: 'Each staff member’s load right now (not limited to the period), busiest first.' })
  workload(@Root() root: InsightsRoot, @Ctx() ctx: Context) {
    return insights.workload(ctx, root.request);
  }
}
