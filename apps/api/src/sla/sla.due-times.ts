// Due times of a new ticket: its department's policy for its priority, counted in the
// department's business hours unless the policy runs around the clock.
import { addSlaMinutes, type Department, type SlaPolicy } from '@studentdesk/db';

export interface DueTimes {
  firstResponseDueAt: Date | null;
  resolutionDueAt: Date | null;
}

export function dueTimes(createdAt: Date, policy: SlaPolicy | null, department: Department): DueTimes {
  if (!policy) return { firstResponseDueAt: null, resolutionDueAt: null };
  return {
    firstResponseDueAt: addSlaMinutes(createdAt, policy.firstResponseMinutes, department, policy.businessHoursOnly),
    resolutionDueAt: addSlaMinutes(createdAt, policy.resolutionMinutes, department, policy.businessHoursOnly),
  };
}
