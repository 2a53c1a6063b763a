// The console's choices: a list filter, one value or every one (the empty value, offered first), and
// the options of any select, each a value with its words.
export type Option<T extends string> = { value: T; label: string };

export function optionsOf<T extends string>(values: readonly T[], label: (value: T) => string): Array<Option<T>> {
  return values.map((value) => ({ value, label: label(value) }));
}

export function Options<T extends string>({ options }: { options: ReadonlyArray<Option<T>> }) {
  return options.map((option) => (
    <option key={option.value} value={option.value}>
      {option.label}
    </option>
  ));
}

export function FilterSelect<T extends string>(props: {
  label: string;
  every: string;
  value: T | '';
  options: ReadonlyArray<Option<T>>;
  onChange: (value: T | '') => void;
}) {
  return (
    <label>
      {props.label}
      <select value={props.value} onChange={(event) => props.onChange(event.currentTarget.value as T | '')}>
        <option value="">{props.every}</option>
        <Options options={props.options} />
      </select>
    </label>
  );
}
