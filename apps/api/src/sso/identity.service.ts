// Who a person signed in at the provider is here: the user linked to their (issuer, subject);
// else the user with their email, when the provider vouches for it (email_verified); else a new
// student. With OIDC_ROLE_CLAIM set, the provider's groups decide the role at every sign-in.
import type { PrismaClient, Role, User } from '@studentdesk/db';
import type { SsoProblem } from '@studentdesk/domain';
import type { OidcSettings } from '../config.js';
import { isUniqueViolation } from '../errors.js';

/** Why a person the provider signed in is not let in; the code the web app shows a message for. */
export type IdentityRefusal = Extract<SsoProblem, 'deactivated' | 'no_email' | 'email_in_use'>;

export type IdentityResult = { ok: true; user: User; created: boolean } | { ok: false; reason: IdentityRefusal };

const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

/** The groups in the role claim (a list, or one name); undefined when the provider did not send it. */
function groupsOf(claims: Record<string, unknown>, claim: string): string[] | undefined {
  const value = claims[claim];
  if (Array.isArray(value)) return value.filter((group): group is string => typeof group === 'string');
  return typeof value === 'string' ? [value] : undefined;
}

/** The highest role any of the groups gives; STUDENT when none does. */
export function roleFromGroups(settings: OidcSettings, groups: string[]): Role {
  const inAny = (names: string[]) => groups.some((group) => names.includes(group));
  if (inAny(settings.adminGroups)) return 'ADMIN';
  if (inAny(settings.managerGroups)) return 'MANAGER';
  if (inAny(settings.staffGroups)) return 'STAFF';
  return 'STUDENT';
}

function displayName(claims: Record<string, unknown>, email: string): string {
  const given = [text(claims.given_name), text(claims.family_name)].filter(Boolean).join(' ');
  return (text(claims.name) ?? (given || text(claims.preferred_username)) ?? email.split('@')[0]!).slice(0, 200);
}

/**
 * The user the provider's claims (with `iss` and `sub`) stand for, linked, created or refused; one
 * transaction. Two first sign-ins of one person at once (two tabs) race to create the same rows: the
 * loser's transaction is refused by the unique index and, tried again, finds the winner's.
 */
export async function userForClaims(
  prisma: PrismaClient,
  settings: OidcSettings,
  claims: Record<string, unknown>,
  now: Date,
): Promise<IdentityResult> {
  try {
    return await linkOrCreate(prisma, settings, claims, now);
  } catch (error) {
    if (isUniqueViolation(error)) return linkOrCreate(prisma, settings, claims, now);
    throw error;
  }
}

async function linkOrCreate(
  prisma: PrismaClient,
  settings: OidcSettings,
  claims: Record<string, unknown>,
  now: Date,
): Promise<IdentityResult> {
  const issuer = String(claims.iss);
  const subject = String(claims.sub);
  const email = text(claims.email)?.toLowerCase();
  const groups = settings.roleClaim ? groupsOf(claims, settings.roleClaim) : undefined;
  // Without the claim in this answer (not configured, or not released) the role stays as it is.
  const mappedRole = groups && roleFromGroups(settings, groups);

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
      if (existing && claims.email_verified !== true) return { ok: false, reason: 'email_in_use' };
      if (existing?.deactivatedAt) return { ok: false, reason: 'deactivated' };
      created = !existing;
      user =
        existing ??
        (await tx.user.create({ data: { email, name: displayName(claims, email), role: mappedRole ?? 'STUDENT', createdAt: now } }));
      await tx.externalIdentity.create({ data: { userId: user.id, issuer, subject, createdAt: now, lastUsedAt: now } });
    }
    if (mappedRole && mappedRole !== user.role) user = await tx.user.update({ where: { id: user.id }, data: { role: mappedRole } });
    return { ok: true, user, created };
  });
}
