// A choice the staff member makes once and keeps on this browser, such as the conversation's order.
import { useState } from 'react';

const PREFIX = 'studentdesk.console.';

function read<Choice extends string>(key: string, choices: readonly Choice[], fallback: Choice): Choice {
  try {
    const stored = localStorage.getItem(PREFIX + key);
    return choices.find((choice) => choice === stored) ?? fallback;
  } catch {
    // Storage may be switched off (private windows, strict policies): the choice then lasts the visit.
    return fallback;
  }
}

/** One of `choices`, remembered under `key`; `fallback` until the first choice. */
export function useRememberedChoice<Choice extends string>(
  key: string,
  choices: readonly Choice[],
  fallback: Choice,
): [Choice, (choice: Choice) => void] {
  const [choice, setChoice] = useState(() => read(key, choices, fallback));
  const choose = (next: Choice) => {
    setChoice(next);
    try {
      localStorage.setItem(PREFIX + key, next);
    } catch {
      // As above: kept for this visit only.
    }
  };
  return [choice, choose];
}
