import { LANGUAGES } from '@studentdesk/domain';
import { ArrayMaxSize, IsOptional, Length, ValidateNested } from 'class-validator';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { LIST_MAXIMUM } from '../limits/list-maximums.js';
import { Node } from '../relay/relay.types.js';

const MAX_LINKED_ARTICLES = LIST_MAXIMUM.cannedResponseArticles;
const MAX_VERSIONS = LIST_MAXIMUM.cannedResponseVersions;
const LANGUAGE_TAGS = LANGUAGES.join(', ');

@ObjectType({
  description: 'A canned response in another language: inserted instead of the body when the ticket’s student reads the desk in it.',
})
export class CannedResponseVersion {
  @Field(() => String, { description: `The language, a BCP 47 tag (${LANGUAGE_TAGS}).` })
  language!: string;

  @Field(() => String, { description: 'The text in that language, with placeholders as written.' })
  body!: string;
}

@InputType({ description: 'A canned response’s text in one language.' })
export class CannedResponseVersionInput {
  @Field(() => String, { description: `The language, a BCP 47 tag (${LANGUAGE_TAGS}).` })
  language!: string;

  @Field(() => String, { description: 'The text, up to 5000 characters; only known placeholders are accepted.' })
  @Length(1, 5000)
  body!: string;
}

@ObjectType({
  implements: Node,
  description:
    'A saved reply staff insert into the reply box. Its body may hold placeholders: {{student.firstName}}, {{student.name}}, {{ticket.number}}, {{ticket.title}}, {{agent.firstName}}, {{agent.name}}, {{department.name}}. It may link knowledge-base articles, whose public links are inserted with it.',
})
export class CannedResponse extends Node {
  @Field(() => String, { description: 'Short name staff pick it by, e.g. "Password reset done".' })
  title!: string;

  @Field(() => String, { description: 'The text, with placeholders as written.' })
  body!: string;

  @Field(() => Date, { description: 'When it was created.' })
  createdAt!: Date;
}

@InputType({ description: 'A new canned response.' })
export class CreateCannedResponseInput {
  @Field(() => String, { description: 'Short name, up to 120 characters.' })
  @Length(1, 120)
  title!: string;

  @Field(() => String, { description: 'The text, up to 5000 characters; only known placeholders are accepted.' })
  @Length(1, 5000)
  body!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The department that uses it; null for every department (admins only). Managers create for their own department.',
  })
  departmentId?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Knowledge-base articles to link, in order (up to 5).' })
  @IsOptional()
  @ArrayMaxSize(MAX_LINKED_ARTICLES)
  articleIds?: string[] | null;

  @Field(() => [CannedResponseVersionInput], { nullable: true, description: 'The text in other languages, one each.' })
  @IsOptional()
  @ArrayMaxSize(MAX_VERSIONS)
  @ValidateNested({ each: true })
  versions?: CannedResponseVersionInput[] | null;
}

@InputType({ description: 'Changes to a canned response; omitted fields stay as they are.' })
export class UpdateCannedResponseInput {
  @Field(() => ID, { description: 'The canned response to change.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'New short name.' })
  @IsOptional()
  @Length(1, 120)
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'New text.' })
  @IsOptional()
  @Length(1, 5000)
  body?: string | null;

  @Field(() => [ID], { nullable: true, description: 'The articles to link instead, in order (up to 5; [] for none); omitted: unchanged.' })
  @IsOptional()
  @ArrayMaxSize(MAX_LINKED_ARTICLES)
  articleIds?: string[] | null;

  @Field(() => [CannedResponseVersionInput], {
    nullable: true,
    description: 'The versions in other languages instead, one per language ([] for none); omitted: unchanged.',
  })
  @IsOptional()
  @ArrayMaxSize(MAX_VERSIONS)
  @ValidateNested({ each: true })
  versions?: CannedResponseVersionInput[] | null;
}
