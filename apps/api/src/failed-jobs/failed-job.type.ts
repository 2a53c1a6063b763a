import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ConnectionOf } from '../relay/relay.types.js';

@ObjectType({ description: 'A background job that failed every retry (a dead letter), for admins to look into.' })
export class FailedBackgroundJob {
  @Field(() => ID, { description: 'The job system’s id of the dead letter.' })
  id!: string;

  @Field(() => String, { description: 'The queue it failed on, e.g. webhook-delivery, sla-escalation, cleanup.' })
  queue!: string;

  @Field(() => String, { description: 'What the job was about: its data as JSON, cut to 200 characters.' })
  dataSummary!: string;

  @Field(() => String, { nullable: true, description: 'The error of its last attempt.' })
  error!: string | null;

  @Field(() => Date, { description: 'When it gave up.' })
  failedAt!: Date;

  @Field(() => Int, { description: 'How many times it was tried.' })
  attempts!: number;
}

@ObjectType({ description: 'A page of failed background jobs, newest first.' })
export class FailedBackgroundJobConnection extends ConnectionOf(FailedBackgroundJob, 'FailedBackgroundJob', 'failed job', 'failed jobs') {}
