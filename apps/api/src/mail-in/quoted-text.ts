// What the sender wrote this time, without what their mail client quoted below it or the signature
// after it. The message stored on the ticket is this; the whole text stays on the InboundEmail row.

/** A line that starts what the client quoted: "On … wrote:", Outlook's header block, a separator. */
const QUOTE_STARTS = [
  /^On\b.{0,200}\bwrote:\s*$/i,
  /^Le\b.{0,200}\ba écrit\s?:\s*$/i,
  /^El\b.{0,200}\bescribió:\s*$/i,
  /^Am\b.{0,200}\bschrieb.{0,100}:\s*$/i,
  /^在.{0,200}写道[:：]\s*$/,
  /^-{2,}\s*(Original Message|Forwarded message|Message d'origine|Mensaje original)\s*-{2,}\s*$/i,
  /^_{20,}\s*$/,
];

/** Where a signature starts: the "-- " delimiter (RFC 3676) and the phones' taglines. */
const SIGNATURE_STARTS = [/^-- ?$/, /^Sent from my \w+/i, /^Get Outlook for \w+/i, /^Envoyé de mon \w+/i, /^Enviado desde mi \w+/i];

/** Outlook's "From: … / Sent: … / To: … / Subject: …" block. */
const isOutlookHeader = (lines: readonly string[], index: number) =>
  /^\*?(From|De|Von):\*?\s/i.test(lines[index]!) &&
  lines.slice(index + 1, index + 5).some((line) => /^\*?(Sent|Date|Envoyé|Enviado|Gesendet):\*?\s/i.test(line));

export function stripQuotedText(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let end = lines.length;
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index]!.trim();
    // "On Mon, 7 Dec 2026 at 10:00, Help Desk <it@school.edu>" and "wrote:" on the next line.
    const joined = `${line} ${lines[index + 1]?.trim() ?? ''}`;
    const startsQuote = QUOTE_STARTS.some((pattern) => pattern.test(line) || (/^(On|Le|El|Am)\b/.test(line) && pattern.test(joined)));
    if (startsQuote || SIGNATURE_STARTS.some((pattern) => pattern.test(line)) || isOutlookHeader(lines, index)) {
      end = index;
      break;
    }
  }
  const kept = lines
    .slice(0, end)
    .filter((line) => !line.startsWith('>'))
    .join('\n')
    .trim();
  // Nothing but a quote (a forward, a reply written below the quote): the whole text, rather than nothing.
  return kept || text.trim();
}
