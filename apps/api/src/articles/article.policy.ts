// Help articles: published ones are everyone's. Drafts, archived articles and the version history
// belong to those who keep them: the department's staff and admins (a school-wide article, with no
// department: admins). To anyone else an unpublished article does not exist.
import type { Article as ArticleRow, Prisma } from '@studentdesk/db';
import { ALLOW, departmentsOf, mustKeepIn, refuse, viewerStaff, type Decision, type Viewer } from '../auth/viewer.js';
import { ErrorCode } from '../errors.js';

/** What students, guests, API keys and search see. */
export const publishedWhere: Prisma.ArticleWhereInput = { status: 'PUBLISHED' };

/** Writing, publishing and reading the drafts and history of a department's articles (null: school-wide). */
export const canKeep = (viewer: Viewer, departmentId: string | null): Decision =>
  mustKeepIn(viewer, departmentId, {
    schoolWide: 'Only admins can write school-wide articles.',
    otherDepartment: "Only the department's staff and admins can write its articles.",
  });

/** The articles the viewer may read: the published ones and those they keep. */
export function visibleWhere(viewer: Viewer): Prisma.ArticleWhereInput {
  const user = viewerStaff(viewer);
  if (user?.role === 'ADMIN') return {};
  const kept = user ? departmentsOf(user) : [];
  if (kept.length === 0) return publishedWhere;
  return { OR: [publishedWhere, { departmentId: { in: kept } }] };
}

export const canRead = (viewer: Viewer, article: Pick<ArticleRow, 'status' | 'departmentId'>): Decision =>
  article.status === 'PUBLISHED' || canKeep(viewer, article.departmentId).allowed
    ? ALLOW
    : refuse(ErrorCode.NOT_FOUND, 'There is no such article.');
