// Writes the schema's SDL (packages/graphql/schema.graphql): the published contract both apps
// generate their typed operations from. Run by `pnpm build`.
import { writeFileSync } from 'node:fs';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { createTicketPubSub } from '../realtime/pubsub.js';
import { createSchema } from '../schema.js';

const target = process.argv[2];
if (!target) throw new Error('usage: emit-schema <output file>');
const schema = await createSchema(createTicketPubSub());
writeFileSync(target, `${printSchema(lexicographicSortSchema(schema))}\n`);
console.log(`wrote ${target}`);
