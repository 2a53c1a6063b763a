// Every kind of audited action, once: the database stores the key, the schema explains it.
export const AuditAction = {
  SETUP_COMPLETED: 'SETUP_COMPLETED',
  SCHOOL_UPDATED: 'SCHOOL_UPDATED',
  STAFF_INVITED: 'STAFF_INVITED',
  INVITATION_REVOKED: 'INVITATION_REVOKED',
  INVITATION_ACCEPTED: 'INVITATION_ACCEPTED',
  PERSON_DEACTIVATED: 'PERSON_DEACTIVATED',
  PERSON_REACTIVATED: 'PERSON_REACTIVATED',
  ACCOUNT_CREATED_BY_SSO: 'ACCOUNT_CREATED_BY_SSO',
  PASSWORD_RESET: 'PASSWORD_RESET',
  PASSWORD_CHANGED: 'PASSWORD_CHANGED',
  API_KEY_CREATED: 'API_KEY_CREATED',
  API_KEY_REVOKED: 'API_KEY_REVOKED',
  WEBHOOK_CREATED: 'WEBHOOK_CREATED',
  WEBHOOK_UPDATED: 'WEBHOOK_UPDATED',
  WEBHOOK_DELETED: 'WEBHOOK_DELETED',
  SCIM_USER_CREATED: 'SCIM_USER_CREATED',
  SCIM_USER_UPDATED: 'SCIM_USER_UPDATED',
  SCIM_USER_DELETED: 'SCIM_USER_DELETED',
  SCIM_GROUP_MEMBERS_CHANGED: 'SCIM_GROUP_MEMBERS_CHANGED',
} as const;
export type AuditAction = (typeof AuditAction)[keyof typeof AuditAction];

export const AUDIT_ACTION_MEANINGS: { readonly [Action in AuditAction]: string } = {
  SETUP_COMPLETED: 'First-run setup: the school’s settings and the first admin were created with the setup link.',
  SCHOOL_UPDATED: 'An admin changed the school’s settings (name, time zone, logo, colours, sign-in options).',
  STAFF_INVITED: 'An admin invited someone to join as staff, manager or admin (details: role, department).',
  INVITATION_REVOKED: 'An admin withdrew a pending invitation.',
  INVITATION_ACCEPTED: 'Someone accepted an invitation: their account now exists (the actor is the new account).',
  PERSON_DEACTIVATED:
    'An admin, or the identity provider over SCIM (the actor is its API key), deactivated an account (details: how many open tickets moved, and to whom).',
  PERSON_REACTIVATED: 'An admin, or the identity provider over SCIM, reactivated an account.',
  ACCOUNT_CREATED_BY_SSO: 'A first single sign-on created an account (details: provider, role given).',
  PASSWORD_RESET: 'A person set a new password with a reset link; their other sessions ended.',
  PASSWORD_CHANGED: 'A person changed their password while signed in; their other sessions ended.',
  API_KEY_CREATED: 'An admin created an API key (details: scopes).',
  API_KEY_REVOKED: 'An admin revoked an API key.',
  WEBHOOK_CREATED: 'A webhook subscription was created (details: events).',
  WEBHOOK_UPDATED: 'A webhook subscription was changed (details: what).',
  WEBHOOK_DELETED: 'A webhook subscription was deleted.',
  SCIM_USER_CREATED:
    'The identity provider created an account over SCIM, or brought back one it had deleted (details: attributes sent, role).',
  SCIM_USER_UPDATED: 'The identity provider changed an account over SCIM (details: attributes changed, role).',
  SCIM_USER_DELETED: 'The identity provider deleted an account over SCIM: it is deactivated and hidden from SCIM, its tickets kept.',
  SCIM_GROUP_MEMBERS_CHANGED:
    'The identity provider changed who is in a group (a department) over SCIM (details: people added and removed; they gain or lose its queue).',
};
