import { Field, ID, InterfaceType, ObjectType, type ClassType } from 'type-graphql';

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

/**
 * The edge type of a list (`{name}Edge { cursor node }`) and a base for its connection type
 * (`edges`, `pageInfo`), which each list extends with its own @ObjectType and description.
 * `item` and `items` name the node in descriptions: "ticket", "tickets".
 */
export function ConnectionOf<NodeType extends object>(node: ClassType<NodeType>, name: string, item: string, items: string) {
  @ObjectType(`${name}Edge`, { description: `One ${item} in a list, with its cursor.` })
  class Edge {
    @Field(() => String, { description: `Pass as \`after\` to continue after this ${item}, or as \`before\` to page back from it.` })
    cursor!: string;

    @Field(() => node, { description: `The ${item}.` })
    node!: NodeType;
  }

  // Not reachable from any field, so not emitted: each list's subclass is.
  @ObjectType(`${name}ConnectionFields`)
  abstract class Connection {
    @Field(() => [Edge], { description: `The ${items} on this page, in list order.` })
    edges!: Edge[];

    @Field(() => PageInfo, { description: 'Where this page sits in the whole list, and the cursors to page on.' })
    pageInfo!: PageInfo;
  }
  return Connection;
}
