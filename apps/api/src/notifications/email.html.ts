// The HTML version of every email, from its plain text (email.templates.ts writes each email once):
// one layout, branded with the school's name and colours. Everything in the text is escaped; only
// the layout's own tags and links to http(s) addresses become markup.

export interface Branding {
  name: string;
  primaryColor: string;
  accentColor: string;
}

export const DEFAULT_BRANDING: Branding = { name: 'StudentDesk', primaryColor: '#1f4e79', accentColor: '#1f6feb' };

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);

/** Only #rrggbb from the School row reaches a style attribute. */
const colour = (value: string, fallback: string) => (/^#[0-9a-f]{6}$/i.test(value) ? value : fallback);

function paragraph(text: string, accent: string): string {
  const linked = escapeHtml(text).replace(
    /https?:\/\/[^\s<]+/g,
    (url) => `<a href="${url}" style="color:${accent};word-break:break-all">${url}</a>`,
  );
  return `<p style="margin:0 0 16px">${linked.replace(/\n/g, '<br>')}</p>`;
}

export function emailHtml(subject: string, text: string, branding: Branding = DEFAULT_BRANDING): string {
  const primary = colour(branding.primaryColor, DEFAULT_BRANDING.primaryColor);
  const accent = colour(branding.accentColor, DEFAULT_BRANDING.accentColor);
  const body = text
    .split(/\n{2,}/)
    .map((part) => paragraph(part, accent))
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:0;background:#f5f6f8;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1b1f24">
<div style="max-width:600px;margin:0 auto;background:#ffffff">
<div style="background:${primary};color:#ffffff;padding:16px 24px;font-size:18px;font-weight:600">${escapeHtml(branding.name)}</div>
<div dir="auto" style="padding:24px;font-size:15px;line-height:1.5">
${body}
</div>
</div>
</body></html>`;
}
