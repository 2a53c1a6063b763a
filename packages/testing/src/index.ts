// The one test harness of the API and both web apps (Chromium and axe-core: @studentdesk/testing/browser).
export { startApiProcess, API_MAIN, PROCESS_AUTH_SECRET, type ApiProcess, type ApiProcessOptions } from './api-process.js';
export {
  createTestDatabase,
  DATABASE_KINDS,
  postgresAnswers,
  postgresRequired,
  testPostgresUrl,
  type DatabaseKind,
  type TestDatabase,
} from './database.js';
export {
  categoryIdsByName,
  createArticle,
  createCannedResponse,
  createCategory,
  createDepartment,
  createIncident,
  createJourneySchool,
  createSchool,
  createUser,
  JOURNEY_PEOPLE,
  PASSWORD,
  signIn,
  type JourneyPerson,
  type School,
  type UserFields,
} from './factories.js';
export {
  codes,
  graphqlClient,
  signedInClient,
  type GraphQLClient,
  type GraphQLResponse,
  type RequestOptions,
  type SignedInClient,
} from './graphql-client.js';
export { acceptsConnections, freePort, waitForHealth } from './loopback.js';
export { createPostgresCluster, postgresBinaries, type PostgresCluster } from './postgres-cluster.js';
export { startOidcProvider, type OidcAccount, type OidcProviderOptions, type TestOidcProvider } from './oidc-provider.js';
export { startSamlIdp, type SamlAccount, type TestSamlIdp } from './saml-idp.js';
export { REDIS_URL, TEST_REDIS_KEY_PREFIX } from './redis.js';
export { selfSignedCertificate } from './certificate.js';
export { imapServerAvailable, startImapServer, type ImapServer } from './imap-server.js';
export { startSmtpReceiver, type ReceivedEmail, type SmtpReceiver } from './smtp-receiver.js';
export { until } from './until.js';
export {
  ACCEPT,
  failFirstAttempts,
  startWebhookReceiver,
  type AnswerRule,
  type ReceivedRequest,
  type ReceiverAnswer,
  type WebhookReceiver,
} from './webhook-receiver.js';
export { connectTo, follow, type Follower } from './websocket.js';
export { startJourneyStack, type JourneyOptions, type JourneyStack } from './journey.js';
