// Who a person signed in at the provider (OIDC or SAML) is here: the user linked to their
// (issuer, subject); else the user with their email, when the provider vouches for it; else a new
// student. With a role claim or attribute configured, the provider's groups decide the role at every sign-in.
import type { PrismaClient, Role, User } from '@studentdesk/db';
import type { SsoProblem } from '@studentdesk/domain';
import { AuditAction } from '../audit/audit-action.js';
import { recordAudit, type AuditSource } from '../audit/audit.js';
import type { RoleGroups } from '../config.js';
import { isUniqueViolation } from '../errors.js';

/** Why a person the provider signed in is not let in; the code the web app shows a message for. */
export type IdentityRefusal = Extract<SsoProblem, 'deactivated' | 'no_email' | 'email_in_use'>;

export type IdentityResult = { ok: true; user: User; created: boolean } | { ok: false; reason: IdentityRefusal };

/** A person as the provider describes them, whatever the protocol. */
export interface ExternalPerson {
  /** The provider: the OIDC issuer, or the SAML IdP's entity ID. */
  issuer: string;
  /** Who they are there for good: OIDC `sub`, SAML persistent NameID or eduPersonPrincipalName. */
  subject: string;
  email?: string;
  /** The provider vouches for the address: only then may it link an existing account. */
  emailVerified: boolean;
  name?: string;
  /** The role the provider's groups give; undefined: not sent (or not configured), the role stays as it is. */
  role?: Role;
}

/** The groups in a claim or attribute (a list, or one name); undefined when the provider did not send it. */
export function groupsIn(value: unknown): string[] | undefined {
  if (Array.isArray(value)) return value.filter((group): group is string => typeof group === 'string');
  return typeof value === 'string' ? [value] : undefined;
}

/** The highest role any of the groups gives; STUDENT when none does. */
export function roleFromGroups(settings: RoleGroups, groups: string[]): Role {
  const inAny = (names: string[]) => groups.some((group) => names.includes(group));
  if (inAny(settings.adminGroups)) return 'ADMIN';
  if (inAny(settings.managerGroups)) return 'MANAGER';
  if (inAny(settings.staffGroups)) return 'STAFF';
  return 'STUDENT';
}

const nameFor = (person: ExternalPerson, email: string) => (person.name?.trim() || email.split('@')[0]!).slice(0, 200);

/**
 * The user the provider's person stands for, linked, created or refused; one transaction, with the
 * audit entries of an account created or a role changed. Two first sign-ins of one person at once
 * (two tabs) race to create the same rows: the loser's transaction is refused by the unique index
 * and, tried again, finds the winner's.
 */
export async function userForPerson(prisma: PrismaClient, person: ExternalPerson, source: AuditSource): Promise<IdentityResult> {
  try {
    return await linkOrCreate(prisma, person, source);
  } catch (error) {
    if (isUniqueViolation(error)) return linkOrCreate(prisma, person, source);
    throw error;
  }
}

async function linkOrCreate(prisma: PrismaClient, person: ExternalPerson, source: AuditSource): Promise<IdentityResult> {
  const { issuer, subject, role: mappedRole } = person;
  const now = source.app.clock.now();
  const email = person.email?.trim().toLowerCase() || undefined;
  return prisma.$transaction(async (tx): Promise<IdentityResult> => {
    const linked = await tx.externalIdentity.findUnique({ where: { issuer_subject: { issuer, subject } }, include: { user: true } });
    let user: User;
    let created = false;
    if (linked) {
      if (linked.user.deactivatedAt) return { ok: false, reason: 'deactivated' };
      user = linked.user;
      await tx.externalIdentity.update({ where: { id: linked.id }, data: { lastUsedAt: now } });
    } else {
      if (!email) return { ok: false, reason: 'no_email' };
      const existing = await tx.user.findUnique({ where: { email } });
      // An unverified email proves nothing: linking on it would hand that account to whoever typed the address.
      if (existing && !person.emailVerified) return { ok: false, reason: 'email_in_use' };
      if (existing?.deactivatedAt) return { ok: false, reason: 'deactivated' };
      created = !existing;
      user =
        existing ??
        (await tx.user.create({ data: { email, name: nameFor(person, email), role: mappedRole ?? 'STUDENT', createdAt: now } }));
      await tx.externalIdentity.create({ data: { userId: user.id, issuer, subject, createdAt: now, lastUsedAt: now } });
      if (created)
        await recordAudit(tx, source, {
          action: AuditAction.ACCOUNT_CREATED_BY_SSO,
          actorUserId: user.id,
          subject: { type: 'User', id: user.id },
          details: { provider: issuer, role: user.role },
        });
    }
    if (mappedRole && mappedRole !== user.role) {
      await recordAudit(tx, source, {
        action: AuditAction.ROLE_CHANGED_BY_SSO,
        actorUserId: user.id,
        subject: { type: 'User', id: user.id },
        details: { provider: issuer, from: user.role, to: mappedRole },
      });
      user = await tx.user.update({ where: { id: user.id }, data: { role: mappedRole } });
    }
    return { ok: true, user, created };
  });
}
