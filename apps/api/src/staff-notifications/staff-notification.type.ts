import { StaffNotificationKind } from '@studentdesk/db';
import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { ConnectionOf, Node } from '../relay/relay.types.js';
import { describeEnum } from '../schema-enum.js';

describeEnum(StaffNotificationKind, 'StaffNotificationKind', 'What a staff notification is about.', {
  ASSIGNED_TO_ME: 'Someone else assigned a ticket to you.',
  STUDENT_REPLIED: 'The student replied on a ticket assigned to you or that you follow.',
  SLA_ABOUT_TO_BREACH: 'A ticket assigned to you is due (first answer or resolution) within the hour.',
  MENTIONED: 'A colleague mentioned you in an internal note.',
});

@ObjectType({ implements: Node, description: 'Something a staff member should know about a ticket; only its recipient sees it.' })
export class StaffNotification extends Node {
  @Field(() => StaffNotificationKind, { description: 'What happened.' })
  kind!: StaffNotificationKind;

  @Field(() => String, { nullable: true, description: 'SLA_ABOUT_TO_BREACH: FIRST_RESPONSE or RESOLUTION.' })
  slaTarget!: string | null;

  @Field(() => Date, { nullable: true, description: 'SLA_ABOUT_TO_BREACH: when the answer or resolution is due.' })
  dueAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When you read it (opened it, or opened its ticket); null while unread.' })
  readAt!: Date | null;

  @Field(() => Date, { description: 'When it happened.' })
  createdAt!: Date;
}

@ObjectType({ description: 'A page of your notifications, newest first.' })
export class StaffNotificationConnection extends ConnectionOf(StaffNotification, 'StaffNotification', 'notification', 'notifications') {}

@ObjectType({ description: 'How you hear of one kind of notification.' })
export class StaffNotificationSetting {
  @Field(() => StaffNotificationKind, { description: 'The kind.' })
  kind!: StaffNotificationKind;

  @Field(() => Boolean, { description: 'Shown in the console bell.' })
  console!: boolean;

  @Field(() => Boolean, { description: 'Emailed (several within a few minutes arrive as one email).' })
  email!: boolean;
}

@InputType({ description: 'How you want to hear of one kind of notification.' })
export class NotificationSettingInput {
  @Field(() => StaffNotificationKind, { description: 'The kind.' })
  kind!: StaffNotificationKind;

  @Field(() => Boolean, { description: 'Show it in the console bell.' })
  console!: boolean;

  @Field(() => Boolean, { description: 'Email it.' })
  email!: boolean;
}

@ObjectType({ description: 'The result of marking every notification read.' })
export class MarkAllNotificationsReadPayload {
  @Field(() => Int, { description: 'How many were unread.' })
  marked!: number;
}
