import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Incident } from '../incidents/incident.type.js';
import { Node } from '../relay/relay.types.js';
import { LIST_MAXIMUM, MaxItems } from '../limits/list-maximums.js';

@ObjectType({ implements: Node, description: 'A knowledge-base article: an answer students can use without waiting for staff.' })
export class Article extends Node {
  @Field(() => String, { description: 'Stable name for links, e.g. "reset-your-password".' })
  slug!: string;

  @Field(() => String, { description: 'The question or task it answers.' })
  title!: string;

  @Field(() => String, { description: 'The answer in a sentence or two, shown in suggestions.' })
  summary!: string;

  @Field(() => String, { description: 'The full answer, plain text with blank lines between paragraphs.' })
  body!: string;
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
