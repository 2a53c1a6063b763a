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
export async function accessibilityProblems(page: Page): Promise<AccessibilityProblem[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact!,
      help: violation.help,
      nodes: violation.nodes.map((node) => node.target.join(' ')),
    }));
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
