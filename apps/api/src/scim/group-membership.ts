// THE ONE PLACE SCIM WRITES WHAT A PERSON MAY DO (their role and their department). Everything in
// scim/ that changes User.role or User.departmentId goes through applyGroupMembership, so when the
// desk moves to several departments per person (DepartmentMembership, STAFF or MANAGER in each),
// only this function changes: point it at the membership service's "set/remove membership" and
// "create or update a person" functions.
//
// Today's model: one department per person (User.departmentId), one role (User.role).
// - a roles value from the provider sets the role (STUDENT, STAFF, MANAGER); an ADMIN's role is
//   never changed over SCIM (admins are made and unmade in the console);
// - joining a group (a department) makes the person staff of it: a student becomes STAFF, and the
//   department is theirs (with one department per person, the last group joined wins);
// - leaving the group takes the department's queue away (departmentId cleared); the role stays.
import type { Prisma, Role, User as UserRow } from '@studentdesk/db';

export type ProvisionedRole = Extract<Role, 'STUDENT' | 'STAFF' | 'MANAGER'>;

export type MembershipChange =
  { kind: 'role'; role: ProvisionedRole } | { kind: 'join'; departmentId: string } | { kind: 'leave'; departmentId: string };

/** Applies one change inside the caller's transaction; returns the person as they now are. */
export async function applyGroupMembership(tx: Prisma.TransactionClient, user: UserRow, change: MembershipChange): Promise<UserRow> {
  if (user.role === 'ADMIN' && change.kind === 'role') return user;
  const data: Prisma.UserUpdateInput = {};
  if (change.kind === 'role' && change.role !== user.role) data.role = change.role;
  if (change.kind === 'join') {
    if (user.departmentId !== change.departmentId) data.department = { connect: { id: change.departmentId } };
    if (user.role === 'STUDENT') data.role = 'STAFF';
  }
  if (change.kind === 'leave' && user.departmentId === change.departmentId) data.department = { disconnect: true };
  if (Object.keys(data).length === 0) return user;
  return tx.user.update({ where: { id: user.id }, data });
}
