import type { ApiKey as ApiKeyRow } from '@studentdesk/db';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { AuditEntryView } from '../audit/audit.service.js';
import { AuditEntry } from '../audit/audit.type.js';
import type { Context } from '../context.js';
import { PageArgs } from '../relay/pagination.js';
import { User } from '../users/user.type.js';
import { createApiKey, listApiKeys, revokeApiKey } from './api-key.service.js';
import { ApiKey, ApiKeyConnection, CreateApiKeyInput, CreateApiKeyPayload } from './api-key.type.js';

@Resolver(() => ApiKey)
export class ApiKeyResolver {
  @Query(() => ApiKeyConnection, { description: 'Admins: the API keys, newest first.' })
  async apiKeys(
    @Ctx() ctx: Context,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('includeRevoked', () => Boolean, { defaultValue: false, description: 'Also list revoked keys.' }) includeRevoked = false,
  ): Promise<ApiKeyConnection> {
    return (await listApiKeys(ctx, { page, includeRevoked })) as ApiKeyConnection;
  }

  @Mutation(() => CreateApiKeyPayload, { description: 'Admins: create an API key. The key is in the answer and never shown again.' })
  createApiKey(
    @Arg('input', () => CreateApiKeyInput, { description: 'Name, scopes and optional expiry.' }) input: CreateApiKeyInput,
    @Ctx() ctx: Context,
  ) {
    return createApiKey(ctx, input);
  }

  @Mutation(() => ApiKey, { description: 'Admins: revoke an API key. It stops working with the next request.' })
  revokeApiKey(@Arg('id', () => ID, { description: 'The key’s global ID.' }) id: string, @Ctx() ctx: Context): Promise<ApiKeyRow> {
    return revokeApiKey(ctx, id);
  }

  @FieldResolver(() => User, { nullable: true, description: 'The admin who created it.' })
  createdBy(@Root() apiKey: ApiKeyRow, @Ctx() ctx: Context) {
    return apiKey.createdById ? ctx.loaders.user.load(apiKey.createdById) : null;
  }
}

/** The key behind an audit entry: admins read the log, and admins may see the keys. */
@Resolver(() => AuditEntry)
export class AuditEntryApiKeyResolver {
  @FieldResolver(() => ApiKey, { nullable: true, description: 'The API key that acted, when one did.' })
  actorApiKey(@Root() entry: AuditEntryView, @Ctx() ctx: Context): Promise<ApiKeyRow | null> | null {
    return entry.actorApiKeyId ? ctx.loaders.apiKey.load(entry.actorApiKeyId) : null;
  }
}
