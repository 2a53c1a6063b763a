// The one place SCIM changes what a person may do: their role, and the departments (groups) they
// work in. Memberships go through people/'s membership functions, so SCIM and the console follow
// the same rules:
// - a roles value from the provider sets the role (STUDENT, STAFF, MANAGER); an ADMIN's role is
//   never changed over SCIM (admins are made and unmade in the console);
// - joining a group (a department) makes the person staff of it (a manager there stays manager);
//   a person can be in several groups, as in several departments;
// - leaving the group takes that department's queue away; the person's role stays.
import type { Prisma, Role, User as UserRow } from '@studentdesk/db';
import { dropMembership, putMembership } from '../people/membership.service.js';

export type ProvisionedRole = Extract<Role, 'STUDENT' | 'STAFF' | 'MANAGER'>;

export type MembershipChange =
  { kind: 'role'; role: ProvisionedRole } | { kind: 'join'; departmentId: string } | { kind: 'leave'; departmentId: string };

/** Applies one change inside the caller's transaction; returns the person as they now are. */
export async function applyGroupMembership(tx: Prisma.TransactionClient, user: UserRow, change: MembershipChange): Promise<UserRow> {
  switch (change.kind) {
    case 'role':
      if (user.role === 'ADMIN' || change.role === user.role) return user;
      return tx.user.update({ where: { id: user.id }, data: { role: change.role } });
    case 'join': {
      const existing = await tx.departmentMembership.findUnique({
        where: { userId_departmentId: { userId: user.id, departmentId: change.departmentId } },
      });
      return existing ? user : putMembership(tx, user, change.departmentId, 'STAFF');
    }
    case 'leave':
      return dropMembership(tx, user, change.departmentId);
  }
}
