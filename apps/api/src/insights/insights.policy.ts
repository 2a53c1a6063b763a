// Whose numbers a viewer may see (dashboards, the satisfaction report): staff their own
// department's beside the school's, managers and admins any department's, and integrations whose
// key has insights:read every department's. The staff home, leaderboard and praise feed are for
// staff, whatever their department: they acknowledge colleagues across the school.
import { Prisma } from '@studentdesk/db';
import {
  departmentsOf,
  isManagerOrAdmin,
  keyNeedsScope,
  mustBeStaff,
  mustSeeDepartment,
  viewerStaff,
  type Decision,
  type Viewer,
} from '../auth/viewer.js';

export interface InsightScope {
  /** The departments covered; null means every department. */
  departmentIds: string[] | null;
}

/** Every department's numbers: managers, admins and keys with insights:read. */
export function canSeeEveryDepartment(viewer: Viewer): boolean {
  return isManagerOrAdmin(viewer) || viewer.kind === 'apiKey';
}

/** Numbers at all: staff, or an API key with insights:read. */
export function canReadNumbers(viewer: Viewer): Decision {
  return viewer.kind === 'apiKey' ? keyNeedsScope(viewer, 'insights:read') : mustBeStaff(viewer);
}

/** One department's numbers (null: the viewer's own, or every department for those who see all). */
export function canReadDepartment(viewer: Viewer, departmentId: string | null): Decision {
  return viewer.kind === 'apiKey'
    ? canReadNumbers(viewer)
    : mustSeeDepartment(viewer, departmentId, "Only managers and admins can see another department's numbers.");
}

/** Staff pages about people: the staff home, the leaderboard, the praise feed. */
export const canReadStaffPages = (viewer: Viewer): Decision => mustBeStaff(viewer);

/** The departments the viewer asked about and may see (after canReadDepartment). */
export function insightScope(viewer: Viewer, departmentId: string | null): InsightScope {
  if (departmentId) return { departmentIds: [departmentId] };
  if (canSeeEveryDepartment(viewer)) return { departmentIds: null };
  const staff = viewerStaff(viewer);
  return { departmentIds: staff ? departmentsOf(staff) : [] };
}

/** SQL predicate on a "departmentId" column for the scope. */
export function inScopeSql(scope: InsightScope, column: string): Prisma.Sql {
  if (scope.departmentIds === null) return Prisma.sql`TRUE`;
  return Prisma.sql`${Prisma.raw(column)} = ANY(${scope.departmentIds}::uuid[])`;
}
