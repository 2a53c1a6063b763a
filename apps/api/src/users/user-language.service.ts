// A person's language: chosen in the portal's or the console's header, kept on the account so every
// device and the emails use it. A tag outside LANGUAGES is refused, as the column's CHECK would.
import { isLanguage, LANGUAGES, type Language } from '@studentdesk/domain';
import type { User as UserRow } from '@studentdesk/db';
import { enforce, requireUser } from '../auth/viewer.js';
import type { Context } from '../context.js';
import { badInput } from '../errors.js';
import { canChooseOwnLanguage } from './user.policy.js';

/** The signed-in person's language, or null to follow their browser again; returns the account. */
export async function setMyLanguage(ctx: Context, language: string | null): Promise<UserRow> {
  enforce(canChooseOwnLanguage(ctx.viewer));
  const user = requireUser(ctx.viewer);
  if (language !== null && !isLanguage(language)) {
    throw badInput(`Choose one of the languages StudentDesk speaks: ${LANGUAGES.join(', ')}.`, 'language');
  }
  return ctx.prisma.user.update({ where: { id: user.id }, data: { language: language satisfies Language | null } });
}
