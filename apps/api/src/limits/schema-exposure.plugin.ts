// What the schema tells strangers: in production, introspection needs a signed-in user or an API
// key, and anonymous callers get no "Did you mean …?" hints that would spell out field names.
// In development everything is open, for GraphiQL.
import type { ApolloServerPlugin } from '@apollo/server';
import { NoSchemaIntrospectionCustomRule, validate } from 'graphql';
import type { Context } from '../context.js';
import { ClientError, ErrorCode } from '../errors.js';

const SUGGESTION = /\s*Did you mean .+\?$/;

export function schemaExposurePlugin(production: boolean): ApolloServerPlugin<Context> {
  const exposed = (context: Context) => !production || context.viewer.kind !== 'anonymous';
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, contextValue }) {
          if (exposed(contextValue)) return;
          if (validate(schema, document, [NoSchemaIntrospectionCustomRule]).length > 0) {
            throw new ClientError(ErrorCode.UNAUTHENTICATED, 'Introspection needs an API key or a signed-in user.', {
              http: { status: 401 },
            });
          }
        },
        async willSendResponse({ response, contextValue }) {
          if (exposed(contextValue) || response.body.kind !== 'single') return;
          for (const error of response.body.singleResult.errors ?? []) {
            (error as { message: string }).message = error.message.replace(SUGGESTION, '');
          }
        },
      };
    },
  };
}
