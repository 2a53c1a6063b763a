import { Role } from '@studentdesk/db';
import { Field, Int, ObjectType } from 'type-graphql';
import { describeEnum } from '../schema-enum.js';
import { ImportOutcome } from './people-import.plan.js';

describeEnum(ImportOutcome, 'ImportOutcome', 'What an import does with one row of the file.', {
  CREATE: 'A new person: the account is created (without a password).',
  UPDATE: 'A person who exists: their name, student number, role or departments change (see `changes`).',
  UNCHANGED: 'A person who exists exactly as the row says: nothing to write.',
  REJECT: 'The row is not imported (see `reason`).',
});

@ObjectType({ description: 'One row of an import file and what importing it does.' })
export class PeopleImportRow {
  @Field(() => Int, { description: 'The line of the file the row ends on (the header is line 1).' })
  line!: number;

  @Field(() => String, { description: 'The email address as read (lowercased): the person’s sign-in name.' })
  email!: string;

  @Field(() => String, { description: 'The name as read.' })
  name!: string;

  @Field(() => Role, { nullable: true, description: 'The role as read; null when it is not one an import may give.' })
  role!: Role | null;

  @Field(() => ImportOutcome, { description: 'Create, update, unchanged or reject.' })
  outcome!: ImportOutcome;

  @Field(() => String, { nullable: true, description: 'Why the row is rejected.' })
  reason!: string | null;

  @Field(() => [String], { description: 'What an UPDATE changes, in words; empty otherwise.' })
  changes!: string[];
}

@ObjectType({ description: 'How many rows of the file have each outcome.' })
export class PeopleImportTotals {
  @Field(() => Int, { description: 'Rows in the file (not counting the header).' })
  rows!: number;

  @Field(() => Int, { description: 'People to create.' })
  create!: number;

  @Field(() => Int, { description: 'People to update.' })
  update!: number;

  @Field(() => Int, { description: 'People already as the file says.' })
  unchanged!: number;

  @Field(() => Int, { description: 'Rows rejected.' })
  reject!: number;
}

@ObjectType({
  description:
    'A people import: its dry run (`previewPeopleImport`, nothing written) or the import itself (`importPeople`, `applied` true).',
})
export class PeopleImport {
  @Field(() => Boolean, { description: 'Whether the accepted rows were written: false for a dry run.' })
  applied!: boolean;

  @Field(() => PeopleImportTotals, { description: 'How many rows have each outcome.' })
  totals!: PeopleImportTotals;
}
