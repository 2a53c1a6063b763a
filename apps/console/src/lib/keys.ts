// Keyboard shortcuts: single keys, ignored while typing, listed on "?".
import { useEffect, useLayoutEffect, useRef } from 'react';

/** What the help lists: where a key works, the key, and what it does there. */
export const SHORTCUTS: Record<'Anywhere' | 'Queue' | 'Ticket', Record<string, string>> = {
  Anywhere: { '?': 'Show these shortcuts', '/': 'Search tickets (in the queue: filter it)', Esc: 'Close a dialog, or leave the text box' },
  Queue: {
    'j / k': 'Next / previous ticket',
    Enter: 'Open the selected ticket',
    x: 'Select the ticket (for bulk changes or an incident)',
    'shift + x': 'Select every ticket from the last one selected with x',
    '/': 'Search',
  },
  Ticket: {
    'j / k': 'Next / previous ticket in the queue',
    r: 'Reply to the student',
    n: 'Add an internal note',
    a: 'Assign to me',
    e: 'Resolve',
    u: 'Back to the queue',
  },
};

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
