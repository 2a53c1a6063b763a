// "Was this helpful?" on a published article: one vote per signed-in person or per browser (a
// random id the browser keeps; only its hash is stored), changeable, counted from the votes
// (loaders.articleVotes).
import { createHash } from 'node:crypto';
import type { Article as ArticleRow } from '@studentdesk/db';
import { viewerUser } from '../auth/viewer.js';
import type { Context } from '../context.js';
import { badInput, notFound } from '../errors.js';
import { fromGlobalId } from '../relay/global-id.js';
import * as articlePolicy from './article.policy.js';
import type { VoteOnArticleInput } from './article.type.js';

export async function voteOnArticle(ctx: Context, input: VoteOnArticleInput): Promise<ArticleRow> {
  const articleId = fromGlobalId(input.articleId, 'Article', 'articleId');
  const article = await ctx.prisma.article.findFirst({ where: { id: articleId, ...articlePolicy.publishedWhere } });
  if (!article) throw notFound('There is no published article with this ID.');
  const user = viewerUser(ctx.viewer);
  if (!user && !input.browserId) throw badInput('Without signing in, send the browserId your browser keeps.', 'browserId');
  const voterKey = user ? `user:${user.id}` : `browser:${createHash('sha256').update(input.browserId!.toLowerCase()).digest('hex')}`;
  const votedAt = ctx.app.clock.now();
  await ctx.prisma.articleVote.upsert({
    where: { articleId_voterKey: { articleId, voterKey } },
    create: { articleId, voterKey, helpful: input.helpful, votedAt },
    update: { helpful: input.helpful, votedAt },
  });
  ctx.loaders.articleVotes.clear(articleId);
  return article;
}
