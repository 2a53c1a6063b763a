import { ArticleStatus } from '@studentdesk/db';
import { IsInt, IsOptional, IsUUID, Length, Matches, Min } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Incident } from '../incidents/incident.type.js';
import { ConnectionOf, Node } from '../relay/relay.types.js';
import { LIST_MAXIMUM, MaxItems } from '../limits/list-maximums.js';
import { describeEnum } from '../schema-enum.js';
import { MAX_MARKDOWN_LENGTH } from './markdown.js';

describeEnum(ArticleStatus, 'ArticleStatus', 'Where a knowledge-base article stands.', {
  DRAFT: 'Being written, or taken offline: only its department’s staff and admins see it.',
  PUBLISHED: 'Live: everyone reads its published version, and it is suggested while students report.',
  ARCHIVED: 'Retired: kept with its history for staff, shown to nobody else.',
});

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

@ObjectType({ implements: Node, description: 'A knowledge-base article: an answer students can use without waiting for staff.' })
export class Article extends Node {
  @Field(() => String, { description: 'Stable name for links, e.g. "reset-your-password"; unique within its department, never changes.' })
  slug!: string;

  @Field(() => String, { description: 'The question or task it answers (of the published version; of version 1 until first published).' })
  title!: string;

  @Field(() => String, { description: 'The answer in a sentence or two, shown in suggestions (of the published version).' })
  summary!: string;

  @Field(() => String, { description: 'The full answer in Markdown (of the published version). Show bodyHtml, never this as HTML.' })
  body!: string;

  @Field(() => ArticleStatus, { description: 'Draft, published or archived.' })
  status!: ArticleStatus;

  @Field(() => Date, { description: 'When it last changed: a version saved, published, unpublished or archived.' })
  updatedAt!: Date;
}

@ObjectType({ description: 'One saved text of an article. Versions are numbered 1, 2, 3 … in the order saved and never change.' })
export class ArticleVersion {
  @Field(() => Int, { description: 'Its number within the article.' })
  number!: number;

  @Field(() => String, { description: 'The title as saved.' })
  title!: string;

  @Field(() => String, { description: 'The summary as saved.' })
  summary!: string;

  @Field(() => String, { description: 'The Markdown as saved.' })
  body!: string;

  @Field(() => String, { nullable: true, description: 'What changed, in the author’s words.' })
  note!: string | null;

  @Field(() => Date, { description: 'When it was saved.' })
  createdAt!: Date;
}

@ObjectType({ description: 'A page of articles, most recently changed first.' })
export class ArticleConnection extends ConnectionOf(Article, 'Article', 'article', 'articles') {}

@ObjectType({ description: 'A page of an article’s versions, newest first.' })
export class ArticleVersionConnection extends ConnectionOf(ArticleVersion, 'ArticleVersion', 'version', 'versions') {}

@InputType({ description: 'The text of an article version.' })
class ArticleTextInput {
  @Field(() => String, { description: 'The question or task it answers, up to 200 characters.' })
  @Length(1, 200)
  title!: string;

  @Field(() => String, { description: 'The answer in a sentence or two, up to 300 characters.' })
  @Length(1, 300)
  summary!: string;

  @Field(() => String, { description: `The full answer in Markdown, up to ${MAX_MARKDOWN_LENGTH} characters.` })
  @Length(1, MAX_MARKDOWN_LENGTH)
  body!: string;

  @Field(() => String, { nullable: true, description: 'What changed, up to 500 characters; shown in the history.' })
  @IsOptional()
  @Length(0, 500)
  note?: string | null;
}

@InputType({ description: 'A new article: saved as a draft, version 1.' })
export class CreateArticleInput extends ArticleTextInput {
  @Field(() => ID, { nullable: true, description: 'Its department; null for a school-wide article (admins only).' })
  departmentId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The category it answers questions about, of the same department.' })
  categoryId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Lowercase words joined by hyphens, up to 80 characters; made from the title when omitted. It never changes.',
  })
  @IsOptional()
  @Length(1, 80)
  @Matches(SLUG_PATTERN, { message: 'Write the slug as lowercase letters and digits joined by hyphens, e.g. reset-your-password.' })
  slug?: string | null;
}

@InputType({ description: 'A new version of an article, saved as a draft: the published version stays live until you publish.' })
export class SaveArticleInput extends ArticleTextInput {
  @Field(() => ID, { description: 'The article.' })
  id!: string;

  @Field(() => Int, {
    nullable: true,
    description: 'The version the edit started from: when someone saved a newer one meanwhile, the save is refused with CONFLICT.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  baseVersion?: number | null;

  @Field(() => ID, { nullable: true, description: 'Move it to this category (of the article’s department); omitted: unchanged.' })
  categoryId?: string | null;
}

@InputType({ description: 'An article version to make live.' })
export class PublishArticleInput {
  @Field(() => ID, { description: 'The article.' })
  id!: string;

  @Field(() => Int, { nullable: true, description: 'The version to publish; the latest when omitted.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number | null;
}

@InputType({ description: 'An old version to bring back as a new draft version.' })
export class RestoreArticleVersionInput {
  @Field(() => ID, { description: 'The article.' })
  id!: string;

  @Field(() => Int, { description: 'The version whose text to restore.' })
  @IsInt()
  @Min(1)
  version!: number;
}

@ObjectType({ description: 'What may already answer a problem being reported: matching articles and known issues.' })
export class ReportSuggestions {
  @Field(() => [Article], { description: `Best matching published articles first (at most ${LIST_MAXIMUM.reportSuggestions}).` })
  @MaxItems(LIST_MAXIMUM.reportSuggestions)
  articles!: Article[];

  @Field(() => [Incident], {
    description: `Known issues not yet resolved that affect the category or match the words (at most ${LIST_MAXIMUM.reportSuggestions}).`,
  })
  @MaxItems(LIST_MAXIMUM.reportSuggestions)
  incidents!: Incident[];
}

@InputType({ description: 'A report the student did not send because an article or a known issue answered it.' })
export class RecordDeflectionInput {
  @Field(() => ID, { nullable: true, description: 'The article that answered it (give this or incidentId).' })
  articleId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The known issue that explained it (give this or articleId).' })
  incidentId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The category the student had chosen, if any.' })
  categoryId?: string | null;
}

@InputType({ description: '"Was this helpful?" on a published article; one vote per person or browser, and a later vote replaces it.' })
export class VoteOnArticleInput {
  @Field(() => ID, { description: 'The published article.' })
  articleId!: string;

  @Field(() => Boolean, { description: 'True: it helped. False: it did not.' })
  helpful!: boolean;

  @Field(() => String, {
    nullable: true,
    description:
      'Without signing in: a random id the browser keeps (a UUID in local storage), so the same browser counts once. Ignored for a signed-in person, who counts once wherever they vote.',
  })
  @IsOptional()
  @IsUUID('all', { message: 'browserId must be a UUID the browser generated.' })
  browserId?: string | null;
}
