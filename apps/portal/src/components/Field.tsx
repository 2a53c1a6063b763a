// A labelled form control with its hint and its error, wired for screen readers.
import { useId, type ReactElement, type ReactNode } from 'react';
import { cloneElement } from 'react';

interface FieldProps {
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  /** An <input>, <select> or <textarea>; gets id, aria-describedby and aria-invalid. */
  children: ReactElement<Record<string, unknown>>;
}

export function Field({ label, hint, error, children }: FieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      {cloneElement(children, {
        id,
        'aria-describedby': [hintId, errorId].filter(Boolean).join(' ') || undefined,
        'aria-invalid': error ? true : undefined,
      })}
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}

interface ChoiceGroupProps<Value extends string | number> {
  legend: string;
  name: string;
  choices: ReadonlyArray<readonly [Value, string]>;
  chosen: Value | null;
  onChoose: (value: Value) => void;
  error?: string | undefined;
}

/** Radio buttons under one legend, with the group's error announced with it. */
export function ChoiceGroup<Value extends string | number>({ legend, name, choices, chosen, onChoose, error }: ChoiceGroupProps<Value>) {
  const errorId = `${useId()}-error`;
  return (
    <fieldset aria-describedby={error ? errorId : undefined}>
      <legend>{legend}</legend>
      <div className="choices">
        {choices.map(([value, words]) => (
          <label key={value} className="choice">
            <input type="radio" name={name} value={value} checked={chosen === value} onChange={() => onChoose(value)} />
            {words}
          </label>
        ))}
      </div>
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** A message about the whole form, announced when it appears. */
export function FormError({ message }: { message: string | null }) {
  return (
    <div role="alert" className={message ? 'form-error' : undefined}>
      {message}
    </div>
  );
}
