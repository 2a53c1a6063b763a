// `create-admin`: an admin without the setup link (a school that scripts its installs, or one that
// lost the link). The same rules as first-run setup: a real email address, not taken, and a
// password the policy accepts (passwords.ts).
import { emailProblem, PERSON_NAME_MAX } from '@studentdesk/domain';
import type { PrismaClient } from './generated/prisma/client.js';
import { hashPassword, newPasswordProblem } from './passwords.js';

export class CreateAdminError extends Error {}

export interface NewAdmin {
  email: string;
  name: string;
  password: string;
}

export async function createAdmin(prisma: PrismaClient, admin: NewAdmin): Promise<{ id: string; email: string }> {
  const email = admin.email.trim().toLowerCase();
  const name = admin.name.trim();
  const problem =
    emailProblem(email) ??
    (name.length < 1 || name.length > PERSON_NAME_MAX ? `Give a name (--name) of up to ${PERSON_NAME_MAX} characters.` : undefined) ??
    newPasswordProblem(admin.password, email);
  if (problem) throw new CreateAdminError(problem);
  const passwordHash = await hashPassword(admin.password);
  return prisma.$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email }, select: { id: true } }))
      throw new CreateAdminError(`${email} already has an account; choose another email address.`);
    // With an admin, the first-run setup link has no use left.
    await tx.setupToken.deleteMany({ where: { usedAt: null } });
    return tx.user.create({ data: { email, name, role: 'ADMIN', passwordHash }, select: { id: true, email: true } });
  });
}
