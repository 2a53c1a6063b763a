import { DepartmentRole, Role } from '@studentdesk/db';
import { Field, ObjectType } from 'type-graphql';
import { describeEnum } from '../schema-enum.js';
import { Node } from '../relay/relay.types.js';

describeEnum(Role, 'Role', 'What kind of person this is in StudentDesk: for staff, their highest role in any department.', {
  STUDENT: 'Reports problems and follows their own tickets.',
  STAFF: 'Works the tickets of the departments they are a member of.',
  MANAGER: "Manages at least one department; sees every department's numbers.",
  ADMIN: 'Runs the desk: every ticket and department, keys and settings.',
});

describeEnum(DepartmentRole, 'DepartmentRole', 'What a person does in one department.', {
  STAFF: "Works the department's queue and tickets.",
  MANAGER: "Works its queue and also runs the department: its canned responses, its staff's escalations.",
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

@ObjectType({ description: 'A department a person works in, and as what.' })
export class DepartmentMembership {
  @Field(() => DepartmentRole, { description: 'STAFF or MANAGER in this department.' })
  role!: DepartmentRole;

  @Field(() => Date, { description: 'Since when.' })
  createdAt!: Date;
}
