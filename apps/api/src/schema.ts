// The GraphQL schema, built from the resolvers of every domain folder.
import 'reflect-metadata';
import type { GraphQLInterfaceType } from 'graphql';
import { buildSchema } from 'type-graphql';
import { AuditEntryResolver } from './audit/audit.resolver.js';
import { ArticleResolver, ArticleVersionResolver } from './articles/article.resolver.js';
import { AuthResolver } from './account/account.resolver.js';
import { CannedResponseResolver } from './canned-responses/canned-response.resolver.js';
import { CategoryResolver, DepartmentResolver } from './departments/department.resolver.js';
import { EmailMessageResolver } from './notifications/email.resolver.js';
import {
  DepartmentEmailResolver,
  InboundEmailResolver,
  MessageEmailResolver,
  TicketEmailResolver,
} from './mail-in/inbound-email.resolver.js';
import { FailedBackgroundJobResolver } from './failed-jobs/failed-job.resolver.js';
import { IncidentResolver, TicketIncidentResolver } from './incidents/incident.resolver.js';
import { InsightsResolver } from './insights/insights.resolver.js';
import { SatisfactionResolver } from './insights/satisfaction.resolver.js';
import { ApiKeyResolver, AuditEntryApiKeyResolver } from './integrations/api-key.resolver.js';
import { WebhookDeliveryResolver, WebhookResolver } from './integrations/webhook.resolver.js';
import { RatingResolver, TicketRatingResolver } from './ratings/rating.resolver.js';
import type { TicketPubSub } from './realtime/pubsub.js';
import { NodeResolver } from './node.resolver.js';
import { nodeTypeOf } from './relay/relay.types.js';
import { TicketSlaResolver } from './tickets/ticket-sla.resolver.js';
import { SuggestionCommentResolver, SuggestionResolver } from './suggestions/suggestion.resolver.js';
import { MessageResolver, TicketConversationResolver, TicketEventResolver } from './tickets/conversation.resolver.js';
import { TicketPresenceResolver } from './tickets/presence.subscription.js';
import { ReplyDraftResolver } from './tickets/reply-draft.resolver.js';
import { QueueSubscriptionResolver } from './tickets/queue.subscription.js';
import { TicketConnectionResolver, TicketResolver } from './tickets/ticket.resolver.js';
import { TicketBulkResolver } from './tickets/ticket.bulk.resolver.js';
import { TicketTransferResolver } from './tickets/ticket.transfer.resolver.js';
import { TicketLinksResolver } from './tickets/ticket.links.resolver.js';
import { TicketSubscriptionResolver } from './tickets/ticket.subscription.js';
import { SignInOptionsResolver } from './sso/sign-in-options.resolver.js';
import { DepartmentServiceResolver, HolidayResolver, SlaPolicyResolver } from './sla/sla.resolver.js';
import { SchoolResolver } from './school/school.resolver.js';
import { StudentPanelResolver } from './student-panel/student-panel.resolver.js';
import { AuditEntryActorResolver, DepartmentMembershipResolver, UserResolver } from './users/user.resolver.js';
import { PeopleImportResolver } from './imports/people-import.resolver.js';
import { InvitationResolver, PeopleResolver } from './people/people.resolver.js';
import { PrivacyResolver } from './privacy/privacy.resolver.js';
import { SavedViewResolver } from './saved-views/saved-view.resolver.js';
import { LostLinkResolver } from './tickets/lost-link.resolver.js';
import { AutomationRuleResolver, MessageAutomationResolver, TicketEventAutomationResolver } from './automation/automation.resolver.js';
import { StaffNotificationResolver, TicketFollowResolver } from './staff-notifications/staff-notification.resolver.js';
import { StaffNotificationSubscriptionResolver } from './staff-notifications/staff-notification.subscription.js';
import { MacroResolver, TicketEventMacroResolver } from './macros/macro.resolver.js';
import { TagResolver, TicketEventTagsResolver, TicketTagsResolver } from './tags/tag.resolver.js';
import { DateTimeScalar } from './date-time.scalar.js';

/** `pubSub` is the one subscriptions listen on (type-graphql requires it even with custom subscribe). */
export async function createSchema(pubSub: TicketPubSub) {
  const schema = await buildSchema({
    pubSub,
    resolvers: [
      ApiKeyResolver,
      ArticleResolver,
      AuditEntryActorResolver,
      AuditEntryApiKeyResolver,
      AuditEntryResolver,
      ArticleVersionResolver,
      AuthResolver,
      CannedResponseResolver,
      CategoryResolver,
      DepartmentResolver,
      DepartmentServiceResolver,
      EmailMessageResolver,
      DepartmentEmailResolver,
      InboundEmailResolver,
      MessageEmailResolver,
      TicketEmailResolver,
      FailedBackgroundJobResolver,
      HolidayResolver,
      IncidentResolver,
      InsightsResolver,
      InvitationResolver,
      LostLinkResolver,
      MacroResolver,
      MessageResolver,
      NodeResolver,
      PeopleResolver,
      PeopleImportResolver,
      PrivacyResolver,
      QueueSubscriptionResolver,
      TicketPresenceResolver,
      ReplyDraftResolver,
      RatingResolver,
      SatisfactionResolver,
      SavedViewResolver,
      AutomationRuleResolver,
      TicketEventAutomationResolver,
      MessageAutomationResolver,
      SignInOptionsResolver,
      SlaPolicyResolver,
      StaffNotificationResolver,
      StaffNotificationSubscriptionResolver,
      SchoolResolver,
      StudentPanelResolver,
      SuggestionCommentResolver,
      SuggestionResolver,
      TagResolver,
      TicketEventMacroResolver,
      TicketEventTagsResolver,
      TicketTagsResolver,
      TicketConnectionResolver,
      TicketFollowResolver,
      TicketConversationResolver,
      TicketEventResolver,
      TicketIncidentResolver,
      TicketRatingResolver,
      TicketResolver,
      TicketBulkResolver,
      TicketTransferResolver,
      TicketLinksResolver,
      TicketSlaResolver,
      TicketSubscriptionResolver,
      UserResolver,
      DepartmentMembershipResolver,
      WebhookDeliveryResolver,
      WebhookResolver,
    ],
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    validate: { forbidUnknownValues: false, validationError: { target: false, value: false } },
  });
  // type-graphql wraps every resolveType in an async function; compiled execution
  // (compiled-execution.ts) needs the concrete type at once.
  (schema.getType('Node') as GraphQLInterfaceType).resolveType = nodeTypeOf;
  // type-graphql cannot describe the root types; integrators read these first in GraphiQL.
  schema.getQueryType()!.description = 'Everything you can read: tickets, people, departments and the numbers.';
  schema.getMutationType()!.description =
    'Everything you can change: report, reply, assign, resolve, reopen, rate, sign in, and (admins) API keys and webhooks.';
  schema.getSubscriptionType()!.description = 'Live updates over graphql-ws on the same URL as queries.';
  return schema;
}
