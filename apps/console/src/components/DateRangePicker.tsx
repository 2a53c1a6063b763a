// A period as two dates; the API takes [from, to) so the end date is included by adding a day.

export interface DateRangeValue {
  from: string;
  to: string;
}

const DAY = 86_400_000;
const day = (time: number) => new Date(time).toISOString().slice(0, 10);

/** The last `days` days, today included. */
export function lastDays(days: number, now = Date.now()): DateRangeValue {
  return { from: day(now - (days - 1) * DAY), to: day(now) };
}

/** The API's DateRange for a picked period: from midnight UTC, to midnight after the last day. */
export function toApiRange(range: DateRangeValue) {
  return { from: `${range.from}T00:00:00.000Z`, to: new Date(Date.parse(`${range.to}T00:00:00.000Z`) + DAY).toISOString() };
}

export function DateRangePicker({ value, onChange }: { value: DateRangeValue; onChange: (value: DateRangeValue) => void }) {
  return (
    <fieldset className="date-range">
      <legend>Period</legend>
      <label>
        From
        <input
          type="date"
          value={value.from}
          max={value.to}
          onChange={(event) => event.currentTarget.value && onChange({ ...value, from: event.currentTarget.value })}
        />
      </label>
      <label>
        To
        <input
          type="date"
          value={value.to}
          min={value.from}
          onChange={(event) => event.currentTarget.value && onChange({ ...value, to: event.currentTarget.value })}
        />
      </label>
      {[7, 30, 90].map((days) => (
        <button key={days} type="button" onClick={() => onChange(lastDays(days))}>
          Last {days} days
        </button>
      ))}
    </fieldset>
  );
}
