// A group of checkboxes where each choice needs its meaning beside it (API key scopes, webhook
// events): the short name integrators know, then what it allows.
export function Checkboxes<T extends string>({
  legend,
  name,
  choices,
}: {
  legend: string;
  name: string;
  choices: ReadonlyArray<{ value: T; label: string; meaning: string }>;
}) {
  return (
    <fieldset className="checkboxes">
      <legend>{legend}</legend>
      {choices.map((choice) => (
        <label key={choice.value} className="inline">
          <input type="checkbox" name={name} value={choice.value} />
          <span>
            <code>{choice.label}</code> — {choice.meaning}
          </span>
        </label>
      ))}
    </fieldset>
  );
}
