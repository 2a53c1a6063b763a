import { Field, Float, InputType, Int, ObjectType } from 'type-graphql';
import { Department } from '../departments/department.type.js';
import { LIST_MAXIMUM, MaxItems } from '../limits/list-maximums.js';

@InputType({ description: 'A period of time: from (inclusive) to (exclusive).' })
export class DateRange {
  @Field(() => Date, { description: 'Start, inclusive.' })
  from!: Date;

  @Field(() => Date, { description: 'End, exclusive.' })
  to!: Date;
}

@ObjectType({ description: "One department's satisfaction, expectation and SLA numbers for a period." })
export class DepartmentSatisfaction {
  @Field(() => Department, { description: 'The department.' })
  department!: Department;

  @Field(() => Float, {
    nullable: true,
    description: 'Share of the ratings given in the period that are 4 or 5, from 0 to 1; null when there are no ratings.',
  })
  csat!: number | null;

  @Field(() => Int, { description: 'Number of ratings given in the period.' })
  responses!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Share of the ratings given in the period whose expectation was MET or EXCEEDED, from 0 to 1.',
  })
  expectationMetRate!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Mean of (predictedScore - score) over the ratings given in the period that have a prediction.',
  })
  perceptionGap!: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'Resolution SLA attainment: of the tickets reported in the period whose resolution target is decided (resolved, or still unresolved after the due time), the share resolved within their resolution due time, from 0 to 1. The same figure as `insights.slaCompliance.resolutionRate`.',
  })
  slaCompliance!: number | null;

  @Field(() => Int, { description: 'Tickets reported in the period whose resolution target is decided: the base of slaCompliance.' })
  slaTickets!: number;

  @Field(() => Int, { description: 'Tickets reported in the period that are resolved now.' })
  resolvedTickets!: number;
}

@ObjectType({ description: 'Satisfaction across the school for a period, and per department.' })
export class SatisfactionReport {
  @Field(() => Float, {
    nullable: true,
    description: 'Share of the ratings given in the period that are 4 or 5, across the school, from 0 to 1.',
  })
  csat!: number | null;

  @Field(() => Int, { description: 'Number of ratings given in the period across the school.' })
  responses!: number;

  @Field(() => [DepartmentSatisfaction], { description: 'Per department, alphabetically. Staff see their own department only.' })
  @MaxItems(LIST_MAXIMUM.departments)
  byDepartment!: DepartmentSatisfaction[];

  @Field(() => Date, { description: 'Start of the period, inclusive.' })
  from!: Date;

  @Field(() => Date, { description: 'End of the period, exclusive.' })
  to!: Date;
}
