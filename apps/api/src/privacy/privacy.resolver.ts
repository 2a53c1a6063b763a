import { RetentionRuleKind } from '@studentdesk/db';
import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../context.js';
import { LIST_MAXIMUM, MaxItems } from '../limits/list-maximums.js';
import { User } from '../users/user.type.js';
import { erasePerson, previewErasure } from './erasure.service.js';
import { findPeople, listRetentionRules, previewRetentionRule, setRetentionRule } from './privacy.service.js';
import { ErasurePlan, RetentionPreview, RetentionRule } from './privacy.type.js';

const REDACT = {
  nullable: true,
  defaultValue: false,
  description:
    'Also replace the text they wrote (messages, ticket descriptions, rating comments) with a note that it was removed. Without it the text stays: tickets are the school’s records.',
};

@Resolver()
export class PrivacyResolver {
  @MaxItems(LIST_MAXIMUM.privacyPeople)
  @Query(() => [User], {
    description:
      'Admins: people (any role, erased ones last) whose name, email address or student number contains `search`, for the privacy page. At most 20.',
  })
  privacyPeople(@Arg('search', () => String, { description: 'At least 2 characters.' }) search: string, @Ctx() ctx: Context) {
    return findPeople(ctx, search);
  }

  @Query(() => ErasurePlan, {
    description:
      'Admins: the dry run of erasePerson: what erasing this person would change, per table, and whether it is refused. Writes nothing.',
  })
  previewErasure(
    @Arg('userId', () => ID, { description: 'The person.' }) userId: string,
    @Arg('redactText', () => Boolean, REDACT) redactText: boolean,
    @Ctx() ctx: Context,
  ) {
    return previewErasure(ctx, userId, redactText ?? false);
  }

  @Mutation(() => ErasurePlan, {
    description:
      'Admins: erase a person, in one transaction: the account becomes “Former student” (or “Former staff member”) with a non-deliverable address; their sign-ins, single sign-on identities, password resets, invitations, emails and tracking links are removed and every session ends at once. Their tickets are kept under the new name. The last active admin, and one’s own account, cannot be erased (BAD_USER_INPUT).',
  })
  erasePerson(
    @Arg('userId', () => ID, { description: 'The person.' }) userId: string,
    @Arg('confirm', () => String, { description: 'The person’s email address, typed again: a wrong one is BAD_USER_INPUT on "confirm".' })
    confirm: string,
    @Arg('redactText', () => Boolean, REDACT) redactText: boolean,
    @Ctx() ctx: Context,
  ) {
    return erasePerson(ctx, userId, confirm, redactText ?? false);
  }

  @MaxItems(LIST_MAXIMUM.retentionRules)
  @Query(() => [RetentionRule], { description: 'Admins: every retention rule, set or not (an unset rule is off).' })
  retentionRules(@Ctx() ctx: Context) {
    return listRetentionRules(ctx);
  }

  @Query(() => RetentionPreview, {
    description: 'Admins: the dry run of a retention rule: how many rows it would remove now, with samples. Removes nothing.',
  })
  previewRetention(
    @Arg('kind', () => RetentionRuleKind, { description: 'The rule.' }) kind: RetentionRuleKind,
    @Arg('afterDays', () => Int, { nullable: true, description: 'Try this age instead of the saved one.' })
    afterDays: number | null | undefined,
    @Ctx() ctx: Context,
  ) {
    return previewRetentionRule(ctx, kind, afterDays);
  }

  @Mutation(() => RetentionRule, {
    description: 'Admins: set a retention rule. The daily retention job applies enabled rules; preview first.',
  })
  setRetentionRule(
    @Arg('kind', () => RetentionRuleKind, { description: 'The rule.' }) kind: RetentionRuleKind,
    @Arg('afterDays', () => Int, { description: 'Remove rows older than this many days (30 to 36500).' }) afterDays: number,
    @Arg('enabled', () => Boolean, { description: 'Whether the job applies it.' }) enabled: boolean,
    @Ctx() ctx: Context,
  ) {
    return setRetentionRule(ctx, kind, afterDays, enabled);
  }
}
