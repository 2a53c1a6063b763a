-- The console's queue: open tickets of a department (or assigned to someone) in resolution-due
-- order. Partial indexes that Prisma's schema language cannot express; with them the first page
-- reads its 50 rows in index order instead of fetching and sorting every open ticket of the
-- department (1,054 heap rows, 17 ms at scale 75; see docs/performance.md).
-- tickets/ticket.query.ts queries each visibility branch separately so each can use one of them.

CREATE INDEX "Ticket_open_department_due_idx" ON "Ticket" ("departmentId", "resolutionDueAt", "id")
  WHERE "status" IN ('NEW', 'OPEN', 'WAITING_ON_STUDENT');

CREATE INDEX "Ticket_open_assignee_due_idx" ON "Ticket" ("assigneeId", "resolutionDueAt", "id")
  WHERE "status" IN ('NEW', 'OPEN', 'WAITING_ON_STUDENT');
