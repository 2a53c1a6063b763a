// A small router over the History API: the portal has a handful of routes, not worth a library's bytes.
import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

const listeners = new Set<() => void>();
const notify = () => listeners.forEach((listener) => listener());
window.addEventListener('popstate', notify);

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Goes to a path of the portal; `state` travels with it (e.g. a just-issued tracking code). */
export function navigate(to: string, options: { replace?: boolean; state?: unknown } = {}) {
  if (options.replace) window.history.replaceState(options.state ?? null, '', to);
  else window.history.pushState(options.state ?? null, '', to);
  window.scrollTo(0, 0);
  notify();
}

const currentPath = () => window.location.pathname + window.location.search;

/** The current path and query, re-rendering on every navigation. */
export function usePath(): string {
  return useSyncExternalStore(subscribe, currentPath);
}

export function navigationState<State>(): State | null {
  return (window.history.state as State | null) ?? null;
}

export function Link({ to, children, ...props }: AnchorHTMLAttributes<HTMLAnchorElement> & { to: string }) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    props.onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <a {...props} href={to} onClick={onClick}>
      {children}
    </a>
  );
}
