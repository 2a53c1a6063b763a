import { Role } from '@studentdesk/db';
import { Field, ObjectType } from 'type-graphql';
import { describeEnum } from '../schema-enum.js';
import { Node } from '../relay/relay.types.js';

describeEnum(Role, 'Role', 'What a person may do in StudentDesk.', {
  STUDENT: 'Reports problems and follows their own tickets.',
  STAFF: 'Works tickets of their department.',
  MANAGER: "Staff who also see every department's numbers.",
  ADMIN: 'Runs the desk: every ticket, keys and settings.',
});

@ObjectType({ implements: Node, description: 'A person with an account: student, staff member, manager or admin.' })
export class User extends Node {
  @Field(() => String, { description: 'Full name, as the person wants to be greeted.' })
  name!: string;

  @Field(() => String, {
    description: 'Email address; also the sign-in name. Only the person and staff may read it: anyone else gets FORBIDDEN.',
  })
  email!: string;

  @Field(() => Role, { description: 'What this person may do.' })
  role!: Role;

  @Field(() => String, { nullable: true, description: 'Student number, for students; visible to staff and the student.' })
  studentNumber!: string | null;
}
