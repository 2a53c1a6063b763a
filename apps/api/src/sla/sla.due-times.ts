// Due times of a ticket: its department's policy for its priority, counted in the department's
// business hours (holidays skipped) unless the policy runs around the clock. The resolution target
// is moved out by the time the ticket spent waiting on the student (slaPausedSeconds).
import { addSlaMinutes, type BusinessCalendar, type SlaPolicy } from '@studentdesk/db';

export interface DueTimes {
  firstResponseDueAt: Date | null;
  resolutionDueAt: Date | null;
}

export function dueTimes(createdAt: Date, policy: SlaPolicy | null, calendar: BusinessCalendar, pausedSeconds = 0): DueTimes {
  if (!policy) return { firstResponseDueAt: null, resolutionDueAt: null };
  return {
    firstResponseDueAt: addSlaMinutes(createdAt, policy.firstResponseMinutes, calendar, policy.businessHoursOnly),
    resolutionDueAt: addSlaMinutes(createdAt, policy.resolutionMinutes + pausedSeconds / 60, calendar, policy.businessHoursOnly),
  };
}
