import { ArrayMaxSize, ArrayMinSize, Length } from 'class-validator';
import { Field, InputType, ObjectType } from 'type-graphql';
import { describeEnum } from '../schema-enum.js';
import type { ApiScope } from '../auth/scopes.js';
import { ConnectionOf, Node } from '../relay/relay.types.js';
import { User } from '../users/user.type.js';

/** GraphQL names for the scopes; the values are the scope words of errors and docs. */
export const ApiKeyScope = {
  TICKETS_READ: 'tickets:read',
  TICKETS_WRITE: 'tickets:write',
  RATINGS_READ: 'ratings:read',
  INSIGHTS_READ: 'insights:read',
  WEBHOOKS_MANAGE: 'webhooks:manage',
  SCIM_PROVISION: 'scim:provision',
} as const satisfies Record<string, ApiScope>;

describeEnum(ApiKeyScope, 'ApiKeyScope', 'What an API key may do. Errors name the missing scope in its short form, e.g. `tickets:read`.', {
  TICKETS_READ: '`tickets:read`: every ticket, its public messages, history and people (never internal notes).',
  TICKETS_WRITE: '`tickets:write`: report problems on behalf of students (channel API).',
  RATINGS_READ: '`ratings:read`: the ratings of the tickets the key can read.',
  INSIGHTS_READ: '`insights:read`: the satisfaction report for every department.',
  WEBHOOKS_MANAGE: '`webhooks:manage`: create, change and delete webhooks, see deliveries and redeliver.',
  SCIM_PROVISION:
    '`scim:provision`: the identity provider (Entra ID, Okta) creates, changes and deactivates people over SCIM at `/scim/v2`; a key with it has no other scope.',
});

@ObjectType({
  implements: Node,
  description: "A key one of the school's other systems uses to call the API. The key itself is shown only once, when created.",
})
export class ApiKey extends Node {
  @Field(() => String, { description: 'What the key is for, e.g. "Moodle LMS".' })
  name!: string;

  @Field(() => String, { description: 'The first characters of the key, to tell keys apart (e.g. `sdk_Ab3dE9xQ`).' })
  prefix!: string;

  @Field(() => [ApiKeyScope], { description: 'What the key may do.' })
  scopes!: ApiScope[];

  @Field(() => Date, { description: 'When it was created.' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it was last used, to the minute; null if never.' })
  lastUsedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it stops working by itself; null for never.' })
  expiresAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When an admin revoked it; null while it works.' })
  revokedAt!: Date | null;

  @Field(() => User, { nullable: true, description: 'The admin who created it.' })
  createdBy?: User | null;
}

@ObjectType({ description: 'A page of API keys, newest first.' })
export class ApiKeyConnection extends ConnectionOf(ApiKey, 'ApiKey', 'API key', 'API keys') {}

@InputType({ description: 'A new API key.' })
export class CreateApiKeyInput {
  @Field(() => String, { description: 'What the key is for, e.g. "Moodle LMS" (1 to 100 characters).' })
  @Length(1, 100)
  name!: string;

  @Field(() => [ApiKeyScope], { description: 'What the key may do; at least one scope.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  scopes!: ApiScope[];

  @Field(() => Date, { nullable: true, description: 'When the key stops working by itself; omit for never.' })
  expiresAt?: Date | null;
}

@ObjectType({ description: 'A created API key and the key itself, which is never shown again.' })
export class CreateApiKeyPayload {
  @Field(() => ApiKey, { description: 'The key’s record.' })
  apiKey!: ApiKey;

  @Field(() => String, { description: 'The key, to send as `Authorization: Bearer <key>`. Store it now: only its hash is kept.' })
  key!: string;
}
