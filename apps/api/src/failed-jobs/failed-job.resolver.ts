import { Args, Ctx, Query, Resolver } from 'type-graphql';
import { enforce } from '../auth/viewer.js';
import type { Context } from '../context.js';
import { PageArgs } from '../relay/pagination.js';
import * as failedJobPolicy from './failed-job.policy.js';
import { FailedBackgroundJob, FailedBackgroundJobConnection } from './failed-job.type.js';
import { failedJobs } from './failed-jobs.js';

@Resolver(() => FailedBackgroundJob)
export class FailedBackgroundJobResolver {
  @Query(() => FailedBackgroundJobConnection, {
    description: 'Admins: background jobs that failed every retry (dead letters), newest first; kept 30 days.',
  })
  async failedBackgroundJobs(@Ctx() ctx: Context, @Args(() => PageArgs) page: PageArgs): Promise<FailedBackgroundJobConnection> {
    enforce(failedJobPolicy.canRead(ctx.viewer));
    return failedJobs(ctx, page);
  }
}
