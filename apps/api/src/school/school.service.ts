// The school's settings and first-run setup: the settings and the first admin are written in one
// transaction that also uses up the setup token, so a bad field, a used link or a lost race
// writes nothing.
import { hashPassword, type PasswordSignIn, type School as SchoolRow } from '@studentdesk/db';
import { DEFAULT_ACCENT_COLOR, DEFAULT_PRIMARY_COLOR, firstAdminProblems, schoolSettingsProblems } from '@studentdesk/domain';
import { AuditAction } from '../audit/audit-action.js';
import { recordAudit } from '../audit/audit.js';
import { enforce, requireUser } from '../auth/viewer.js';
import { startSession } from '../auth/sessions.js';
import { checkNewPassword } from '../account/password-policy.js';
import type { Context } from '../context.js';
import { badInputs } from '../errors.js';
import { canCompleteSetup, canReadSchool, canUpdateSchool } from './school.policy.js';
import { hashSetupToken, hasActiveAdmin, takeSetupLock } from './setup-token.js';
import type { CompleteSetupInput, SchoolSettingsInput } from './school.type.js';

/** The school, or null before first-run setup. */
export function getSchool(ctx: Context): Promise<SchoolRow | null> {
  enforce(canReadSchool(ctx.viewer));
  return ctx.prisma.school.findUnique({ where: { id: 1 } });
}

/** The row's values from checked input; colours left out fall back to StudentDesk's own. */
const schoolRow = (input: SchoolSettingsInput) => ({
  name: input.schoolName.trim(),
  timeZone: input.timeZone,
  logoUrl: input.logo || null,
  primaryColor: (input.primaryColor || DEFAULT_PRIMARY_COLOR).toLowerCase(),
  accentColor: (input.accentColor || DEFAULT_ACCENT_COLOR).toLowerCase(),
  ...(input.passwordSignIn ? { passwordSignIn: input.passwordSignIn } : {}),
});

export async function completeSetup(ctx: Context, input: CompleteSetupInput) {
  const problems = [...schoolSettingsProblems(input), ...firstAdminProblems(input)];
  // The first admin has no school account linked yet: NOBODY would lock them out.
  const switchProblem = input.passwordSignIn && (await passwordSwitchProblem(ctx, undefined, input.passwordSignIn));
  if (switchProblem) problems.push({ field: 'passwordSignIn', message: switchProblem });
  if (problems.length) throw badInputs(problems);
  checkNewPassword(input.adminPassword, input.adminEmail, 'adminPassword');
  const now = ctx.app.clock.now();
  const email = input.adminEmail.trim().toLowerCase();
  // scrypt is slow on purpose: hashed before the transaction, which stays short.
  const passwordHash = await hashPassword(input.adminPassword);
  const settings = { ...schoolRow(input), setupCompletedAt: now };
  const user = await ctx.prisma.$transaction(async (tx) => {
    await takeSetupLock(tx);
    const claimed = await tx.setupToken.updateMany({
      where: { tokenHash: hashSetupToken(input.token), usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    // An admin made meanwhile (create-admin) ends first-run setup too.
    enforce(canCompleteSetup(claimed.count === 1 && !(await hasActiveAdmin(tx))));
    if (await tx.user.findUnique({ where: { email }, select: { id: true } }))
      throw badInputs([{ field: 'adminEmail', message: 'Someone already has this email address; use another one.' }]);
    await tx.school.upsert({ where: { id: 1 }, create: settings, update: settings });
    const admin = await tx.user.create({ data: { email, name: input.adminName.trim(), role: 'ADMIN', passwordHash, createdAt: now } });
    await recordAudit(tx, ctx, { action: AuditAction.SETUP_COMPLETED, actorUserId: admin.id, subject: { type: 'User', id: admin.id } });
    return admin;
  });
  ctx.app.logger.info({ userId: user.id }, 'first-run setup completed');
  const { token, expiresAt } = await startSession(ctx.app, user.id, ctx.clientAddress);
  ctx.session?.set(token, expiresAt);
  return { token, user, expiresAt };
}

/** Why password sign-in may not be switched to `setting` by this admin; undefined when it may. */
async function passwordSwitchProblem(ctx: Context, adminId: string | undefined, setting: PasswordSignIn): Promise<string | undefined> {
  if (setting === 'EVERYONE') return undefined;
  if (!ctx.app.config.oidc && !ctx.app.config.saml)
    return 'Set up single sign-on (OIDC or SAML, see docs/setup.md) before switching password sign-in off: without it, those people could not sign in at all.';
  if (setting === 'NOBODY' && !(adminId && (await ctx.prisma.externalIdentity.count({ where: { userId: adminId } }))))
    return 'You have never signed in with your school account here: with password sign-in off for everyone, you would be locked out. Sign in once with “Sign in with your school account”, then switch it off.';
  return undefined;
}

/** An admin changes the school's settings (e.g. after create-admin, which sets none). */
export async function updateSchool(ctx: Context, input: SchoolSettingsInput): Promise<SchoolRow> {
  enforce(canUpdateSchool(ctx.viewer));
  const admin = requireUser(ctx.viewer);
  const problems = [...schoolSettingsProblems(input)];
  const passwordSignIn = input.passwordSignIn ?? undefined;
  const switchProblem = passwordSignIn && (await passwordSwitchProblem(ctx, admin.id, passwordSignIn));
  if (switchProblem) problems.push({ field: 'passwordSignIn', message: switchProblem });
  if (problems.length) throw badInputs(problems);
  const settings = schoolRow(input);
  return ctx.prisma.$transaction(async (tx) => {
    const before = await tx.school.findUnique({ where: { id: 1 } });
    const school = await tx.school.upsert({
      where: { id: 1 },
      create: { ...settings, setupCompletedAt: ctx.app.clock.now() },
      update: settings,
    });
    const changed = (Object.keys(settings) as Array<keyof typeof settings>).filter((key) => before?.[key] !== school[key]);
    // Who may sign in with a password is permission-relevant: the new value goes in the entry too.
    const switched = changed.includes('passwordSignIn') ? { passwordSignIn: school.passwordSignIn } : {};
    await recordAudit(tx, ctx, { action: AuditAction.SCHOOL_UPDATED, details: { changed, ...switched } });
    return school;
  });
}
