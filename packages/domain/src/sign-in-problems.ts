// Why single sign-on sent someone back to the sign-in page: the API names the problem in
// ?sso_error=, and both web apps say it in the same words, none of which tell anything about accounts.
export const SSO_PROBLEMS = [
  'expired',
  'state',
  'denied',
  'unavailable',
  'rejected',
  'deactivated',
  'no_email',
  'email_in_use',
  'too_many',
  // SAML: the identity provider's answer was not one to trust (sso/saml.routes.ts).
  'unsigned',
  'wrong_audience',
  'assertion_expired',
  'replayed',
  'unknown_request',
] as const;
export type SsoProblem = (typeof SSO_PROBLEMS)[number];

export const SSO_PROBLEM_MESSAGES: Record<SsoProblem, string> = {
  expired: 'Signing in with your school account took too long, or was started in another browser. Please try again.',
  state: 'That sign-in was not started in this browser. Please try again.',
  denied: 'Your school account was not allowed to sign in. If you think this is a mistake, contact your school’s IT help.',
  unavailable: 'Your school’s sign-in service cannot be reached right now. Try again in a few minutes.',
  rejected: 'Your school’s sign-in service did not confirm the sign-in. Please try again.',
  deactivated: 'This account has been deactivated. Ask the help desk if you need it back.',
  no_email: 'Your school account has no email address, which the help desk needs. Contact your school’s IT help.',
  email_in_use:
    'An account with this email already exists, and your school’s sign-in service has not confirmed the address. Sign in with your password, or ask the help desk.',
  too_many: 'Too many school sign-ins that did not complete came from your network. Wait a few minutes and try again.',
  unsigned: 'Your school’s sign-in service sent an answer without a valid signature, so it was not trusted. Contact your school’s IT help.',
  wrong_audience:
    'Your school’s sign-in service sent an answer meant for another service. Contact your school’s IT help (the help desk’s registration may be out of date).',
  assertion_expired:
    'Your school’s sign-in service sent an answer that had already expired. Please try again; if it keeps happening, check your computer’s clock.',
  replayed: 'That sign-in answer was used already. Please start again from the sign-in button.',
  unknown_request:
    'That sign-in answer does not match a sign-in started here, or it took too long. Please start again from the sign-in button.',
};

/** The problem a page's ?sso_error= value names; null for none, `rejected` for a code this version does not know. */
export function ssoProblemOf(code: string | null): SsoProblem | null {
  if (code === null) return null;
  return (SSO_PROBLEMS as readonly string[]).includes(code) ? (code as SsoProblem) : 'rejected';
}

/** The message for a page's ?sso_error= value; null for none, a generic one for a code this version does not know. */
export function ssoProblemMessage(code: string | null): string | null {
  const problem = ssoProblemOf(code);
  return problem && SSO_PROBLEM_MESSAGES[problem];
}
