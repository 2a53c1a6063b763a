import { Field, Float, InputType, Int, ObjectType } from 'type-graphql';
import { Department } from '../departments/department.type.js';

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

  @Field(() => Float, { nullable: true, description: 'Share of ratings that are 4 or 5, from 0 to 1; null when there are no ratings.' })
  csat!: number | null;

  @Field(() => Int, { description: 'Number of ratings in the period.' })
  responses!: number;

  @Field(() => Float, { nullable: true, description: 'Share of rated tickets whose expectation was MET or EXCEEDED, from 0 to 1.' })
  expectationMetRate!: number | null;

  @Field(() => Float, { nullable: true, description: 'Mean of (predictedScore - score) over ratings that have a prediction.' })
  perceptionGap!: number | null;

  @Field(() => Float, { nullable: true, description: 'Share of tickets resolved within their resolution due time, from 0 to 1.' })
  slaCompliance!: number | null;

  @Field(() => Int, { description: 'Tickets resolved in the period (the base of slaCompliance).' })
  resolvedTickets!: number;
}

@ObjectType({ description: 'Satisfaction across the school for a period, and per department.' })
export class SatisfactionReport {
  @Field(() => Float, { nullable: true, description: 'Share of ratings that are 4 or 5 across the school, from 0 to 1.' })
  csat!: number | null;

  @Field(() => Int, { description: 'Number of ratings across the school.' })
  responses!: number;

  @Field(() => [DepartmentSatisfaction], { description: 'Per department, alphabetically. Staff see their own department only.' })
  byDepartment!: DepartmentSatisfaction[];

  @Field(() => Date, { description: 'Start of the period, inclusive.' })
  from!: Date;

  @Field(() => Date, { description: 'End of the period, exclusive.' })
  to!: Date;
}
