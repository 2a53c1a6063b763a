import { Role } from '@studentdesk/db';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Department } from '../departments/department.type.js';
import { ConnectionOf, Node } from '../relay/relay.types.js';
import { describeEnum } from '../schema-enum.js';
import { User } from '../users/user.type.js';

export const InvitationStatus = { PENDING: 'PENDING', ACCEPTED: 'ACCEPTED', EXPIRED: 'EXPIRED', REVOKED: 'REVOKED' } as const;
export type InvitationStatus = (typeof InvitationStatus)[keyof typeof InvitationStatus];

describeEnum(InvitationStatus, 'InvitationStatus', 'Where an invitation is.', {
  PENDING: 'Sent; the link works until it expires.',
  ACCEPTED: 'The person chose a password: they have an account.',
  EXPIRED: 'Not accepted within 7 days; invite again.',
  REVOKED: 'An admin withdrew it (or a newer invitation to the same address replaced it).',
});

@ObjectType({ implements: Node, description: 'An admin’s invitation to join the desk as staff. The link itself is only in the email.' })
export class Invitation extends Node {
  @Field(() => String, { description: 'Where the invitation was sent; the sign-in name of the account it creates.' })
  email!: string;

  @Field(() => String, { description: 'The name the account will have.' })
  name!: string;

  @Field(() => Role, { description: 'STAFF, MANAGER or ADMIN.' })
  role!: Role;

  @Field(() => Date, { description: 'When it was sent.' })
  createdAt!: Date;

  @Field(() => Date, { description: 'When the link stops working.' })
  expiresAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it was accepted.' })
  acceptedAt!: Date | null;

  @Field(() => Department, { description: 'The department the person will work in.' })
  department?: Department;

  @Field(() => User, { nullable: true, description: 'The admin who sent it.' })
  invitedBy?: User | null;
}

@ObjectType({ description: 'A page of invitations, newest first.' })
export class InvitationConnection extends ConnectionOf(Invitation, 'Invitation', 'invitation', 'invitations') {}

@ObjectType({ description: 'A page of staff accounts (staff, managers, admins), newest first.' })
export class StaffAccountConnection extends ConnectionOf(User, 'StaffAccount', 'staff account', 'staff accounts') {}

@InputType({ description: 'Whom to invite, and to do what.' })
export class InviteStaffInput {
  @Field(() => String, { description: 'Their email address: the invitation goes there, and it becomes their sign-in name.' })
  email!: string;

  @Field(() => String, { description: 'Their full name, as they want to be greeted.' })
  name!: string;

  @Field(() => Role, { description: 'STAFF, MANAGER or ADMIN (students sign up through the school, not by invitation).' })
  role!: Role;

  @Field(() => ID, { description: 'The department they will work in.' })
  departmentId!: string;
}
