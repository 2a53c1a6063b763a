import type { Article as ArticleRow, Category as CategoryRow } from '@studentdesk/db';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context.js';
import { badInput } from '../errors.js';
import { Category } from '../departments/department.type.js';
import { fromGlobalId } from '../relay/global-id.js';
import { searchArticles } from './article.search.js';
import * as articles from './article.service.js';
import { Article, RecordDeflectionInput, ReportSuggestions } from './article.type.js';
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

  @Query(() => Article, { nullable: true, description: 'One published article by its slug. Public.' })
  article(
    @Arg('slug', () => String, { description: 'The article’s slug.' }) slug: string,
    @Ctx() ctx: Context,
  ): Promise<ArticleRow | null> {
    return articles.articleBySlug(ctx, slug);
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

  @FieldResolver(() => Category, { nullable: true, description: 'The category it belongs to, if any.' })
  category(@Root() article: ArticleRow, @Ctx() ctx: Context): Promise<CategoryRow | null> | null {
    return article.categoryId ? ctx.loaders.category.load(article.categoryId) : null;
  }
}
