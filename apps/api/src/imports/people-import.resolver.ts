import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context.js';
import { LIST_MAXIMUM, MaxItems } from '../limits/list-maximums.js';
import { ImportOutcome, type PlannedRow } from './people-import.plan.js';
import { importPeople, importRowsPage, previewPeopleImport, type PeopleImportResult } from './people-import.service.js';
import { PeopleImport, PeopleImportRow, PeopleImportTotals } from './people-import.type.js';

const CSV_DESCRIPTION =
  'The CSV text: a header row, then one person per row. Columns: email, name, role (student, staff or manager), department (name or slug; several separated by ";"; empty for students), studentNumber (optional, students only). At most 8 MB and 100,000 rows.';

@Resolver(() => PeopleImport)
export class PeopleImportResolver {
  @Query(() => PeopleImport, {
    description:
      'Admins: the dry run of a people import. Says for every row whether importing would create, update, leave unchanged or reject it (and why), writing nothing. A file that cannot be read (not CSV, unknown or missing columns, too large) is BAD_USER_INPUT on field "csv".',
  })
  previewPeopleImport(@Arg('csv', () => String, { description: CSV_DESCRIPTION }) csv: string, @Ctx() ctx: Context) {
    return previewPeopleImport(ctx, csv);
  }

  @Mutation(() => PeopleImport, {
    description:
      'Admins: import students and staff from CSV, in one transaction. With any rejected row nothing is written (BAD_USER_INPUT, extensions.rejected = how many) unless `acceptRejected` is true: then the other rows are written and the rejected ones skipped. Imported people get no password (single sign-on, or "forgot password"); staff and managers become members of their departments (memberships are added or changed, never removed).',
  })
  importPeople(
    @Arg('csv', () => String, { description: CSV_DESCRIPTION }) csv: string,
    @Arg('acceptRejected', () => Boolean, {
      defaultValue: false,
      description: 'Import the accepted rows even though some are rejected (after the admin saw the dry run).',
    })
    acceptRejected: boolean,
    @Ctx() ctx: Context,
  ) {
    return importPeople(ctx, csv, acceptRejected);
  }

  @FieldResolver(() => PeopleImportTotals, { description: 'How many rows have each outcome.' })
  totals(@Root() result: PeopleImportResult): PeopleImportTotals {
    const { CREATE, UPDATE, UNCHANGED, REJECT } = result.totals;
    return { rows: result.rows.length, create: CREATE, update: UPDATE, unchanged: UNCHANGED, reject: REJECT };
  }

  @FieldResolver(() => [PeopleImportRow], {
    description: `The rows in file order (only those with \`outcome\` when it is given): \`first\` of them (at most ${LIST_MAXIMUM.importRows}, the default) after skipping \`offset\`. A client walks every row by raising \`offset\`.`,
  })
  @MaxItems(LIST_MAXIMUM.importRows)
  rows(
    @Root() result: PeopleImportResult,
    @Arg('outcome', () => ImportOutcome, { nullable: true, description: 'Only rows with this outcome (e.g. REJECT).' })
    outcome: ImportOutcome | null | undefined,
    @Arg('first', () => Int, { nullable: true, description: `How many rows (at most ${LIST_MAXIMUM.importRows}, the default).` })
    first: number | null | undefined,
    @Arg('offset', () => Int, { nullable: true, description: 'How many of the matching rows to skip (default 0).' })
    offset: number | null | undefined,
  ): PlannedRow[] {
    return importRowsPage(result.rows, outcome ?? null, first ?? LIST_MAXIMUM.importRows, offset ?? 0);
  }
}
