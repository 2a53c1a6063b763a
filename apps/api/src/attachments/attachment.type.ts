import { Field, Int, ObjectType } from 'type-graphql';
import { Node } from '../relay/relay.types.js';

@ObjectType({
  implements: Node,
  description: 'A file attached to a report or a message. Upload with POST /attachments; download with GET /attachments/{id}.',
})
export class Attachment extends Node {
  @Field(() => String, { description: 'The name the file had on the uploader’s device.' })
  filename!: string;

  @Field(() => String, { description: 'What the file is, found from its bytes: image/png, application/pdf, text/plain…' })
  contentType!: string;

  @Field(() => Int, { description: 'Size in bytes.' })
  size!: number;

  @Field(() => Date, { description: 'When it was uploaded.' })
  createdAt!: Date;
}
