// Webhook signatures in the Standard Webhooks format (standardwebhooks.com), so receivers can
// use its libraries: HMAC-SHA256 over "<webhook-id>.<webhook-timestamp>.<raw body>" with the
// base64-decoded part of the `whsec_` secret, sent as "v1,<base64 signature>".
import { createHmac, randomBytes } from 'node:crypto';

const SECRET_PREFIX = 'whsec_';

export const newWebhookSecret = () => `${SECRET_PREFIX}${randomBytes(24).toString('base64')}`;

export function signWebhook(secret: string, messageId: string, timestampSeconds: number, body: string): string {
  const key = Buffer.from(secret.slice(SECRET_PREFIX.length), 'base64');
  return `v1,${createHmac('sha256', key).update(`${messageId}.${timestampSeconds}.${body}`).digest('base64')}`;
}
