// Help articles: published ones are public; an unpublished article does not exist for the API.
import type { Article as ArticleRow, Prisma } from '@studentdesk/db';
import { ALLOW, refuse, type Decision, type Viewer } from '../auth/viewer.js';
import { ErrorCode } from '../errors.js';

export const visibleWhere = (_viewer: Viewer): Prisma.ArticleWhereInput => ({ published: true });

export const canRead = (_viewer: Viewer, article: Pick<ArticleRow, 'published'>): Decision =>
  article.published ? ALLOW : refuse(ErrorCode.NOT_FOUND, 'There is no such article.');
