// Debian's Chromium driven by playwright-core (Playwright's own browser download cannot work
// offline), with the checks every journey's pages get: axe-core through @axe-core/playwright, and
// the page's live subscriptions as the page sent them.
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { until } from './until.js';

/** The flags that work on our machines (shared/STACK.md); every run gets a fresh profile. */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_FLAGS });
}

export interface AccessibilityProblem {
  id: string;
  impact: string;
  help: string;
  /** CSS selectors of the offending elements. */
  nodes: string[];
}

/**
 * The serious and critical violations axe-core finds on the page as it is now. axe is evaluated
 * through DevTools, not a script tag, so the page's Content-Security-Policy stays on.
 */
export async function accessibilityProblems(page: Page, options: { wcag22?: boolean } = {}): Promise<AccessibilityProblem[]> {
  const axe = new AxeBuilder({ page });
  // WCAG 2.2's target size (2.5.8, at least 24 by 24 px) is off in axe by default.
  if (options.wcag22) axe.options({ rules: { 'target-size': { enabled: true } } });
  const { violations } = await axe.analyze();
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact!,
      help: violation.help,
      nodes: violation.nodes.map((node) => node.target.join(' ')),
    }));
}

/**
 * WCAG 2.2's focus not obscured (2.4.11): each element Tab reaches, once focused (and scrolled to
 * as the browser scrolls it), shows at least part of itself, not hidden under a sticky header, a
 * banner or a dialog. The selectors of those that are hidden; the page's focus and scroll are put back.
 */
export async function obscuredWhenFocused(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const describe = (element: Element) =>
      element.id
        ? `#${element.id}`
        : `${element.tagName.toLowerCase()}${element.className ? `.${String(element.className).split(' ').join('.')}` : ''}`;
    const focusable = Array.from(
      document.querySelectorAll<HTMLElement>(
        'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])',
      ),
    ).filter((element) => element.getClientRects().length > 0 && getComputedStyle(element).visibility !== 'hidden');
    const before = { active: document.activeElement as HTMLElement | null, x: window.scrollX, y: window.scrollY };
    const shows = (element: HTMLElement) => {
      const box = element.getBoundingClientRect();
      const inset = (low: number, high: number, at: number) => Math.min(Math.max(low + (high - low) * at, 0), high - 0.5);
      return [0.5, 0.1, 0.9].some((atX) =>
        [0.5, 0.1, 0.9].some((atY) => {
          const hit = document.elementFromPoint(inset(box.left, box.right, atX), inset(box.top, box.bottom, atY));
          return hit !== null && (hit === element || element.contains(hit) || hit.closest('label')?.control === element);
        }),
      );
    };
    const hidden: string[] = [];
    for (const element of focusable) {
      element.focus();
      if (document.activeElement === element && !shows(element)) hidden.push(describe(element));
    }
    before.active?.focus({ preventScroll: true });
    window.scrollTo(before.x, before.y);
    return hidden;
  });
}

export interface SubscriptionWatch {
  /** The operation names of the subscriptions the page has sent, in order. */
  sent: () => string[];
  /** Waits until the page has sent a subscription named `operationName`. */
  untilSent: (operationName: string, ms?: number) => Promise<void>;
}

/**
 * Watches the page's GraphQL websockets from now on. A subscription the page has sent is being set
 * up by the API before anything the test sends afterwards over HTTP can change what it follows:
 * the socket's message arrives first, and the API needs fewer database round trips to subscribe
 * than to make any change.
 */
export function watchSubscriptions(page: Page): SubscriptionWatch {
  const sent: string[] = [];
  page.on('websocket', (socket) =>
    socket.on('framesent', ({ payload }) => {
      const message = typeof payload === 'string' ? (JSON.parse(payload) as { type?: string; payload?: { operationName?: string } }) : {};
      if (message.type === 'subscribe') sent.push(message.payload?.operationName ?? '');
    }),
  );
  return {
    sent: () => [...sent],
    untilSent: async (operationName, ms = 15_000) => {
      await until(
        () => sent.includes(operationName),
        ms,
        () => `the page to subscribe with ${operationName} (sent: ${sent.join(', ')})`,
      );
    },
  };
}
