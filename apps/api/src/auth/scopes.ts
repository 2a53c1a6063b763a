// What an API key may do. A key carries scopes; people carry roles. The words are the ones
// integrators see in errors and in docs/integrating.md.
export const API_SCOPES = ['tickets:read', 'tickets:write', 'ratings:read', 'insights:read', 'webhooks:manage', 'scim:provision'] as const;

export type ApiScope = (typeof API_SCOPES)[number];

export const isApiScope = (value: string): value is ApiScope => (API_SCOPES as readonly string[]).includes(value);
