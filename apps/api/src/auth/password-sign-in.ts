// The school's switch for password sign-in (School.passwordSignIn): on for everyone, for staff only
// (students use single sign-on), or off for everyone. Sign-in, "forgot password" and the reset link
// all ask here.
import type { PasswordSignIn, PrismaClient, Role } from '@studentdesk/db';
import { ClientError, ErrorCode } from '../errors.js';
import { isStaffRole } from './viewer.js';

/** The school's setting; EVERYONE before first-run setup. */
export async function passwordSignInSetting(prisma: Pick<PrismaClient, 'school'>): Promise<PasswordSignIn> {
  const school = await prisma.school.findUnique({ where: { id: 1 }, select: { passwordSignIn: true } });
  return school?.passwordSignIn ?? 'EVERYONE';
}

export function passwordAllowedFor(setting: PasswordSignIn, role: Role): boolean {
  return setting === 'EVERYONE' || (setting === 'STAFF_ONLY' && isStaffRole(role));
}

export const passwordSignInOff = () =>
  new ClientError(
    ErrorCode.PASSWORD_SIGN_IN_OFF,
    'Your school has switched off signing in with a password for your account. Use “Sign in with your school account” instead.',
  );
