// Whose numbers a viewer may see: staff their own department's, managers and admins any.
import { Prisma, type User as UserRow } from '@studentdesk/db';
import { requireStaff, type Viewer } from '../auth/viewer.js';
import { forbidden } from '../errors.js';

export interface InsightScope {
  viewer: UserRow;
  /** The departments covered; null means every department. */
  departmentIds: string[] | null;
}

export function canSeeEveryDepartment(user: Pick<UserRow, 'role'>): boolean {
  return user.role === 'MANAGER' || user.role === 'ADMIN';
}

/** The departments the viewer asked about and may see: FORBIDDEN for another department's staff, and for students. */
export function insightScope(viewer: Viewer, departmentId: string | null): InsightScope {
  const user = requireStaff(viewer);
  if (canSeeEveryDepartment(user)) return { viewer: user, departmentIds: departmentId ? [departmentId] : null };
  if (departmentId && departmentId !== user.departmentId) {
    throw forbidden("Only managers and admins can see another department's numbers.");
  }
  return { viewer: user, departmentIds: user.departmentId ? [user.departmentId] : [] };
}

/** SQL predicate on a "departmentId" column for the scope. */
export function inScopeSql(scope: InsightScope, column: string): Prisma.Sql {
  if (scope.departmentIds === null) return Prisma.sql`TRUE`;
  return Prisma.sql`${Prisma.raw(column)} = ANY(${scope.departmentIds}::uuid[])`;
}
