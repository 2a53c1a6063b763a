// A real OpenID Connect provider (oidc-provider) on loopback, for single sign-on tests: one
// confidential client, accounts a test can change (email, groups, disabled), and a plain login page
// where typing a username signs that account in. A disabled account is refused with access_denied,
// as a school's provider refuses someone it has switched off.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface OidcAccount {
  email?: string;
  emailVerified?: boolean;
  name?: string;
  groups?: string[];
  /** Refused at the provider's login (access_denied). */
  disabled?: boolean;
}

export interface OidcProviderOptions {
  /** Where the client may be sent back to, e.g. the API's /auth/oidc/callback. */
  redirectUris: string[];
  /** A port to listen on (one reserved with freePort); a free one without it. */
  port?: number;
  /** For an API configured before the provider starts; a random one without it. */
  clientSecret?: string;
}

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Accounts by username (also their subject); change them between sign-ins. */
  accounts: Map<string, OidcAccount>;
  /** OIDC_* settings for an API signing in through this provider. */
  env: Record<string, string>;
  /** Stops answering, open connections included: the provider is down. */
  stop: () => Promise<void>;
}

const html = (body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>School login</title></head><body><main>${body}</main></body></html>`;

async function formBody(req: IncomingMessage): Promise<URLSearchParams> {
  let body = '';
  for await (const chunk of req) body += String(chunk);
  return new URLSearchParams(body);
}

export async function startOidcProvider(options: OidcProviderOptions): Promise<TestOidcProvider> {
  const accounts = new Map<string, OidcAccount>();
  const clientId = 'studentdesk';
  const clientSecret = options.clientSecret ?? randomBytes(24).toString('base64url');
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        response_types: ['code'],
        grant_types: ['authorization_code'],
      },
    ],
    jwks: { keys: [{ ...signingKey, kid: 'test', use: 'sig', alg: 'RS256' }] as never },
    cookies: { keys: [randomBytes(16).toString('hex')] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'groups'] },
    features: { devInteractions: { enabled: false } },
    // Short lifetimes, stated so the provider does not warn about its defaults.
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx, id) {
      const account = accounts.get(id);
      if (!account) return undefined;
      return {
        accountId: id,
        claims: async () => ({
          sub: id,
          email: account.email,
          email_verified: account.emailVerified ?? true,
          name: account.name,
          groups: account.groups ?? [],
        }),
      };
    },
  });

  const interact = async (req: IncomingMessage, res: ServerResponse, uid: string) => {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) throw new Error('interaction mismatch');
    if (req.method !== 'POST') {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(
        html(
          `<h1>School login</h1><form method="post" action="/interaction/${uid}"><label>Username <input name="login" autocomplete="username"></label> <button type="submit">Log in</button></form>`,
        ),
      );
      return;
    }
    const login = (await formBody(req)).get('login') ?? '';
    const account = accounts.get(login);
    if (!account || account.disabled) {
      await provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'The account cannot sign in.' });
      return;
    }
    const grant = new provider.Grant({ accountId: login, clientId: String(details.params.client_id) });
    grant.addOIDCScope(String(details.params.scope));
    await provider.interactionFinished(req, res, { login: { accountId: login }, consent: { grantId: await grant.save() } });
  };

  const callback = provider.callback();
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const uid = /^\/interaction\/([\w-]+)$/.exec(req.url ?? '')?.[1];
    // oidc-provider answers its own errors; the promise never rejects.
    if (!uid) return void callback(req, res);
    interact(req, res, uid).catch((error: unknown) => {
      res.statusCode = 400;
      res.end(String(error));
    });
  });

  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    env: { OIDC_ISSUER_URL: issuer, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: clientSecret },
    async stop() {
      const closed = new Promise((resolve) => server.close(resolve));
      server.closeAllConnections();
      await closed;
    },
  };
}
