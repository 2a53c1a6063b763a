import { Field, ID, InterfaceType, ObjectType } from 'type-graphql';

/** Marks rows returned through the Node interface with their GraphQL type. */
export const NODE_TYPE = Symbol('nodeType');

/** The GraphQL type of a row returned through the Node interface. */
export const nodeTypeOf = (value: { [NODE_TYPE]?: string }) => value[NODE_TYPE];

@InterfaceType({
  description: 'An object with a globally unique ID, fetchable with `node(id:)`.',
  resolveType: nodeTypeOf,
})
export abstract class Node {
  @Field(() => ID, { description: 'Globally unique, opaque ID.' })
  id!: string;
}

@ObjectType({ description: 'Where a page of a connection sits in the whole list.' })
export class PageInfo {
  @Field(() => Boolean, { description: 'Whether more items follow this page.' })
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: 'Whether items precede this page.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item; pass it as `before` for the previous page.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item; pass it as `after` for the next page.' })
  endCursor!: string | null;
}
