// @mentions in internal notes. The composer writes a mention as a token naming the colleague by
// id, `@[Priya Patel](mention:<User ID>)`, so the API never guesses who was meant from a name
// (apps/api/src/notifications/staff-notices.ts reads the same form); the conversation shows it as
// a highlighted "@Priya Patel".
const MENTION = /@\[([^\]\n]{1,120})\]\(mention:([A-Za-z0-9_-]{1,200})\)/g;

export const mentionToken = (name: string, userId: string) => `@[${name.replaceAll(/[[\]\n]/g, ' ')}](mention:${userId})`;

export type BodyPart = { text: string } | { mention: string; userId: string };

/** A message body as plain text and mentions, in order. */
export function splitMentions(body: string): BodyPart[] {
  const parts: BodyPart[] = [];
  let at = 0;
  for (const match of body.matchAll(MENTION)) {
    if (match.index > at) parts.push({ text: body.slice(at, match.index) });
    parts.push({ mention: match[1]!, userId: match[2]! });
    at = match.index + match[0].length;
  }
  if (at < body.length) parts.push({ text: body.slice(at) });
  return parts;
}

/** The mention being typed just before the caret ("@pri"): where it starts and what is typed so far; null when none. */
export function mentionBeingTyped(text: string, caret: number): { start: number; query: string } | null {
  const match = /(?:^|\s)@([^\s@[\]()]{0,30})$/.exec(text.slice(0, caret));
  if (!match) return null;
  return { start: caret - match[1]!.length - 1, query: match[1]! };
}

/** The text with the mention being typed (from `start` to the caret) replaced by the colleague's token. */
export function insertMention(text: string, start: number, caret: number, name: string, userId: string) {
  const token = `${mentionToken(name, userId)} `;
  return { text: text.slice(0, start) + token + text.slice(caret), caret: start + token.length };
}
