import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../context.js';
import { resolveRange } from './metrics.js';
import { satisfactionReport } from './satisfaction.service.js';
import { DateRange, SatisfactionReport } from './satisfaction.type.js';

@Resolver(() => SatisfactionReport)
export class SatisfactionResolver {
  @Query(() => SatisfactionReport, {
    description: 'CSAT, expectation, perception gap and SLA compliance for a period (default: the last 30 days). Staff only.',
  })
  satisfaction(
    @Ctx() ctx: Context,
    @Arg('range', () => DateRange, { nullable: true, description: 'The period; the last 30 days when omitted.' }) range?: DateRange | null,
  ): Promise<SatisfactionReport> {
    const now = ctx.app.clock.now();
    return satisfactionReport(ctx, ctx.viewer, resolveRange(range, now), now);
  }
}
