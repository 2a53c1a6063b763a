// Keyboard shortcuts: single keys, ignored while typing, listed on "?".
import { useEffect, useLayoutEffect, useRef } from 'react';

export const SHORTCUTS: Array<{ area: string; keys: string; action: string }> = [
  { area: 'Anywhere', keys: '?', action: 'Show these shortcuts' },
  { area: 'Anywhere', keys: 'Esc', action: 'Close a dialog, or leave the text box' },
  { area: 'Queue', keys: 'j / k', action: 'Next / previous ticket' },
  { area: 'Queue', keys: 'Enter', action: 'Open the selected ticket' },
  { area: 'Queue', keys: 'x', action: 'Select the ticket for an incident' },
  { area: 'Queue', keys: '/', action: 'Search' },
  { area: 'Ticket', keys: 'j / k', action: 'Next / previous ticket in the queue' },
  { area: 'Ticket', keys: 'r', action: 'Reply to the student' },
  { area: 'Ticket', keys: 'n', action: 'Add an internal note' },
  { area: 'Ticket', keys: 'a', action: 'Assign to me' },
  { area: 'Ticket', keys: 'e', action: 'Resolve' },
  { area: 'Ticket', keys: 'u', action: 'Back to the queue' },
];

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

/** Calls the handler bound to a pressed key, unless the person is typing or a dialog is open. */
export function useKeys(bindings: Record<string, () => void>): void {
  const current = useRef(bindings);
  useLayoutEffect(() => {
    current.current = bindings;
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      if (document.querySelector('dialog[open]')) return;
      const handler = current.current[event.key];
      if (!handler) return;
      event.preventDefault();
      handler();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
