import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { ConnectionOf } from '../relay/relay.types.js';
import { describeEnum } from '../schema-enum.js';
import { User } from '../users/user.type.js';
import { AUDIT_ACTION_MEANINGS, AuditAction } from './audit-action.js';

describeEnum(AuditAction, 'AuditAction', 'A kind of admin or permission-relevant action the audit log records.', AUDIT_ACTION_MEANINGS);

@ObjectType({
  description: 'One entry of the audit log: who did what, to which record, when and from where. Entries are never changed or removed.',
})
export class AuditEntry {
  @Field(() => ID, { description: 'The entry’s id.' })
  id!: string;

  @Field(() => Date, { description: 'When it happened.' })
  at!: Date;

  @Field(() => AuditAction, { description: 'What happened.' })
  action!: AuditAction;

  @Field(() => User, { nullable: true, description: 'The person who acted; null for an API key, the first-run setup link or the system.' })
  actor?: User | null;

  @Field(() => String, { nullable: true, description: 'The IP address the action came from, when it came over HTTP.' })
  address!: string | null;

  @Field(() => String, { nullable: true, description: 'The type of record acted on, e.g. User, Invitation, ApiKey.' })
  subjectType!: string | null;

  @Field(() => ID, { nullable: true, description: 'The global ID of the record acted on (pass it to `node`), when there is one.' })
  subjectId!: string | null;

  @Field(() => String, { description: 'What changed, as a JSON object of ids, roles and setting names (never personal data).' })
  details!: string;
}

@ObjectType({ description: 'A kind of audited action and what it means, for filters and legends.' })
export class AuditActionInfo {
  @Field(() => AuditAction, { description: 'The action.' })
  action!: AuditAction;

  @Field(() => String, { description: 'What it records, in a sentence.' })
  meaning!: string;
}

@ObjectType({ description: 'A page of the audit log, newest first.' })
export class AuditEntryConnection extends ConnectionOf(AuditEntry, 'AuditEntry', 'audit entry', 'audit entries') {}

@InputType({ description: 'Narrows the audit log; every given condition must hold.' })
export class AuditLogFilter {
  @Field(() => [AuditAction], { nullable: true, description: 'Only these kinds of action.' })
  actions?: AuditAction[] | null;

  @Field(() => ID, { nullable: true, description: 'Only what this person did (a User’s global ID).' })
  actorId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only what was done to this record (any global ID, e.g. a User or an Invitation).' })
  subjectId!: string | null;

  @Field(() => Date, { nullable: true, description: 'Only entries at or after this time.' })
  since?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Only entries before this time.' })
  until?: Date | null;
}
