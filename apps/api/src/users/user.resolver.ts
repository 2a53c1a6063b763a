import type { AuditEntryView } from '../audit/audit.service.js';
import { AuditEntry } from '../audit/audit.type.js';
import type { DepartmentMembership as MembershipRow, User as UserRow } from '@studentdesk/db';
import { LANGUAGES, PERSON_NAME_MAX } from '@studentdesk/domain';
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { enforce, viewerUser } from '../auth/viewer.js';
import type { Context } from '../context.js';
import { Department } from '../departments/department.type.js';
import { staffMembers } from './staff-directory.service.js';
import { setMyLanguage } from './user-language.service.js';
import { updateMyProfile } from './user-profile.service.js';
import * as userPolicy from './user.policy.js';
import { DepartmentMembership, EmailPreferences, UpdateMyProfileInput, User } from './user.type.js';
import { LIST_MAXIMUM, MaxItems } from '../limits/list-maximums.js';

@Resolver(() => User)
export class UserResolver {
  @Query(() => User, { nullable: true, description: 'The signed-in person; null when nobody is signed in.' })
  me(@Ctx() ctx: Context): UserRow | null {
    return viewerUser(ctx.viewer);
  }

  @Mutation(() => User, {
    description: `The signed-in person's language for the portal, the console and their emails: a BCP 47 tag (${LANGUAGES.join(', ')}), or null to follow the browser's. Any other tag is BAD_USER_INPUT on field "language".`,
  })
  setMyLanguage(
    @Arg('language', () => String, { nullable: true, description: 'The language tag, or null.' }) language: string | null,
    @Ctx() ctx: Context,
  ): Promise<UserRow> {
    return setMyLanguage(ctx, language ?? null);
  }

  @Mutation(() => User, {
    description: `The signed-in person changes their own name (1 to ${PERSON_NAME_MAX} characters, trimmed; otherwise BAD_USER_INPUT on field "input.name") and which emails about their tickets they want. Fields left out stay as they are.`,
  })
  updateMyProfile(
    @Arg('input', () => UpdateMyProfileInput, { description: 'What to change.' }) input: UpdateMyProfileInput,
    @Ctx() ctx: Context,
  ): Promise<UserRow> {
    return updateMyProfile(ctx, input);
  }

  @Query(() => [User], {
    description: 'Staff: the active staff of a department (yours by default), by name — whom a ticket can be assigned to.',
  })
  @MaxItems(LIST_MAXIMUM.staffMembers)
  staffMembers(
    @Ctx() ctx: Context,
    @Arg('departmentId', () => ID, { nullable: true, description: 'The department.' }) departmentId?: string | null,
  ): Promise<UserRow[]> {
    return staffMembers(ctx, departmentId);
  }

  @FieldResolver(() => Department, {
    nullable: true,
    description: 'The primary department of a staff member: the first they joined (see `memberships` for all of them).',
  })
  async department(@Root() user: UserRow, @Ctx() ctx: Context) {
    const [primary] = await ctx.loaders.memberships.load(user.id);
    return primary ? ctx.loaders.department.load(primary.departmentId) : null;
  }

  @FieldResolver(() => [DepartmentMembership], {
    description: 'Every department the person works in, with their role there, the primary (first joined) first. Empty for students.',
  })
  @MaxItems(LIST_MAXIMUM.membershipsPerPerson)
  memberships(@Root() user: UserRow, @Ctx() ctx: Context): Promise<MembershipRow[]> {
    return ctx.loaders.memberships.load(user.id);
  }

  @FieldResolver(() => String, {
    description: 'Email address; also the sign-in name. Only the person and staff may read it: anyone else gets FORBIDDEN.',
  })
  email(@Root() user: UserRow, @Ctx() ctx: Context): string {
    enforce(userPolicy.canSeeContactDetails(ctx.viewer, user));
    return user.email;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Student number; visible to the student and to staff.' })
  studentNumber(@Root() user: UserRow, @Ctx() ctx: Context): string | null {
    return userPolicy.canSeeContactDetails(ctx.viewer, user).allowed ? user.studentNumber : null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: `The language the person reads StudentDesk in (${LANGUAGES.join(', ')}), null when they follow their browser's. Visible to the person and to staff (who write to them in it); null for anyone else.`,
  })
  language(@Root() user: UserRow, @Ctx() ctx: Context): string | null {
    return userPolicy.canSeeLanguage(ctx.viewer, user).allowed ? user.language : null;
  }

  @FieldResolver(() => EmailPreferences, {
    nullable: true,
    description:
      'Which emails about the tickets they reported the person wants (set with updateMyProfile). Visible to the person only; null for anyone else.',
  })
  emailPreferences(@Root() user: UserRow, @Ctx() ctx: Context): EmailPreferences | null {
    return userPolicy.canSeeEmailPreferences(ctx.viewer, user).allowed ? user : null;
  }

  @FieldResolver(() => Boolean, {
    description: 'False once an admin deactivated the account: it cannot sign in, and nothing is assigned to it.',
  })
  active(@Root() user: UserRow): boolean {
    return !user.deactivatedAt;
  }
}

@Resolver(() => DepartmentMembership)
export class DepartmentMembershipResolver {
  @FieldResolver(() => Department, { description: 'The department.' })
  async department(@Root() membership: MembershipRow, @Ctx() ctx: Context) {
    return ctx.loaders.department.load(membership.departmentId);
  }
}

/** The person behind an audit entry: admins read the log, and admins may see every account. */
@Resolver(() => AuditEntry)
export class AuditEntryActorResolver {
  @FieldResolver(() => User, {
    nullable: true,
    description: 'The person who acted; null for an API key, the first-run setup link or the system.',
  })
  actor(@Root() entry: AuditEntryView, @Ctx() ctx: Context) {
    return entry.actorUserId ? ctx.loaders.user.load(entry.actorUserId) : null;
  }
}
