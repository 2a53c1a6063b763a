// Students who are hit by a known issue say "me too" instead of reporting it again, and anyone can
// ask the status page to email them when it ends. Each address follows an incident once; "me too"
// counts on the incident (affectedCount). Resolving the incident writes one email per follower in
// its own transaction, then forgets the addresses. Without signing in, the caller's address is
// capped and so is each inbox (limits/emailed-requests.ts): a stranger can add someone else's
// address at most a few times an hour, and what they get is one email staff wrote.
import { IncidentStatus, type Incident as IncidentRow, type Prisma } from '@studentdesk/db';
import { viewerUser } from '../auth/viewer.js';
import type { Context } from '../context.js';
import { badInput, notFound } from '../errors.js';
import { fromSchool, incidentResolvedEmail } from '../notifications/email.templates.js';
import { fromGlobalId } from '../relay/global-id.js';
import type { FollowIncidentInput } from './incident.type.js';

export async function followIncident(ctx: Context, input: FollowIncidentInput): Promise<IncidentRow> {
  const incident = await ctx.loaders.incident.load(fromGlobalId(input.incidentId, 'Incident', 'incidentId'));
  if (!incident) throw notFound('There is no incident with this ID.');
  if (incident.status === IncidentStatus.RESOLVED) throw badInput('This problem is already resolved.', 'incidentId');
  const user = viewerUser(ctx.viewer);
  const email = (user?.email ?? input.email ?? '').trim().toLowerCase();
  if (!email) throw badInput('Enter your email address, so we can tell you when it is fixed.', 'email');
  if (!user) {
    const limits = ctx.app.limits.incidentFollows;
    await limits.request(ctx.clientAddress);
    // Over the inbox's cap the answer is the same; the address is simply not added.
    if (!(await limits.mayEmail(email))) return incident;
  }
  await ctx.prisma.incidentFollower.upsert({
    where: { incidentId_email: { incidentId: incident.id, email } },
    create: { incidentId: incident.id, email, affected: input.affected },
    // Once affected, always affected: a later "just tell me" does not take the "me too" back.
    update: input.affected ? { affected: true } : {},
  });
  ctx.loaders.incidentAffectedCount.clear(incident.id);
  return incident;
}

/** In the incident's resolving transaction: one email per follower, then the addresses are forgotten. */
export async function emailIncidentFollowers(
  tx: Prisma.TransactionClient,
  publicUrl: string,
  incident: IncidentRow,
  resolution: string,
): Promise<number> {
  const followers = await tx.incidentFollower.findMany({ where: { incidentId: incident.id }, select: { email: true } });
  if (followers.length === 0) return 0;
  const school = await tx.school.findUnique({ where: { id: 1 }, select: { name: true } });
  const email = fromSchool(incidentResolvedEmail(publicUrl, incident, resolution), school?.name);
  await tx.emailMessage.createMany({
    data: followers.map((follower) => ({ kind: email.kind, toAddress: follower.email, subject: email.subject, text: email.text })),
  });
  await tx.incidentFollower.deleteMany({ where: { incidentId: incident.id } });
  return followers.length;
}
