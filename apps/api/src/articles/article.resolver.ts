import {
  ArticleStatus,
  type Article as ArticleRow,
  type ArticleVersion as ArticleVersionRow,
  type Category as CategoryRow,
  type Department as DepartmentRow,
  type User as UserRow,
} from '@studentdesk/db';
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { enforce, mustBeStaff } from '../auth/viewer.js';
import type { Context } from '../context.js';
import { badInput } from '../errors.js';
import { Category, Department } from '../departments/department.type.js';
import { fromGlobalId } from '../relay/global-id.js';
import { PageArgs } from '../relay/pagination.js';
import { User } from '../users/user.type.js';
import * as authoring from './article.authoring.js';
import { searchArticles } from './article.search.js';
import * as articles from './article.service.js';
import { voteOnArticle } from './article.votes.js';
import {
  Article,
  ArticleConnection,
  ArticleVersion,
  ArticleVersionConnection,
  CreateArticleInput,
  PublishArticleInput,
  RecordDeflectionInput,
  ReportSuggestions,
  RestoreArticleVersionInput,
  SaveArticleInput,
  VoteOnArticleInput,
} from './article.type.js';
import { MAX_MARKDOWN_LENGTH, renderMarkdown } from './markdown.js';
import { LIST_MAXIMUM, MaxItems } from '../limits/list-maximums.js';

@Resolver(() => Article)
export class ArticleResolver {
  @Query(() => [Article], { description: 'Published articles matching the words, best first. Public.' })
  @MaxItems(LIST_MAXIMUM.articleSearch)
  searchArticles(
    @Arg('text', () => String, { description: 'What the student typed; any of the words may match.' }) text: string,
    @Ctx() ctx: Context,
    @Arg('categoryId', () => ID, { nullable: true, description: 'Rank this category’s articles higher.' }) categoryId?: string | null,
    @Arg('first', () => Int, { nullable: true, description: `How many, at most ${LIST_MAXIMUM.articleSearch} (default 5).` })
    first?: number | null,
  ): Promise<ArticleRow[]> {
    const limit = first ?? articles.SUGGESTED_ARTICLES;
    if (!Number.isInteger(limit) || limit < 1 || limit > LIST_MAXIMUM.articleSearch)
      throw badInput(`first must be from 1 to ${LIST_MAXIMUM.articleSearch}.`, 'first');
    if (text.length > articles.MAX_SEARCH_TEXT) throw badInput(`Search with at most ${articles.MAX_SEARCH_TEXT} characters.`, 'text');
    return searchArticles(ctx, text, { categoryId: categoryId ? fromGlobalId(categoryId, 'Category', 'categoryId') : null, limit });
  }

  @Query(() => Article, {
    nullable: true,
    description: 'One article by its slug: published ones for everyone, drafts for those who keep them. Public.',
  })
  article(
    @Arg('slug', () => String, { description: 'The article’s slug.' }) slug: string,
    @Ctx() ctx: Context,
    @Arg('departmentSlug', () => String, {
      nullable: true,
      description: 'The slug of its department (slugs are unique per department); omitted: the oldest article with the slug.',
    })
    departmentSlug?: string | null,
  ): Promise<ArticleRow | null> {
    return articles.articleBySlug(ctx, slug, departmentSlug);
  }

  @Query(() => ArticleConnection, {
    description: 'Staff: the knowledge base of their department (admins: any, or the school-wide articles), most recently changed first.',
  })
  articles(
    @Ctx() ctx: Context,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('departmentId', () => ID, { nullable: true, description: 'The department; your own when omitted.' }) departmentId?: string | null,
    @Arg('schoolWide', () => Boolean, { nullable: true, description: 'List the school-wide articles (no department) instead.' })
    schoolWide?: boolean | null,
    @Arg('status', () => [ArticleStatus], { nullable: true, description: 'Only articles in these statuses.' })
    status?: ArticleStatus[] | null,
  ) {
    return authoring.listArticles(ctx, { departmentId, schoolWide, status }, page);
  }

  @Query(() => String, {
    description: 'Staff: Markdown as the sanitised HTML students will see; the article editor’s preview uses it.',
  })
  renderMarkdown(
    @Arg('markdown', () => String, { description: `Up to ${MAX_MARKDOWN_LENGTH} characters.` }) markdown: string,
    @Ctx() ctx: Context,
  ) {
    enforce(mustBeStaff(ctx.viewer));
    if (markdown.length > MAX_MARKDOWN_LENGTH) throw badInput(`Preview at most ${MAX_MARKDOWN_LENGTH} characters.`, 'markdown');
    return renderMarkdown(markdown);
  }

  @Mutation(() => Article, {
    description: 'Staff: write a new article for their department (admins: any, or school-wide), saved as draft version 1.',
  })
  createArticle(@Arg('input', () => CreateArticleInput, { description: 'The article.' }) input: CreateArticleInput, @Ctx() ctx: Context) {
    return authoring.createArticle(ctx, input);
  }

  @Mutation(() => Article, { description: 'Staff of the department: save a new draft version; what is published stays live.' })
  saveArticle(@Arg('input', () => SaveArticleInput, { description: 'The new text.' }) input: SaveArticleInput, @Ctx() ctx: Context) {
    return authoring.saveArticle(ctx, input);
  }

  @Mutation(() => Article, { description: 'Staff of the department: make a version live (the latest by default).' })
  publishArticle(
    @Arg('input', () => PublishArticleInput, { description: 'What to publish.' }) input: PublishArticleInput,
    @Ctx() ctx: Context,
  ) {
    return authoring.publishArticle(ctx, input);
  }

  @Mutation(() => Article, { description: 'Staff of the department: take a published article offline; it becomes a draft again.' })
  unpublishArticle(@Arg('id', () => ID, { description: 'The article.' }) id: string, @Ctx() ctx: Context) {
    return authoring.withdrawArticle(ctx, id, ArticleStatus.DRAFT);
  }

  @Mutation(() => Article, { description: 'Staff of the department: retire an article; it and its history stay for staff only.' })
  archiveArticle(@Arg('id', () => ID, { description: 'The article.' }) id: string, @Ctx() ctx: Context) {
    return authoring.withdrawArticle(ctx, id, ArticleStatus.ARCHIVED);
  }

  @Mutation(() => Article, { description: 'Staff of the department: bring an old version back as a new draft version.' })
  restoreArticleVersion(
    @Arg('input', () => RestoreArticleVersionInput, { description: 'Which version.' }) input: RestoreArticleVersionInput,
    @Ctx() ctx: Context,
  ) {
    return authoring.restoreArticleVersion(ctx, input);
  }

  @Query(() => ReportSuggestions, { description: 'While a student types a report: matching articles and known issues. Public.' })
  suggestionsFor(
    @Arg('text', () => String, { description: 'The title and description typed so far.' }) text: string,
    @Ctx() ctx: Context,
    @Arg('categoryId', () => ID, { nullable: true, description: 'The category chosen, if any.' }) categoryId?: string | null,
  ) {
    return articles.suggestionsFor(ctx, text, categoryId);
  }

  @Mutation(() => Boolean, { description: 'Count a report that an article or known issue made unnecessary. Public.' })
  recordDeflection(
    @Arg('input', () => RecordDeflectionInput, { description: 'What answered the problem.' }) input: RecordDeflectionInput,
    @Ctx() ctx: Context,
  ) {
    return articles.recordDeflection(ctx, input);
  }

  @Mutation(() => Article, {
    description:
      '"Was this helpful?": one vote per signed-in person, or per browser (browserId) without signing in; voting again replaces the vote. NOT_FOUND for an article that is not published. Public.',
  })
  voteOnArticle(
    @Arg('input', () => VoteOnArticleInput, { description: 'The article and the vote.' }) input: VoteOnArticleInput,
    @Ctx() ctx: Context,
  ) {
    return voteOnArticle(ctx, input);
  }

  @FieldResolver(() => Int, { description: 'How many people or browsers said it helped.' })
  async helpfulVotes(@Root() article: ArticleRow, @Ctx() ctx: Context): Promise<number> {
    return (await ctx.loaders.articleVotes.load(article.id)).helpful;
  }

  @FieldResolver(() => Int, { description: 'How many said it did not.' })
  async notHelpfulVotes(@Root() article: ArticleRow, @Ctx() ctx: Context): Promise<number> {
    return (await ctx.loaders.articleVotes.load(article.id)).notHelpful;
  }

  @FieldResolver(() => [Article], {
    description: `Up to ${LIST_MAXIMUM.relatedArticles} other published articles of its category, else of its department, most voted first: “see also” on the help centre.`,
  })
  @MaxItems(LIST_MAXIMUM.relatedArticles)
  related(@Root() article: ArticleRow, @Ctx() ctx: Context): Promise<ArticleRow[]> {
    return ctx.loaders.relatedArticles.load(article);
  }

  @FieldResolver(() => Category, { nullable: true, description: 'The category it belongs to, if any.' })
  category(@Root() article: ArticleRow, @Ctx() ctx: Context): Promise<CategoryRow | null> | null {
    return article.categoryId ? ctx.loaders.category.load(article.categoryId) : null;
  }

  @FieldResolver(() => Department, { nullable: true, description: 'The department that keeps it; null for a school-wide article.' })
  department(@Root() article: ArticleRow, @Ctx() ctx: Context): Promise<DepartmentRow | null> | null {
    return article.departmentId ? ctx.loaders.department.load(article.departmentId) : null;
  }

  @FieldResolver(() => String, { description: 'The body as sanitised HTML, safe to put into a page.' })
  bodyHtml(@Root() article: ArticleRow): string {
    return renderMarkdown(article.body);
  }

  @FieldResolver(() => String, { description: 'Its path on the portal: /help/<department slug>/<slug> (school-wide: /help/<slug>).' })
  path(@Root() article: ArticleRow, @Ctx() ctx: Context): Promise<string> {
    return authoring.articlePath(ctx, article);
  }

  @FieldResolver(() => String, { description: 'Its public link, for replies and emails.' })
  async url(@Root() article: ArticleRow, @Ctx() ctx: Context): Promise<string> {
    return `${ctx.app.config.publicUrl}${await authoring.articlePath(ctx, article)}`;
  }

  @FieldResolver(() => ArticleVersion, { description: 'Those who keep it: the newest version, published or not.' })
  async latestVersion(@Root() article: ArticleRow, @Ctx() ctx: Context): Promise<ArticleVersionRow> {
    return (await authoring.versionOf(ctx, article, article.latestVersionNumber))!;
  }

  @FieldResolver(() => ArticleVersion, {
    nullable: true,
    description: 'Those who keep it: the version that is live; null when not published.',
  })
  async publishedVersion(@Root() article: ArticleRow, @Ctx() ctx: Context): Promise<ArticleVersionRow | null> {
    return authoring.publishedVersionOf(ctx, article);
  }

  @FieldResolver(() => ArticleVersionConnection, { description: 'Those who keep it: every version, newest first.' })
  versions(@Root() article: ArticleRow, @Ctx() ctx: Context, @Args(() => PageArgs) page: PageArgs) {
    return authoring.listVersions(ctx, article, page);
  }
}

@Resolver(() => ArticleVersion)
export class ArticleVersionResolver {
  @FieldResolver(() => String, { description: 'The body as sanitised HTML.' })
  bodyHtml(@Root() version: ArticleVersionRow): string {
    return renderMarkdown(version.body);
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who saved it; null once their account is gone.' })
  author(@Root() version: ArticleVersionRow, @Ctx() ctx: Context): Promise<UserRow | null> | null {
    return version.authorId ? ctx.loaders.user.load(version.authorId) : null;
  }
}
