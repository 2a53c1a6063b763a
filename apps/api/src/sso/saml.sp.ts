// The service provider's side of SAML 2.0 (Web Browser SSO profile, HTTP-Redirect out, HTTP-POST
// back), on samlify: this service's metadata, AuthnRequests, and the IdP's answer checked before
// anyone is signed in. samlify checks the XML against the SAML schemas, the status, the issuer and
// the signature (on the assertion or the whole response, with the IdP's certificate from its
// metadata, wrapping attacks refused); this file adds what it leaves to the caller: audience,
// recipient, validity window on this service's clock, and the request the answer is for.
import { validate } from '@authenio/samlify-xmllint-wasm';
import type { Role } from '@studentdesk/db';
import type { SsoProblem } from '@studentdesk/domain';
import type { SamlSettings } from '../config.js';
import { groupsIn, roleFromGroups, type ExternalPerson } from './identity.service.js';
import { samlify, type SamlEntity } from './samlify.js';

samlify.setSchemaValidator({ validate });

const PROVIDER_TIMEOUT_MS = 10_000;
/** Clocks of the IdP and this service may differ by this much either way. */
export const CLOCK_SKEW_MS = 60_000;
const { binding, format } = samlify.Constants.namespace;

/** Why the IdP's answer signs nobody in; the code the web app shows a message for. */
export type SamlProblem = Extract<
  SsoProblem,
  'unavailable' | 'rejected' | 'denied' | 'unsigned' | 'wrong_audience' | 'assertion_expired' | 'unknown_request'
>;

export class SamlFailure extends Error {
  constructor(
    readonly reason: SamlProblem,
    options: { cause?: unknown } = {},
  ) {
    super(`SAML sign-in refused: ${reason}`, options);
  }
}

/** A checked assertion: who it names, and which request and assertion IDs it spends. */
export interface SamlAssertion {
  person: ExternalPerson;
  inResponseTo: string;
  assertionId: string;
}

export interface SamlServiceProvider {
  entityId: string;
  acsUrl: string;
  /** This service's metadata, for the IdP's registration. */
  metadata: () => string;
  /** Where to send the browser with an AuthnRequest; its ID must come back as InResponseTo. */
  loginUrl: (relayState: string) => Promise<{ url: string; requestId: string }>;
  /** The posted SAMLResponse checked, at `now`; throws SamlFailure. */
  readResponse: (body: Record<string, unknown>, now: Date) => Promise<SamlAssertion>;
}

// Attributes by their names on the wire (Shibboleth and eduGAIN send the OIDs) or their friendly names.
const ATTRIBUTE_OIDS: Record<string, string> = {
  eduPersonPrincipalName: 'urn:oid:1.3.6.1.4.1.5923.1.1.1.6',
  mail: 'urn:oid:0.9.2342.19200300.100.1.3',
  displayName: 'urn:oid:2.16.840.1.113730.3.1.241',
  givenName: 'urn:oid:2.5.4.42',
  sn: 'urn:oid:2.5.4.4',
  eduPersonAffiliation: 'urn:oid:1.3.6.1.4.1.5923.1.1.1.1',
  eduPersonScopedAffiliation: 'urn:oid:1.3.6.1.4.1.5923.1.1.1.9',
};

function attribute(attributes: Record<string, unknown>, name: string): unknown {
  return attributes[name] ?? attributes[ATTRIBUTE_OIDS[name] ?? ''];
}

const first = (value: unknown) => {
  const found = Array.isArray(value) ? value.find((item) => typeof item === 'string') : value;
  return typeof found === 'string' && found.trim() ? found.trim() : undefined;
};

/** The person an assertion's NameID and attributes describe. */
export function personFromAssertion(
  settings: SamlSettings,
  issuer: string,
  nameId: { value?: string; format?: string },
  attributes: Record<string, unknown>,
): ExternalPerson | undefined {
  const principal = first(attribute(attributes, 'eduPersonPrincipalName'));
  // A transient or email NameID changes or can be reassigned: only a persistent one, or the principal name, identifies someone for good.
  const subject = nameId.format === format.persistent && nameId.value ? nameId.value : principal;
  if (!subject) return undefined;
  const given = [first(attribute(attributes, 'givenName')), first(attribute(attributes, 'sn'))].filter(Boolean).join(' ');
  let role: Role | undefined;
  if (settings.roleAttribute) {
    // Scoped affiliations ("staff@school.edu") count as the affiliation itself.
    const affiliations = groupsIn(attribute(attributes, settings.roleAttribute))?.map((value) => value.replace(/@.*$/, ''));
    role = affiliations && roleFromGroups(settings, affiliations);
  }
  return {
    issuer,
    subject,
    email: first(attribute(attributes, 'mail')),
    // The school's own IdP speaks for its addresses.
    emailVerified: true,
    name: first(attribute(attributes, 'displayName')) ?? (given || undefined),
    role,
  };
}

/** samlify's error messages, as the problem a person is told about. */
function problemOf(error: unknown): SamlProblem {
  const message = error instanceof Error ? error.message : String(error);
  if (/SIGNATURE|NO_SELECTED_CERTIFICATE|UNMATCH_CERTIFICATE|WRAPPING/.test(message)) return 'unsigned';
  if (/ERR_SUBJECT_UNCONFIRMED|ERR_EXPIRED_SESSION/.test(message)) return 'assertion_expired';
  if (/ERR_FAILED_STATUS/.test(message)) return 'denied';
  return 'rejected';
}

const ASSERTION_FIELDS = (assertion: string) => [
  { key: 'assertionId', localPath: ['Assertion'], attributes: ['ID'], shortcut: assertion },
  { key: 'nameIdFormat', localPath: ['Assertion', 'Subject', 'NameID'], attributes: ['Format'], shortcut: assertion },
  {
    key: 'confirmation',
    localPath: ['Assertion', 'Subject', 'SubjectConfirmation', 'SubjectConfirmationData'],
    attributes: ['Recipient', 'NotOnOrAfter', 'NotBefore', 'InResponseTo'],
    shortcut: assertion,
  },
];

const asList = (value: unknown): unknown[] =>
  Array.isArray(value) ? (value as unknown[]) : value === undefined || value === null ? [] : [value];
const time = (value: unknown) => (typeof value === 'string' ? new Date(value).getTime() : undefined);

export function createSamlServiceProvider(settings: SamlSettings, publicUrl: string): SamlServiceProvider {
  const entityId = settings.spEntityId;
  const acsUrl = `${publicUrl}/saml/acs`;
  const keys = settings.spPrivateKey
    ? {
        privateKey: settings.spPrivateKey,
        signingCert: settings.spCertificate,
        encPrivateKey: settings.spPrivateKey,
        encryptCert: settings.spCertificate,
      }
    : {};
  const sp = samlify.ServiceProvider({
    entityID: entityId,
    assertionConsumerService: [{ Binding: binding.post, Location: acsUrl }],
    authnRequestsSigned: Boolean(settings.spPrivateKey),
    // Said in the metadata; enforced below whatever the IdP reads there.
    wantAssertionsSigned: true,
    nameIDFormat: [format.persistent],
    clockDrifts: [-CLOCK_SKEW_MS, CLOCK_SKEW_MS],
    ...keys,
  });

  // Two views of one IdP: samlify decrypts only when told to, and the IdP may or may not encrypt.
  let idps: Promise<{ plain: SamlEntity; encrypted: SamlEntity }> | undefined;
  const identityProvider = () => {
    idps ??= idpMetadata(settings)
      .then((metadata) => ({
        plain: samlify.IdentityProvider({ metadata }),
        encrypted: samlify.IdentityProvider({ metadata, isAssertionEncrypted: true }),
      }))
      .catch((error: unknown) => {
        // Forgotten, so the next sign-in asks again once the IdP is back.
        idps = undefined;
        throw new SamlFailure('unavailable', { cause: error });
      });
    return idps;
  };

  return {
    entityId,
    acsUrl,
    metadata: () => sp.getMetadata(),
    async loginUrl(relayState) {
      const { plain } = await identityProvider();
      const { id, context } = sp.createLoginRequest(plain, 'redirect', { relayState });
      return { url: context, requestId: id };
    },
    async readResponse(body, now) {
      const encoded = body.SAMLResponse;
      if (typeof encoded !== 'string' || !encoded) throw new SamlFailure('rejected');
      const { plain, encrypted } = await identityProvider();
      const idp = Buffer.from(encoded, 'base64').toString('utf8').includes('EncryptedAssertion>') ? encrypted : plain;
      let result: Awaited<ReturnType<typeof sp.parseLoginResponse>>;
      try {
        result = await sp.parseLoginResponse(idp, 'post', { body: { SAMLResponse: encoded } });
      } catch (error) {
        throw new SamlFailure(problemOf(error), { cause: error });
      }
      // The fields samlify does not extract, read from the assertion its signature check vouched for (never from around it).
      const [verified, assertion] = samlify.SamlLib.verifySignature(result.samlContent, {
        metadata: idp.entityMeta,
        signatureAlgorithm: idp.entitySetting.requestSignatureAlgorithm,
      });
      if (!verified || typeof assertion !== 'string') throw new SamlFailure('unsigned');
      const extracted = result.extract as {
        issuer?: string;
        audience?: string | string[];
        nameID?: string;
        conditions?: { notBefore?: string; notOnOrAfter?: string };
        attributes?: Record<string, unknown>;
        response?: { destination?: string; inResponseTo?: string };
      };
      const signed = samlify.Extractor.extract(result.samlContent, ASSERTION_FIELDS(assertion)) as {
        assertionId?: string;
        nameIdFormat?: string;
        confirmation?: { recipient?: string; notOnOrAfter?: string; notBefore?: string; inResponseTo?: string };
      };
      const confirmation = signed.confirmation ?? {};

      if (!asList(extracted.audience).includes(entityId)) throw new SamlFailure('wrong_audience');
      const destination = extracted.response?.destination;
      if (confirmation.recipient !== acsUrl || (destination && destination !== acsUrl)) throw new SamlFailure('wrong_audience');

      // samlify checked the window on the machine's clock; this service's clock decides (tests move it).
      const at = now.getTime();
      const notOnOrAfter = [extracted.conditions?.notOnOrAfter, confirmation.notOnOrAfter].map(time);
      const notBefore = [extracted.conditions?.notBefore, confirmation.notBefore].map(time);
      if (notOnOrAfter[1] === undefined) throw new SamlFailure('rejected');
      if (notOnOrAfter.some((limit) => limit !== undefined && !(at < limit + CLOCK_SKEW_MS))) throw new SamlFailure('assertion_expired');
      if (notBefore.some((limit) => limit !== undefined && at + CLOCK_SKEW_MS < limit)) throw new SamlFailure('assertion_expired');

      // Only answers to requests this service sent (no IdP-initiated sign-in): the signed InResponseTo names one.
      const inResponseTo = confirmation.inResponseTo;
      const responseTo = extracted.response?.inResponseTo;
      if (!inResponseTo || (responseTo && responseTo !== inResponseTo)) throw new SamlFailure('unknown_request');
      if (!signed.assertionId) throw new SamlFailure('rejected');

      const person = personFromAssertion(
        settings,
        extracted.issuer ?? '',
        { value: extracted.nameID, format: signed.nameIdFormat },
        extracted.attributes ?? {},
      );
      if (!person) throw new SamlFailure('rejected', { cause: new Error('neither a persistent NameID nor eduPersonPrincipalName') });
      return { person, inResponseTo, assertionId: signed.assertionId };
    },
  };
}

/** The IdP's metadata XML: given, or fetched from its URL. */
async function idpMetadata(settings: SamlSettings): Promise<string> {
  if (settings.idpMetadataXml) return settings.idpMetadataXml;
  const response = await fetch(settings.idpMetadataUrl!, { signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS) });
  if (!response.ok) throw new Error(`the IdP metadata answered HTTP ${response.status}`);
  return response.text();
}
