// What a provider reads to learn this service (RFC 7644 §4): ServiceProviderConfig, ResourceTypes
// and Schemas, describing exactly what scim-users.ts and scim-groups.ts do.
import { MAX_RESULTS, SCHEMAS } from './scim-protocol.js';

export function serviceProviderConfig(baseUrl: string) {
  return {
    schemas: [SCHEMAS.serviceProviderConfig],
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: MAX_RESULTS },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: true },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'Bearer token',
        description: 'An API key with the scim:provision scope, created in the console under Admin → Provisioning.',
        primary: true,
      },
    ],
    meta: { resourceType: 'ServiceProviderConfig', location: `${baseUrl}/ServiceProviderConfig` },
  };
}

export function resourceTypes(baseUrl: string) {
  return [
    {
      schemas: [SCHEMAS.resourceType],
      id: 'User',
      name: 'User',
      endpoint: '/Users',
      description: 'A person of the desk: student, staff or manager.',
      schema: SCHEMAS.user,
      schemaExtensions: [{ schema: SCHEMAS.enterpriseUser, required: false }],
      meta: { resourceType: 'ResourceType', location: `${baseUrl}/ResourceTypes/User` },
    },
    {
      schemas: [SCHEMAS.resourceType],
      id: 'Group',
      name: 'Group',
      endpoint: '/Groups',
      description: 'A department; its members are its staff.',
      schema: SCHEMAS.group,
      meta: { resourceType: 'ResourceType', location: `${baseUrl}/ResourceTypes/Group` },
    },
  ];
}

interface Attribute {
  name: string;
  type: string;
  multiValued: boolean;
  description: string;
  required: boolean;
  caseExact: boolean;
  mutability: string;
  returned: string;
  uniqueness: string;
  subAttributes?: Attribute[];
}

interface AttributeOptions {
  type?: 'string' | 'boolean' | 'complex' | 'reference';
  multiValued?: boolean;
  required?: boolean;
  mutability?: 'readWrite' | 'readOnly' | 'immutable';
  uniqueness?: 'none' | 'server' | 'global';
  subAttributes?: Attribute[];
}

function attribute(name: string, description: string, options: AttributeOptions = {}): Attribute {
  const { type = 'string', multiValued = false, required = false, mutability = 'readWrite', uniqueness = 'none', subAttributes } = options;
  return {
    name,
    type,
    multiValued,
    description,
    required,
    caseExact: false,
    mutability,
    returned: 'default',
    uniqueness,
    ...(subAttributes && { subAttributes }),
  };
}

export function schemas(baseUrl: string) {
  const schema = (id: string, name: string, description: string, attributes: Attribute[]) => ({
    schemas: [SCHEMAS.schema],
    id,
    name,
    description,
    attributes,
    meta: { resourceType: 'Schema', location: `${baseUrl}/Schemas/${id}` },
  });
  return [
    schema(SCHEMAS.user, 'User', 'A person of the desk.', [
      attribute('userName', 'The person’s email address; they sign in with it.', { required: true, uniqueness: 'server' }),
      attribute('name', 'The name parts; the desk shows displayName, else given and family name.', {
        type: 'complex',
        subAttributes: [
          attribute('formatted', 'The full name.'),
          attribute('givenName', 'Given name.'),
          attribute('familyName', 'Family name.'),
        ],
      }),
      attribute('displayName', 'The name the desk shows.'),
      attribute('emails', 'The userName, as the work email (read only: userName is the address).', {
        type: 'complex',
        multiValued: true,
        mutability: 'readOnly',
        subAttributes: [
          attribute('value', 'The address.'),
          attribute('type', 'Always work.'),
          attribute('primary', 'Always true.', { type: 'boolean' }),
        ],
      }),
      attribute('active', 'false deactivates the account: its sessions end and its open tickets go back to the queue.', {
        type: 'boolean',
      }),
      attribute('roles', 'One value: student, staff or manager (admins are made in the console).', {
        type: 'complex',
        multiValued: true,
        subAttributes: [attribute('value', 'student, staff or manager.'), attribute('primary', 'The role used.', { type: 'boolean' })],
      }),
    ]),
    schema(SCHEMAS.enterpriseUser, 'EnterpriseUser', 'Enterprise extension: the student number.', [
      attribute('employeeNumber', 'The student number (unique).', { uniqueness: 'server' }),
    ]),
    schema(SCHEMAS.group, 'Group', 'A department of the desk.', [
      attribute('displayName', 'The department’s name or slug.', { required: true, uniqueness: 'server' }),
      attribute('members', 'The department’s staff.', {
        type: 'complex',
        multiValued: true,
        subAttributes: [attribute('value', 'The user’s id.'), attribute('display', 'The user’s name.', { mutability: 'readOnly' })],
      }),
    ]),
  ];
}
