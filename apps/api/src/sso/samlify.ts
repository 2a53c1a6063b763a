// samlify, typed here for the few parts this service uses: its own declarations pull in
// @xmldom/xmldom's, which add the DOM library to the whole program and break Node's typed arrays.
import { createRequire } from 'node:module';

export interface SamlEntity {
  entityMeta: unknown;
  entitySetting: { requestSignatureAlgorithm?: string };
}

export interface SamlServiceProviderEntity extends SamlEntity {
  getMetadata: () => string;
  createLoginRequest: (idp: SamlEntity, binding: 'redirect', options: { relayState: string }) => { id: string; context: string };
  parseLoginResponse: (
    idp: SamlEntity,
    binding: 'post',
    request: { body: Record<string, string> },
  ) => Promise<{ samlContent: string; extract: Record<string, unknown> }>;
}

interface ExtractorField {
  key: string;
  localPath: string[];
  attributes: string[];
  shortcut?: string;
}

interface Samlify {
  setSchemaValidator: (validator: { validate: (xml: string) => Promise<unknown> }) => void;
  ServiceProvider: (settings: Record<string, unknown>) => SamlServiceProviderEntity;
  IdentityProvider: (settings: Record<string, unknown>) => SamlEntity;
  SamlLib: {
    verifySignature: (xml: string, options: { metadata: unknown; signatureAlgorithm?: string }) => [boolean, string | null];
  };
  Extractor: { extract: (xml: string, fields: ExtractorField[]) => Record<string, unknown> };
  Constants: { namespace: { binding: { post: string; redirect: string }; format: { persistent: string } } };
}

export const samlify = createRequire(import.meta.url)('samlify') as Samlify;
