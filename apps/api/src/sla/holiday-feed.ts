// Fetching a holiday feed from a URL an admin typed: through the same SSRF fence as webhooks
// (integrations/outbound-request.ts), with a size and a time limit, and no redirects.
import type { Config } from '../config.js';
import { badInput } from '../errors.js';
import { internalUrlReason, OutboundRefused, sendOutbound } from '../integrations/outbound-request.js';

export const FEED_MAX_BYTES = 1024 * 1024;
export const FEED_TIMEOUT_MS = 10_000;

export async function fetchHolidayFeed(config: Pick<Config, 'webhooks'>, address: string): Promise<string> {
  let url: URL;
  try {
    url = new URL(address.trim().replace(/^webcal:/i, 'https:'));
  } catch {
    throw badInput('Enter the full address of the feed, starting with https://.', 'url');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw badInput('The feed address must start with https:// (or http://).', 'url');
  const allowPrivateTargets = config.webhooks.allowPrivateTargets;
  const internal = allowPrivateTargets ? null : internalUrlReason(url);
  if (internal) throw badInput(`The feed address points inside the school's network (${internal}).`, 'url');
  try {
    const answer = await sendOutbound(url.href, {
      method: 'GET',
      headers: { accept: 'text/calendar, text/plain;q=0.5', 'user-agent': 'StudentDesk-Holidays/1' },
      signal: AbortSignal.timeout(FEED_TIMEOUT_MS),
      allowPrivateTargets,
      answerLimitBytes: FEED_MAX_BYTES,
    });
    if (answer.status >= 300 && answer.status < 400)
      throw badInput(`The feed address redirects (HTTP ${answer.status}); enter the address it redirects to.`, 'url');
    if (answer.status !== 200) throw badInput(`The feed address answered HTTP ${answer.status}, not the calendar.`, 'url');
    if (answer.truncated) throw badInput(`The feed is larger than ${FEED_MAX_BYTES / 1024 / 1024} MiB.`, 'url');
    return await answer.text();
  } catch (error) {
    if (error instanceof OutboundRefused) throw badInput("The feed address points inside the school's network.", 'url');
    if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
      throw badInput(`The feed did not answer within ${FEED_TIMEOUT_MS / 1000} seconds.`, 'url');
    if (error instanceof Error && 'code' in error && typeof error.code === 'string' && !('extensions' in error))
      throw badInput(`The feed could not be reached (${error.code}).`, 'url');
    throw error;
  }
}
