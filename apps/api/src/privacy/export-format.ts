// Writes a person's export as it is read, chunk by chunk, to a sink that waits when the reader is
// slower (HTTP backpressure). Two formats:
//   JSON: { format, version, generatedAt, includesInternalNotes, school, person, sections: { about },
//           <section key>: [rows …] … } — keys and row fields documented in docs/setup.md;
//   HTML: one self-contained page (inline CSS, no scripts, nothing fetched), every value escaped.
import type { Row, Section, Value } from './export.js';

export const EXPORT_FORMAT = 'studentdesk.person-export';
export const EXPORT_VERSION = 1;

export type ExportFormat = 'json' | 'html';

/** Takes the next chunk; resolves when the sink is ready for more. */
export type Sink = (chunk: string) => Promise<void>;

export interface ExportDocument {
  generatedAt: Date;
  schoolName: string;
  includesInternalNotes: boolean;
  person: Row;
  sections: Section[];
}

export async function writeExport(document: ExportDocument, format: ExportFormat, sink: Sink): Promise<void> {
  if (format === 'json') await writeJson(document, sink);
  else await writeHtml(document, sink);
}

async function writeJson(document: ExportDocument, sink: Sink): Promise<void> {
  const head = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    generatedAt: document.generatedAt.toISOString(),
    school: document.schoolName,
    includesInternalNotes: document.includesInternalNotes,
    person: document.person,
    sections: Object.fromEntries(document.sections.map((section) => [section.key, section.about])),
  };
  const opening = JSON.stringify(head, null, 2);
  await sink(opening.slice(0, -2));
  for (const section of document.sections) {
    await sink(`,\n  ${JSON.stringify(section.key)}: [`);
    let first = true;
    for await (const row of section.rows()) {
      await sink(`${first ? '' : ','}\n    ${JSON.stringify(row)}`);
      first = false;
    }
    await sink(first ? ']' : '\n  ]');
  }
  await sink('\n}\n');
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe for HTML content and attribute values. */
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character]!);

/** "reportedAt" → "Reported at". */
const label = (key: string) => {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

function htmlValue(value: Value): string {
  if (value === null) return '<span class="none">—</span>';
  if (Array.isArray(value)) {
    if (!value.length) return '<span class="none">none</span>';
    return `<ol>${value.map((item) => `<li>${htmlValue(item)}</li>`).join('')}</ol>`;
  }
  if (typeof value === 'object') return htmlRow(value);
  return `<span class="text">${escapeHtml(String(value))}</span>`;
}

function htmlRow(row: Row): string {
  const entries = Object.entries(row).map(([key, value]) => `<dt>${escapeHtml(label(key))}</dt><dd>${htmlValue(value)}</dd>`);
  return `<dl>${entries.join('')}</dl>`;
}

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;color:#1a1a1a;max-width:60rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2.5rem;border-bottom:2px solid #ddd}
dl{display:grid;grid-template-columns:minmax(9rem,max-content) 1fr;gap:.2rem 1rem;margin:0}
dt{font-weight:600;color:#444}dd{margin:0}.text{white-space:pre-wrap;overflow-wrap:anywhere}
article{border:1px solid #ddd;border-radius:6px;padding:.75rem 1rem;margin:.75rem 0}
ol{padding-left:1.2rem;margin:0}li{margin:.4rem 0}.none{color:#777}.about{color:#555}`;

async function writeHtml(document: ExportDocument, sink: Sink): Promise<void> {
  const name = typeof document.person.name === 'string' ? document.person.name : 'Person';
  await sink(
    `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
      `<title>${escapeHtml(`Data held about ${name}`)}</title><style>${STYLE}</style></head><body>\n` +
      `<h1>${escapeHtml(`Data ${document.schoolName} holds about ${name}`)}</h1>\n` +
      `<p class="about">Generated ${escapeHtml(document.generatedAt.toISOString())} by StudentDesk. ` +
      (document.includesInternalNotes
        ? 'Includes internal notes of staff, marked “Internal: true”.'
        : 'Internal notes of staff are not included.') +
      `</p>\n<h2 id="person">Account</h2>\n${htmlRow(document.person)}\n`,
  );
  for (const section of document.sections) {
    await sink(
      `<section><h2 id="${escapeHtml(section.key)}">${escapeHtml(section.title)}</h2><p class="about">${escapeHtml(section.about)}</p>\n`,
    );
    let count = 0;
    for await (const row of section.rows()) {
      await sink(`<article>${htmlRow(row)}</article>\n`);
      count += 1;
    }
    await sink(count ? '</section>\n' : '<p class="none">Nothing.</p></section>\n');
  }
  await sink('</body></html>\n');
}
