// The working calendar SLA clocks count in: a department's hours and time zone, and the days it is
// closed (its own holidays and the school-wide ones).
import { localDateKey, type BusinessCalendar, type Department, type Prisma } from '@studentdesk/db';

type Db = Pick<Prisma.TransactionClient, 'holiday'>;

/**
 * The department's calendar for clocks that start at `from`: holidays from the day before on (a
 * day earlier, as `from`'s local date may be behind its UTC one).
 */
export async function departmentCalendar(db: Db, department: Department, from: Date): Promise<BusinessCalendar> {
  const since = new Date(`${localDateKey(from, department.timeZone)}T00:00:00Z`);
  since.setUTCDate(since.getUTCDate() - 1);
  const holidays = await db.holiday.findMany({
    where: { OR: [{ departmentId: department.id }, { departmentId: null }], date: { gte: since } },
    select: { date: true },
  });
  return {
    timeZone: department.timeZone,
    businessDayStart: department.businessDayStart,
    businessDayEnd: department.businessDayEnd,
    businessDays: department.businessDays,
    holidays: new Set(holidays.map((holiday) => holiday.date.toISOString().slice(0, 10))),
  };
}
