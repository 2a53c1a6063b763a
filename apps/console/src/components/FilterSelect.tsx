// A list filter: one value of an enum, or every one (the empty value, offered first).
export function FilterSelect<T extends string>(props: {
  label: string;
  every: string;
  value: T | '';
  options: ReadonlyArray<{ value: T; label: string }>;
  onChange: (value: T | '') => void;
}) {
  return (
    <label>
      {props.label}
      <select value={props.value} onChange={(event) => props.onChange(event.currentTarget.value as T | '')}>
        <option value="">{props.every}</option>
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}
