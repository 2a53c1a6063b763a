// The dry run of a people import: every row of the file becomes CREATE, UPDATE, UNCHANGED or
// REJECT (with the reason), decided in memory against what the database holds for the file's
// emails and student numbers (read in a few set-based statements, whatever the row count).
// importPeople runs the same planning inside its transaction, so what it writes is what a
// preview of the same file against the same data said.
import type { DepartmentRole, Prisma, Role } from '@studentdesk/db';
import { parse } from 'csv-parse/sync';
import { badInput } from '../errors.js';
import { LIST_MAXIMUM } from '../limits/list-maximums.js';
import { looksLikeEmail } from '../people/invitation.service.js';
import { kindFor } from '../people/membership.service.js';

/** The largest CSV accepted (about 100,000 typical rows). */
export const IMPORT_MAX_BYTES = 8 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 100_000;
const NAME_MAX = 100;
const STUDENT_NUMBER_MAX = 50;

export const ImportOutcome = { CREATE: 'CREATE', UPDATE: 'UPDATE', UNCHANGED: 'UNCHANGED', REJECT: 'REJECT' } as const;
export type ImportOutcome = (typeof ImportOutcome)[keyof typeof ImportOutcome];

/** The columns a file may have, by the names it may give them (compared without case, spaces, _ or -). */
const COLUMNS = {
  email: ['email', 'emailaddress', 'mail'],
  name: ['name', 'fullname'],
  role: ['role'],
  department: ['department', 'departments'],
  studentNumber: ['studentnumber', 'studentid'],
} as const;
type Column = keyof typeof COLUMNS;
const REQUIRED: Column[] = ['email', 'name', 'role'];
const ROLES = { student: 'STUDENT', staff: 'STAFF', manager: 'MANAGER' } as const satisfies Record<string, Role>;

export interface PlannedRow {
  /** The line of the file the row ends on (the header is line 1). */
  line: number;
  email: string;
  name: string;
  role: Role | null;
  outcome: ImportOutcome;
  /** Why a REJECT is rejected. */
  reason: string | null;
  /** What an UPDATE changes, in words. */
  changes: string[];
}

/** A person to create or update, with what they end up as. */
export interface PersonWrite {
  id: string | null;
  email: string;
  name: string;
  role: Role;
  studentNumber: string | null;
  memberships: Array<{ departmentId: string; role: DepartmentRole }>;
}

export interface ImportPlan {
  rows: PlannedRow[];
  creates: PersonWrite[];
  updates: PersonWrite[];
  totals: Record<ImportOutcome, number>;
}

interface ParsedRow {
  line: number;
  fields: Partial<Record<Column, string>>;
  /** Set when the row has another number of fields than the header. */
  fieldCount: number;
}

const columnKey = (header: string) => header.toLowerCase().replace(/[\s_-]/g, '');

/** The file's rows by column; a file that cannot be read as a people CSV at all is BAD_USER_INPUT. */
export function parsePeopleCsv(csv: string): { rows: ParsedRow[]; width: number } {
  if (Buffer.byteLength(csv) > IMPORT_MAX_BYTES) {
    throw badInput(`The file is larger than ${IMPORT_MAX_BYTES / 1024 / 1024} MB: split it into smaller files.`, 'csv');
  }
  // Spreadsheets set to a European locale save with semicolons; the header line tells which.
  const headerLine = csv.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = headerLine.includes(';') && !headerLine.includes(',') ? ';' : ',';
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    // With `info`, each record comes with where it was read (its last line).
    records = parse(csv, {
      bom: true,
      delimiter,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw badInput(`The file is not valid CSV${line ? ` (line ${line})` : ''}: ${(error as Error).message.replace(/^.*?: /, '')}`, 'csv');
  }
  const [header, ...data] = records;
  if (!header) throw badInput('The file is empty: it needs a header row (email, name, role, department, studentNumber).', 'csv');
  const columns = header.record.map((title) => {
    const column = (Object.keys(COLUMNS) as Column[]).find((key) => (COLUMNS[key] as readonly string[]).includes(columnKey(title)));
    if (!column) throw badInput(`Unknown column “${title}”: the columns are email, name, role, department and studentNumber.`, 'csv');
    return column;
  });
  const missing = REQUIRED.filter((column) => !columns.includes(column));
  if (missing.length) throw badInput(`The header row lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}.`, 'csv');
  if (data.length > IMPORT_MAX_ROWS) {
    throw badInput(`The file has ${data.length} rows; import at most ${IMPORT_MAX_ROWS} at a time.`, 'csv');
  }
  const rows = data.map(({ record, info }) => {
    const fields: ParsedRow['fields'] = {};
    columns.forEach((column, index) => (fields[column] = record[index] ?? ''));
    return { line: info.lines, fields, fieldCount: record.length };
  });
  return { rows, width: columns.length };
}

interface Existing {
  id: string;
  email: string;
  name: string;
  role: Role;
  studentNumber: string | null;
}

type Db = Pick<Prisma.TransactionClient, '$queryRaw'>;

/** Plans the import of the file's rows against the database (read-only). */
export async function planPeopleImport(db: Db, csv: string): Promise<ImportPlan> {
  const { rows: parsed, width } = parsePeopleCsv(csv);
  const emails = [...new Set(parsed.map((row) => (row.fields.email ?? '').toLowerCase()).filter(Boolean))];
  const numbers = [...new Set(parsed.map((row) => row.fields.studentNumber ?? '').filter(Boolean))];
  const [departments, people, owners] = await Promise.all([
    db.$queryRaw<Array<{ id: string; slug: string; name: string }>>`SELECT "id", "slug", "name" FROM "Department"`,
    db.$queryRaw<Existing[]>`
      SELECT "id", "email", "name", "role", "studentNumber" FROM "User" WHERE "email" = ANY(${emails}::text[])`,
    db.$queryRaw<Array<{ email: string; studentNumber: string }>>`
      SELECT "email", "studentNumber" FROM "User" WHERE "studentNumber" = ANY(${numbers}::text[])`,
  ]);
  const memberships = await db.$queryRaw<Array<{ userId: string; departmentId: string; role: DepartmentRole }>>`
    SELECT "userId", "departmentId", "role" FROM "DepartmentMembership" WHERE "userId" = ANY(${people.map((person) => person.id)}::uuid[])`;

  const departmentByKey = new Map<string, { id: string; name: string }>();
  for (const department of departments) {
    departmentByKey.set(department.name.toLowerCase(), department);
    departmentByKey.set(department.slug.toLowerCase(), department);
  }
  const departmentName = new Map(departments.map((department) => [department.id, department.name]));
  const personByEmail = new Map(people.map((person) => [person.email, person]));
  const ownerOfNumber = new Map(owners.map((owner) => [owner.studentNumber, owner.email]));
  const membershipsOf = new Map<string, Array<{ departmentId: string; role: DepartmentRole }>>();
  for (const membership of memberships) {
    membershipsOf.set(membership.userId, [...(membershipsOf.get(membership.userId) ?? []), membership]);
  }
  const lineOfEmail = new Map<string, number>();
  const lineOfNumber = new Map<string, number>();

  const plan: ImportPlan = { rows: [], creates: [], updates: [], totals: { CREATE: 0, UPDATE: 0, UNCHANGED: 0, REJECT: 0 } };
  for (const row of parsed) {
    const email = (row.fields.email ?? '').toLowerCase();
    const name = row.fields.name ?? '';
    const roleText = (row.fields.role ?? '').toLowerCase();
    const role: Role | null = ROLES[roleText as keyof typeof ROLES] ?? null;
    const studentNumber = row.fields.studentNumber || null;
    const planned: PlannedRow = { line: row.line, email, name, role, outcome: ImportOutcome.REJECT, reason: null, changes: [] };
    plan.rows.push(planned);
    const reject = (reason: string) => {
      planned.reason = reason;
      plan.totals.REJECT += 1;
    };

    if (row.fieldCount !== width) {
      reject(`The row has ${row.fieldCount} fields; the header has ${width}.`);
      continue;
    }
    if (!looksLikeEmail(email)) {
      reject(email ? `“${email}” is not an email address.` : 'The email is missing.');
      continue;
    }
    const sameEmail = lineOfEmail.get(email);
    if (sameEmail !== undefined) {
      reject(`The same email as line ${sameEmail}: a person appears once per file.`);
      continue;
    }
    lineOfEmail.set(email, row.line);
    if (!name || name.length > NAME_MAX) {
      reject(name ? `The name is longer than ${NAME_MAX} characters.` : 'The name is missing.');
      continue;
    }
    if (!role) {
      reject(
        roleText === 'admin'
          ? 'Admins are not imported: invite them from People.'
          : `The role “${row.fields.role ?? ''}” is not allowed: use student, staff or manager.`,
      );
      continue;
    }
    const departmentNames = (row.fields.department ?? '')
      .split(/[;|]/)
      .map((part) => part.trim())
      .filter(Boolean);
    const unknown = departmentNames.find((part) => !departmentByKey.has(part.toLowerCase()));
    if (unknown) {
      reject(`There is no department “${unknown}” (give its name or slug).`);
      continue;
    }
    const departmentIds = [...new Set(departmentNames.map((part) => departmentByKey.get(part.toLowerCase())!.id))];
    if (departmentIds.length > LIST_MAXIMUM.membershipsPerPerson) {
      reject(`A person works in at most ${LIST_MAXIMUM.membershipsPerPerson} departments.`);
      continue;
    }
    if (role === 'STUDENT' && departmentIds.length) {
      reject('Students do not belong to a department: leave the department empty.');
      continue;
    }
    if (role !== 'STUDENT' && !departmentIds.length) {
      reject('Staff and managers need a department.');
      continue;
    }
    if (studentNumber && role !== 'STUDENT') {
      reject('Only students have a student number.');
      continue;
    }
    if (studentNumber && studentNumber.length > STUDENT_NUMBER_MAX) {
      reject(`The student number is longer than ${STUDENT_NUMBER_MAX} characters.`);
      continue;
    }
    if (studentNumber) {
      const sameNumber = lineOfNumber.get(studentNumber);
      if (sameNumber !== undefined) {
        reject(`The same student number as line ${sameNumber}.`);
        continue;
      }
      lineOfNumber.set(studentNumber, row.line);
      const owner = ownerOfNumber.get(studentNumber);
      if (owner && owner !== email) {
        reject(`Student number ${studentNumber} belongs to another person (${owner}).`);
        continue;
      }
    }

    const departmentRole: DepartmentRole = role === 'MANAGER' ? 'MANAGER' : 'STAFF';
    const wanted = departmentIds.map((departmentId) => ({ departmentId, role: departmentRole }));
    const existing = personByEmail.get(email);
    if (!existing) {
      planned.outcome = ImportOutcome.CREATE;
      plan.totals.CREATE += 1;
      plan.creates.push({ id: null, email, name, role, studentNumber, memberships: wanted });
      continue;
    }
    if (existing.role === 'ADMIN') {
      reject('This person is an admin: change admins from People, not by import.');
      continue;
    }
    if (existing.role !== 'STUDENT' && role === 'STUDENT') {
      reject('This person is staff: an import does not turn staff into students.');
      continue;
    }
    // Memberships are added or changed, never removed: a file of one department's staff leaves their other departments alone.
    const current = membershipsOf.get(existing.id) ?? [];
    const changes: string[] = [];
    if (existing.name !== name) changes.push(`name: ${existing.name} → ${name}`);
    if (studentNumber && existing.studentNumber !== studentNumber) {
      changes.push(`student number: ${existing.studentNumber ?? 'none'} → ${studentNumber}`);
    }
    for (const membership of wanted) {
      const had = current.find((candidate) => candidate.departmentId === membership.departmentId);
      const department = departmentName.get(membership.departmentId)!;
      if (!had) changes.push(`joins ${department} as ${membership.role}`);
      else if (had.role !== membership.role) changes.push(`${department}: ${had.role} → ${membership.role}`);
    }
    const merged = [...current.filter((had) => !departmentIds.includes(had.departmentId)), ...wanted];
    if (merged.length > LIST_MAXIMUM.membershipsPerPerson) {
      reject(`A person works in at most ${LIST_MAXIMUM.membershipsPerPerson} departments.`);
      continue;
    }
    const kind = role === 'STUDENT' ? 'STUDENT' : kindFor(existing.role === 'STUDENT' ? 'STAFF' : existing.role, merged);
    if (kind !== existing.role) changes.push(`role: ${existing.role} → ${kind}`);
    if (!changes.length) {
      planned.outcome = ImportOutcome.UNCHANGED;
      plan.totals.UNCHANGED += 1;
      continue;
    }
    planned.outcome = ImportOutcome.UPDATE;
    planned.changes = changes;
    plan.totals.UPDATE += 1;
    plan.updates.push({
      id: existing.id,
      email,
      name,
      role: kind,
      studentNumber: studentNumber ?? existing.studentNumber,
      memberships: wanted,
    });
  }
  return plan;
}
