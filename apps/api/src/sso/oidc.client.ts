// The relying party's side of OpenID Connect, on openid-client: the provider's metadata (found
// once, found again after a failure), the authorization URL with state, nonce and PKCE, and the code
// exchanged for the person's claims. Which user they become is identity.service.ts's business.
import type { SsoProblem } from '@studentdesk/domain';
import * as oidc from 'openid-client';
import type { OidcSettings } from '../config.js';
import { groupsIn, roleFromGroups, type ExternalPerson } from './identity.service.js';

/** Seconds each request to the provider may take: a provider that hangs fails the sign-in, not the API. */
const PROVIDER_TIMEOUT_SECONDS = 10;

/** The per-sign-in secrets, kept in the browser's flow cookie (sign-in-flow.ts) until the provider sends the person back. */
export interface FlowSecrets {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** Why the provider's answer did not sign anyone in. */
export type ExchangeFailure = Extract<SsoProblem, 'unavailable' | 'rejected'>;

export class ProviderFailure extends Error {
  constructor(
    readonly reason: ExchangeFailure,
    options: { cause: unknown },
  ) {
    super(reason === 'unavailable' ? 'the identity provider could not be reached' : 'the identity provider refused the sign-in', options);
  }
}

export interface OidcClient {
  /** Where to send the browser; `secrets` must come back with it (the flow cookie). */
  authorizationUrl: (redirectUri: string) => Promise<{ url: URL; secrets: FlowSecrets }>;
  /** The person's claims (ID token and userinfo), from the URL the provider sent the browser back to. */
  claims: (callbackUrl: URL, secrets: FlowSecrets) => Promise<Record<string, unknown>>;
}

/** Network failures (refused, reset, timed out) mean the provider is away; anything else is its answer. */
function isUnreachable(error: unknown): boolean {
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    if (cause.name === 'TimeoutError' || cause.name === 'AbortError') return true;
    if (cause instanceof TypeError && cause.message === 'fetch failed') return true;
    if ('code' in cause && typeof cause.code === 'string' && /^(ECONN|ENOTFOUND|EHOSTUNREACH|ETIMEDOUT|EAI_AGAIN|UND_ERR)/.test(cause.code))
      return true;
  }
  return false;
}

const failure = (error: unknown) => new ProviderFailure(isUnreachable(error) ? 'unavailable' : 'rejected', { cause: error });

export function createOidcClient(settings: OidcSettings): OidcClient {
  let configuration: Promise<oidc.Configuration> | undefined;
  const discover = () => {
    configuration ??= oidc
      .discovery(new URL(settings.issuerUrl), settings.clientId, undefined, oidc.ClientSecretBasic(settings.clientSecret), {
        timeout: PROVIDER_TIMEOUT_SECONDS,
        // config.ts allows http:// only for a provider on loopback.
        execute: new URL(settings.issuerUrl).protocol === 'http:' ? [oidc.allowInsecureRequests] : [],
      })
      .then((found) => {
        found.timeout = PROVIDER_TIMEOUT_SECONDS;
        return found;
      })
      .catch((error: unknown) => {
        // Forgotten, so the next sign-in asks again once the provider is back.
        configuration = undefined;
        throw failure(error);
      });
    return configuration;
  };

  return {
    async authorizationUrl(redirectUri) {
      const config = await discover();
      const secrets = { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier: oidc.randomPKCECodeVerifier() };
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: settings.scopes,
        state: secrets.state,
        nonce: secrets.nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(secrets.codeVerifier),
        code_challenge_method: 'S256',
      });
      return { url, secrets };
    },
    async claims(callbackUrl, secrets) {
      const config = await discover();
      try {
        const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
          pkceCodeVerifier: secrets.codeVerifier,
          expectedState: secrets.state,
          expectedNonce: secrets.nonce,
          idTokenExpected: true,
        });
        const idToken = tokens.claims()!;
        // Many providers put email, name and groups only in userinfo when an access token is issued.
        const userInfo = config.serverMetadata().userinfo_endpoint
          ? await oidc.fetchUserInfo(config, tokens.access_token, idToken.sub)
          : {};
        return { ...userInfo, ...idToken };
      } catch (error) {
        throw failure(error);
      }
    },
  };
}

const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

/** The person the claims (with `iss` and `sub`) describe. With OIDC_ROLE_CLAIM set, their groups give the role. */
export function personFromClaims(settings: OidcSettings, claims: Record<string, unknown>): ExternalPerson {
  const groups = settings.roleClaim ? groupsIn(claims[settings.roleClaim]) : undefined;
  const given = [text(claims.given_name), text(claims.family_name)].filter(Boolean).join(' ');
  return {
    issuer: String(claims.iss),
    subject: String(claims.sub),
    email: text(claims.email),
    emailVerified: claims.email_verified === true,
    name: text(claims.name) ?? (given || text(claims.preferred_username)),
    role: groups && roleFromGroups(settings, groups),
  };
}
