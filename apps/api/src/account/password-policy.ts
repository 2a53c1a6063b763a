// What a new password must be is defined once (@studentdesk/db's newPasswordProblem: NIST SP
// 800-63B, common passwords refused); here it becomes the API's error. Used wherever a password is
// chosen: first-run setup, changing it, resetting it, accepting an invitation.
import { newPasswordProblem } from '@studentdesk/db';
import { badInput } from '../errors.js';

/** Throws BAD_USER_INPUT naming `field` when the password may not be used for the account with this email. */
export function checkNewPassword(password: string, email: string, field: string): void {
  const problem = newPasswordProblem(password, email);
  if (problem) throw badInput(problem, field);
}
