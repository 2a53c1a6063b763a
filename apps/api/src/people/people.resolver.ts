import { DepartmentRole, type Invitation as InvitationRow, type User as UserRow } from '@studentdesk/db';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AuthPayload } from '../account/account.type.js';
import { PASSWORD_MIN_LENGTH } from '@studentdesk/domain';
import type { Context } from '../context.js';
import { Department } from '../departments/department.type.js';
import { PageArgs } from '../relay/pagination.js';
import { User } from '../users/user.type.js';
import { acceptInvitation, invitationStatus, inviteStaff, listInvitations, revokeInvitation } from './invitation.service.js';
import { removeMembership, setMembership } from './membership.service.js';
import { deactivateUser, listStaffAccounts, reactivateUser } from './people.service.js';
import { Invitation, InvitationConnection, InvitationStatus, InviteStaffInput, StaffAccountConnection } from './people.type.js';

@Resolver(() => Invitation)
export class InvitationResolver {
  @Query(() => InvitationConnection, { description: 'Admins: every invitation sent, newest first.' })
  async invitations(@Ctx() ctx: Context, @Args(() => PageArgs) page: PageArgs): Promise<InvitationConnection> {
    return await listInvitations(ctx, page);
  }

  @Mutation(() => Invitation, {
    description:
      'Admins: invite someone to join as staff, manager or admin of a department. They get an email with a link, valid 7 days and usable once, to choose a password. A pending invitation to the same address is replaced; an address that already has an account is BAD_USER_INPUT.',
  })
  inviteStaff(@Arg('input', () => InviteStaffInput, { description: 'Who, and as what.' }) input: InviteStaffInput, @Ctx() ctx: Context) {
    return inviteStaff(ctx, input);
  }

  @Mutation(() => Invitation, { description: 'Admins: withdraw a pending invitation; its link stops working.' })
  revokeInvitation(@Arg('id', () => ID, { description: 'The invitation’s global ID.' }) id: string, @Ctx() ctx: Context) {
    return revokeInvitation(ctx, id);
  }

  @Mutation(() => AuthPayload, {
    description:
      'Accept an invitation with the token from its email: creates the account with the chosen password and signs it in. An expired, withdrawn or used token is BAD_USER_INPUT on field "token".',
  })
  acceptInvitation(
    @Arg('token', () => String, { description: 'The token from the invitation link.' }) token: string,
    @Arg('password', () => String, {
      description: `The password to choose: at least ${PASSWORD_MIN_LENGTH} characters, not a common one, not containing the email address.`,
    })
    password: string,
    @Ctx() ctx: Context,
  ) {
    return acceptInvitation(ctx, token, password);
  }

  @FieldResolver(() => InvitationStatus, { description: 'Pending, accepted, expired or revoked.' })
  status(@Root() invitation: InvitationRow, @Ctx() ctx: Context): InvitationStatus {
    return invitationStatus(invitation, ctx.app.clock.now());
  }

  @FieldResolver(() => Department, { description: 'The department the person will work in.' })
  async department(@Root() invitation: InvitationRow, @Ctx() ctx: Context) {
    return ctx.loaders.department.load(invitation.departmentId);
  }

  @FieldResolver(() => User, { nullable: true, description: 'The admin who sent it.' })
  invitedBy(@Root() invitation: InvitationRow, @Ctx() ctx: Context) {
    return invitation.invitedById ? ctx.loaders.user.load(invitation.invitedById) : null;
  }
}

@Resolver()
export class PeopleResolver {
  @Query(() => StaffAccountConnection, {
    description: 'Admins: every staff, manager and admin account, deactivated ones included, newest first.',
  })
  async staffAccounts(@Ctx() ctx: Context, @Args(() => PageArgs) page: PageArgs): Promise<StaffAccountConnection> {
    return await listStaffAccounts(ctx, page);
  }

  @Mutation(() => User, {
    description:
      'Admins: deactivate an account. Every session of it ends at once. Its open tickets go to `reassignTo` (an active colleague of the same department, or an admin) or, without it, back to the unassigned queue; each move is in the ticket’s history.',
  })
  deactivateUser(
    @Arg('userId', () => ID, { description: 'The person to deactivate.' }) userId: string,
    @Arg('reassignTo', () => ID, { nullable: true, description: 'Who takes over their open tickets; omit to leave them unassigned.' })
    reassignTo: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<UserRow> {
    return deactivateUser(ctx, userId, reassignTo);
  }

  @Mutation(() => User, {
    description:
      'Admins: make a staff member, manager or admin a member of a department as STAFF or MANAGER (adding it, or changing their role there). Their kind (`User.role`) follows: MANAGER when they manage any department. Students cannot be members: BAD_USER_INPUT.',
  })
  setMembership(
    @Arg('userId', () => ID, { description: 'The person.' }) userId: string,
    @Arg('departmentId', () => ID, { description: 'The department.' }) departmentId: string,
    @Arg('role', () => DepartmentRole, { description: 'STAFF or MANAGER in that department.' }) role: DepartmentRole,
    @Ctx() ctx: Context,
  ): Promise<UserRow> {
    return setMembership(ctx, userId, departmentId, role);
  }

  @Mutation(() => User, {
    description:
      'Admins: take a person out of a department. They stop seeing its queue at their next request; tickets assigned to them stay theirs. Not a member: nothing changes.',
  })
  removeMembership(
    @Arg('userId', () => ID, { description: 'The person.' }) userId: string,
    @Arg('departmentId', () => ID, { description: 'The department.' }) departmentId: string,
    @Ctx() ctx: Context,
  ): Promise<UserRow> {
    return removeMembership(ctx, userId, departmentId);
  }

  @Mutation(() => User, { description: 'Admins: let a deactivated account sign in again. Its former tickets stay where they went.' })
  reactivateUser(
    @Arg('userId', () => ID, { description: 'The person to reactivate.' }) userId: string,
    @Ctx() ctx: Context,
  ): Promise<UserRow> {
    return reactivateUser(ctx, userId);
  }
}
