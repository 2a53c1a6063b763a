import { DepartmentRole, Role } from '@studentdesk/db';
import { PERSON_NAME_MAX } from '@studentdesk/domain';
import { Field, InputType, ObjectType } from 'type-graphql';
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

@ObjectType({
  description:
    'Which emails about the tickets a person reported signed in they want. Essential mail (tracking links, password resets, a resolved ticket) is always sent.',
})
export class EmailPreferences {
  @Field(() => Boolean, { description: 'Emailed when staff answer (a reply or a known-issue update).' })
  staffReplyEmails!: boolean;

  @Field(() => Boolean, { description: 'The one reminder to rate a resolved ticket.' })
  ratingReminderEmails!: boolean;
}

@InputType({ description: 'What to change on one’s own account; a field left out stays as it is.' })
export class UpdateMyProfileInput {
  @Field(() => String, {
    nullable: true,
    description: `The name to be greeted with: 1 to ${PERSON_NAME_MAX} characters once spaces at either end are trimmed.`,
  })
  name?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Emailed when staff answer a ticket one reported signed in.' })
  staffReplyEmails?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'The one reminder to rate a resolved ticket one reported signed in.' })
  ratingReminderEmails?: boolean | null;
}
