// The school's settings and first-run setup: the settings and the first admin are written in one
// transaction that also uses up the setup token, so a bad field, a used link or a lost race
// writes nothing.
import { hashPassword, type School as SchoolRow } from '@studentdesk/db';
import { DEFAULT_ACCENT_COLOR, DEFAULT_PRIMARY_COLOR, firstAdminProblems, schoolSettingsProblems } from '@studentdesk/domain';
import { AuditAction } from '../audit/audit-action.js';
import { recordAudit } from '../audit/audit.js';
import { enforce } from '../auth/viewer.js';
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
});

export async function completeSetup(ctx: Context, input: CompleteSetupInput) {
  const problems = [...schoolSettingsProblems(input), ...firstAdminProblems(input)];
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

/** An admin changes the school's settings (e.g. after create-admin, which sets none). */
export async function updateSchool(ctx: Context, input: SchoolSettingsInput): Promise<SchoolRow> {
  enforce(canUpdateSchool(ctx.viewer));
  const problems = schoolSettingsProblems(input);
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
    await recordAudit(tx, ctx, { action: AuditAction.SCHOOL_UPDATED, details: { changed } });
    return school;
  });
}
