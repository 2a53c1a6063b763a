import { Priority } from '@studentdesk/db';
import { Field, ObjectType } from 'type-graphql';
import { Node } from '../relay/relay.types.js';

@ObjectType({ implements: Node, description: 'A part of the school that resolves tickets, e.g. IT or Financial Aid.' })
export class Department extends Node {
  @Field(() => String, { description: 'Name shown to students.' })
  name!: string;

  @Field(() => String, { description: 'Stable short name for URLs and integrations, e.g. "it".' })
  slug!: string;

  @Field(() => String, { description: 'IANA time zone in which the department keeps business hours.' })
  timeZone!: string;
}

@ObjectType({ implements: Node, description: 'A kind of problem a student can report; it decides the department.' })
export class Category extends Node {
  @Field(() => String, { description: 'Name shown to students, e.g. "Login & accounts".' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'What belongs in this category, in a sentence.' })
  description!: string | null;

  @Field(() => Priority, { description: 'Priority a new ticket in this category starts with.' })
  defaultPriority!: Priority;
}
