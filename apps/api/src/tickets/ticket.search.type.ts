import { Field, ObjectType } from 'type-graphql';
import { MaxItems, LIST_MAXIMUM } from '../limits/list-maximums.js';
import { PageInfo } from '../relay/relay.types.js';
import { Ticket } from './ticket.type.js';

@ObjectType({ description: 'A piece of a search snippet; the pieces in order make the snippet.' })
export class SearchHighlight {
  @Field(() => String, { description: 'Plain text (show it as text, never as HTML).' })
  text!: string;

  @Field(() => Boolean, { description: 'Whether these are words the search matched (to highlight).' })
  match!: boolean;
}

@ObjectType({ description: 'One ticket found by a search, with its cursor and where it matched.' })
export class TicketSearchEdge {
  @Field(() => String, { description: 'Pass as `after` to continue after this ticket, or as `before` to page back from it.' })
  cursor!: string;

  @Field(() => Ticket, { description: 'The ticket.' })
  node!: Ticket;

  @Field(() => [SearchHighlight], {
    description:
      'A snippet of the ticket’s text (title, description, contact, messages; internal notes for staff working it) around the matches, accents removed.',
  })
  @MaxItems(LIST_MAXIMUM.searchHighlights)
  highlights!: SearchHighlight[];
}

@ObjectType({ description: 'A page of search results, best match first.' })
export class TicketSearchConnection {
  @Field(() => [TicketSearchEdge], { description: 'The tickets on this page, in list order.' })
  edges!: TicketSearchEdge[];

  @Field(() => PageInfo, { description: 'Where this page sits in the whole list, and the cursors to page on.' })
  pageInfo!: PageInfo;
}
