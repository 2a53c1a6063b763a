// A report sent with no connection is not an error: it waits on the device (its draft, draft.ts,
// marked waitingToSend) and goes by itself when the connection is back, or when the form next opens
// online if the page was closed. Its idempotency key makes a send that did arrive count once.
// The categories last read from the desk are kept too, so the form can be filled in offline.
import { useSyncExternalStore } from 'react';
import type { ReportCategoriesQuery } from '../gql/graphql.js';
import type { SendOutcome } from './send-report.js';

/** Pressing Send: it goes now when the device is online, else it waits for the connection. */
export function whenSendPressed(online: boolean): 'send' | 'wait' {
  return online ? 'send' : 'wait';
}

/**
 * After a send that did not get through: a report that reached nobody keeps waiting for the
 * connection; any answer from the desk (a field to fix, a limit) is the student's to act on.
 */
export function keepsWaiting(outcome: Exclude<SendOutcome<unknown>, { kind: 'sent' }>['kind']): boolean {
  return outcome === 'unreachable';
}

function subscribe(listener: () => void) {
  window.addEventListener('online', listener);
  window.addEventListener('offline', listener);
  return () => {
    window.removeEventListener('online', listener);
    window.removeEventListener('offline', listener);
  };
}

/** Whether the browser has a connection (navigator.onLine), re-rendering when that changes. */
export function useOnline(): boolean {
  return useSyncExternalStore(subscribe, () => navigator.onLine);
}

export type Categories = ReportCategoriesQuery['categories'];

const CATEGORIES_KEY = 'studentdesk.report-categories';

export function saveCategories(categories: Categories, storage: Storage = localStorage): void {
  storage.setItem(CATEGORIES_KEY, JSON.stringify(categories));
}

/** The categories last read from the desk; none when never read (or the copy is damaged). */
export function loadCategories(storage: Storage = localStorage): Categories {
  try {
    const saved: unknown = JSON.parse(storage.getItem(CATEGORIES_KEY) ?? '[]');
    return Array.isArray(saved) ? (saved as Categories) : [];
  } catch {
    return [];
  }
}
