import type { AutomationRule as AutomationRuleRow, Message as MessageRow, TicketEvent as TicketEventRow } from '@studentdesk/db';
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context.js';
import { Department } from '../departments/department.type.js';
import { LIST_MAXIMUM, MaxItems } from '../limits/list-maximums.js';
import { Message } from '../tickets/message.type.js';
import { seesInternal } from '../tickets/ticket.policy.js';
import { TicketEvent } from '../tickets/ticket.type.js';
import * as automation from './automation.service.js';
import {
  AutomationAction,
  AutomationCondition,
  AutomationDryRun,
  AutomationRule,
  AutomationRuleInput,
  AutomationTrigger,
} from './automation.type.js';

@Resolver(() => AutomationRule)
export class AutomationRuleResolver {
  @Query(() => [AutomationRule], { description: 'Staff: the automation rules of your departments and the school-wide ones, by name.' })
  @MaxItems(LIST_MAXIMUM.automationRules)
  automationRules(@Ctx() ctx: Context): Promise<AutomationRuleRow[]> {
    return automation.listRules(ctx);
  }

  @Query(() => AutomationDryRun, {
    description: 'Managers (their departments) and admins: which tickets you may see the rule (saved or not) would act on now.',
  })
  automationDryRun(
    @Arg('input', () => AutomationRuleInput, { description: 'The rule as edited.' }) input: AutomationRuleInput,
    @Ctx() ctx: Context,
  ) {
    return automation.dryRun(ctx, input);
  }

  @Mutation(() => AutomationRule, {
    description: 'Managers: a rule for a department they manage; admins: for any department or the whole school.',
  })
  createAutomationRule(
    @Arg('input', () => AutomationRuleInput, { description: 'The rule.' }) input: AutomationRuleInput,
    @Ctx() ctx: Context,
  ) {
    return automation.createRule(ctx, input);
  }

  @Mutation(() => AutomationRule, { description: 'Change a rule (as createAutomationRule, and its managers or admins only).' })
  updateAutomationRule(
    @Arg('id', () => ID, { description: 'The rule.' }) id: string,
    @Arg('input', () => AutomationRuleInput, { description: 'The rule as it is to be.' }) input: AutomationRuleInput,
    @Ctx() ctx: Context,
  ) {
    return automation.updateRule(ctx, id, input);
  }

  @Mutation(() => AutomationRule, { description: 'Switch a rule on or off.' })
  setAutomationRuleEnabled(
    @Arg('id', () => ID, { description: 'The rule.' }) id: string,
    @Arg('enabled', () => Boolean, { description: 'Whether it fires.' }) enabled: boolean,
    @Ctx() ctx: Context,
  ) {
    return automation.setRuleEnabled(ctx, id, enabled);
  }

  @Mutation(() => ID, { description: 'Delete a rule. Returns its ID.' })
  deleteAutomationRule(@Arg('id', () => ID, { description: 'The rule.' }) id: string, @Ctx() ctx: Context) {
    return automation.deleteRule(ctx, id);
  }

  @FieldResolver(() => Department, { nullable: true, description: 'The department whose tickets it acts on; null: every department.' })
  department(@Root() rule: AutomationRuleRow, @Ctx() ctx: Context) {
    return rule.departmentId ? ctx.loaders.department.load(rule.departmentId) : null;
  }

  @FieldResolver(() => AutomationTrigger, { description: 'When it is looked at.' })
  trigger(@Root() rule: AutomationRuleRow) {
    return automation.ruleView(rule).trigger;
  }

  @FieldResolver(() => [AutomationCondition], { description: 'What a ticket must meet, all of them.' })
  @MaxItems(LIST_MAXIMUM.automationConditions)
  conditions(@Root() rule: AutomationRuleRow) {
    return automation.ruleView(rule).conditions;
  }

  @FieldResolver(() => [AutomationAction], { description: 'What it does, in order.' })
  @MaxItems(LIST_MAXIMUM.automationActions)
  actions(@Root() rule: AutomationRuleRow) {
    return automation.ruleView(rule).actions;
  }
}

@Resolver(() => Message)
export class MessageAutomationResolver {
  @FieldResolver(() => Boolean, { description: 'True for a message an automation rule wrote (its author is then null).' })
  async automated(@Root() message: MessageRow, @Ctx() ctx: Context): Promise<boolean> {
    return (await automation.automationRuleNameOfMessage(ctx, message)) !== null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Staff working the ticket: the automation rule that wrote the message; null otherwise.',
  })
  async automationRuleName(@Root() message: MessageRow, @Ctx() ctx: Context): Promise<string | null> {
    const ticket = await ctx.loaders.ticket.load(message.ticketId);
    return ticket && seesInternal(ctx.viewer, ticket) ? automation.automationRuleNameOfMessage(ctx, message) : null;
  }
}

@Resolver(() => TicketEvent)
export class TicketEventAutomationResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description: 'For a change an automation rule made: the rule’s name when it fired (the actor is then null).',
  })
  automationRuleName(@Root() event: TicketEventRow): string | null {
    return automation.automationRuleNameOf(event);
  }
}
