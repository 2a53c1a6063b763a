// A SAML 2.0 identity provider on loopback, for single sign-on tests: its own key and certificate
// (made at start), metadata at a URL, and a login page where typing a username answers the
// service provider's AuthnRequest with a signed assertion carrying the account's eduPerson
// attributes, posted back through the browser (HTTP-POST binding) as a real IdP does. An account can
// ask for a faulty answer (unsigned, for another audience, expired, for another request), to prove
// the service provider refuses it.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { inflateRawSync } from 'node:zlib';
import { generate } from 'selfsigned';

export interface SamlAccount {
  /** A persistent NameID; without it the subject is eduPersonPrincipalName. */
  persistentId?: string;
  eduPersonPrincipalName?: string;
  mail?: string;
  displayName?: string;
  eduPersonAffiliation?: string[];
  /** Faults, to prove the service provider refuses them. */
  unsigned?: boolean;
  audience?: string;
  /** Seconds the assertion stays valid from now; negative: expired already. */
  validForSeconds?: number;
  inResponseTo?: string;
}

export interface TestSamlIdp {
  entityId: string;
  metadataUrl: string;
  metadata: string;
  /** Accounts by username; change them between sign-ins. */
  accounts: Map<string, SamlAccount>;
  /** SAML_* settings for an API signing in through this IdP. */
  env: Record<string, string>;
  stop: () => Promise<void>;
}

const PROTOCOL = 'urn:oasis:names:tc:SAML:2.0:protocol';
const ASSERTION = 'urn:oasis:names:tc:SAML:2.0:assertion';
const URI_FORMAT = 'urn:oasis:names:tc:SAML:2.0:attrname-format:uri';
const OIDS: Record<string, string> = {
  eduPersonPrincipalName: 'urn:oid:1.3.6.1.4.1.5923.1.1.1.6',
  mail: 'urn:oid:0.9.2342.19200300.100.1.3',
  displayName: 'urn:oid:2.16.840.1.113730.3.1.241',
  eduPersonAffiliation: 'urn:oid:1.3.6.1.4.1.5923.1.1.1.1',
};

// samlify's signing (xml-crypto underneath); required untyped, as its declarations pull the DOM library into the program.
const { SamlLib } = createRequire(import.meta.url)('samlify') as {
  SamlLib: {
    constructSAMLSignature: (options: {
      rawSamlMessage: string;
      referenceTagXPath: string;
      privateKey: string;
      signingCert: string;
      isBase64Output: boolean;
      signatureConfig: { prefix: string; location: { reference: string; action: 'after' } };
    }) => string;
  };
};

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const bare = (pem: string) => pem.replace(/-----[^-]+-----|\s/g, '');
const html = (body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>School login</title></head><body><main>${body}</main></body></html>`;
const hidden = (fields: Record<string, string>) =>
  Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${name}" value="${escape(value)}">`)
    .join('');

async function formBody(req: IncomingMessage): Promise<URLSearchParams> {
  let body = '';
  for await (const chunk of req) body += String(chunk);
  return new URLSearchParams(body);
}

/** The AuthnRequest's ID and where the answer goes, from the HTTP-Redirect binding's deflated, base64 SAMLRequest. */
function readRequest(encoded: string): { id: string; acsUrl: string; issuer: string } {
  const xml = inflateRawSync(Buffer.from(encoded, 'base64')).toString('utf8');
  const attribute = (name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(xml)?.[1] ?? '';
  return {
    id: attribute('ID'),
    acsUrl: attribute('AssertionConsumerServiceURL'),
    issuer: /<(?:\w+:)?Issuer[^>]*>([^<]*)</.exec(xml)?.[1] ?? '',
  };
}

export async function startSamlIdp(): Promise<TestSamlIdp> {
  const accounts = new Map<string, SamlAccount>();
  const pems = await generate([{ name: 'commonName', value: 'Test School IdP' }], { keySize: 2048 });
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const entityId = `${origin}/idp`;
  const metadata = `<?xml version="1.0"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="${entityId}">
  <md:IDPSSODescriptor WantAuthnRequestsSigned="false" protocolSupportEnumeration="${PROTOCOL}">
    <md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>${bare(pems.cert)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
    <md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:persistent</md:NameIDFormat>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${origin}/sso"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>`;

  /** The Response to `request` for `account`, base64, signed on the assertion unless the account asks otherwise. */
  function respond(request: { id: string; acsUrl: string; issuer: string }, account: SamlAccount): string {
    const now = Date.now();
    const at = (seconds: number) => new Date(now + seconds * 1000).toISOString();
    const validFor = account.validForSeconds ?? 300;
    const inResponseTo = account.inResponseTo ?? request.id;
    const nameId = account.persistentId
      ? `<saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">${escape(account.persistentId)}</saml:NameID>`
      : `<saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:transient">_${randomUUID()}</saml:NameID>`;
    const attributes = Object.entries(OIDS)
      .map(([friendly, oid]) => {
        const value = account[friendly as keyof SamlAccount];
        const values = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
        if (!values.length) return '';
        const items = values.map((item) => `<saml:AttributeValue>${escape(item)}</saml:AttributeValue>`).join('');
        return `<saml:Attribute Name="${oid}" FriendlyName="${friendly}" NameFormat="${URI_FORMAT}">${items}</saml:Attribute>`;
      })
      .join('');
    const assertion = `<saml:Assertion xmlns:saml="${ASSERTION}" ID="_${randomUUID()}" Version="2.0" IssueInstant="${at(0)}"><saml:Issuer>${entityId}</saml:Issuer><saml:Subject>${nameId}<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="${at(validFor)}" Recipient="${escape(request.acsUrl)}" InResponseTo="${escape(inResponseTo)}"/></saml:SubjectConfirmation></saml:Subject><saml:Conditions NotBefore="${at(-5)}" NotOnOrAfter="${at(validFor)}"><saml:AudienceRestriction><saml:Audience>${escape(account.audience ?? request.issuer)}</saml:Audience></saml:AudienceRestriction></saml:Conditions><saml:AuthnStatement AuthnInstant="${at(0)}" SessionIndex="_${randomUUID()}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>${attributes ? `<saml:AttributeStatement>${attributes}</saml:AttributeStatement>` : ''}</saml:Assertion>`;
    const response = `<samlp:Response xmlns:samlp="${PROTOCOL}" xmlns:saml="${ASSERTION}" ID="_${randomUUID()}" Version="2.0" IssueInstant="${at(0)}" Destination="${escape(request.acsUrl)}" InResponseTo="${escape(inResponseTo)}"><saml:Issuer>${entityId}</saml:Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>${assertion}</samlp:Response>`;
    if (account.unsigned) return Buffer.from(response).toString('base64');
    return SamlLib.constructSAMLSignature({
      rawSamlMessage: response,
      referenceTagXPath: "/*[local-name(.)='Response']/*[local-name(.)='Assertion']",
      privateKey: pems.private,
      signingCert: bare(pems.cert),
      isBase64Output: true,
      // The schema wants the assertion's Signature right after its Issuer.
      signatureConfig: {
        prefix: 'ds',
        location: { reference: "/*[local-name(.)='Response']/*[local-name(.)='Assertion']/*[local-name(.)='Issuer']", action: 'after' },
      },
    });
  }

  server.on('request', (req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', origin);
      if (req.method === 'GET' && url.pathname === '/metadata') {
        res.writeHead(200, { 'content-type': 'application/samlmetadata+xml' }).end(metadata);
      } else if (req.method === 'GET' && url.pathname === '/sso') {
        const fields = { SAMLRequest: url.searchParams.get('SAMLRequest') ?? '', RelayState: url.searchParams.get('RelayState') ?? '' };
        res
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          .end(
            html(
              `<h1>Sign in to your school</h1><form method="post" action="/login"><label>Username <input name="login"></label>${hidden(fields)}<button>Sign in</button></form>`,
            ),
          );
      } else if (req.method === 'POST' && url.pathname === '/login') {
        const form = await formBody(req);
        const account = accounts.get(form.get('login') ?? '');
        if (!account) {
          res.writeHead(401, { 'content-type': 'text/html; charset=utf-8' }).end(html('<p>Unknown username.</p>'));
          return;
        }
        const request = readRequest(form.get('SAMLRequest') ?? '');
        const answer = { SAMLResponse: respond(request, account), RelayState: form.get('RelayState') ?? '' };
        // The browser posts this to the service provider (a script submits it in a real browser).
        res
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          .end(html(`<form method="post" action="${escape(request.acsUrl)}">${hidden(answer)}<button>Continue</button></form>`));
      } else {
        res.writeHead(404).end();
      }
    })().catch((error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  });

  return {
    entityId,
    metadataUrl: `${origin}/metadata`,
    metadata,
    accounts,
    env: { SAML_IDP_METADATA_URL: `${origin}/metadata` },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
