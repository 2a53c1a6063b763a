// A person's own account from the portal's profile page: the name they are greeted with and which
// emails about their tickets they want. Only the signed-in person, only themselves.
import { PERSON_NAME_MAX } from '@studentdesk/domain';
import type { User as UserRow } from '@studentdesk/db';
import { enforce, requireUser } from '../auth/viewer.js';
import type { Context } from '../context.js';
import { badInput } from '../errors.js';
import { canChangeOwnProfile } from './user.policy.js';
import type { UpdateMyProfileInput } from './user.type.js';

/** Changes what the input names (a null or missing field stays); returns the account. */
export async function updateMyProfile(ctx: Context, input: UpdateMyProfileInput): Promise<UserRow> {
  enforce(canChangeOwnProfile(ctx.viewer));
  const user = requireUser(ctx.viewer);
  const name = input.name?.trim();
  if (name !== undefined && (!name || name.length > PERSON_NAME_MAX)) {
    throw badInput(`Give your name, up to ${PERSON_NAME_MAX} characters.`, 'input.name');
  }
  const updated = await ctx.prisma.user.update({
    where: { id: user.id },
    data: {
      ...(name ? { name } : {}),
      ...(typeof input.staffReplyEmails === 'boolean' ? { staffReplyEmails: input.staffReplyEmails } : {}),
      ...(typeof input.ratingReminderEmails === 'boolean' ? { ratingReminderEmails: input.ratingReminderEmails } : {}),
    },
  });
  // The name shows on tickets and messages read later in this request.
  ctx.loaders.user.clear(user.id).prime(user.id, updated);
  return updated;
}
