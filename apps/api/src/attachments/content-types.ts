// What a file is, found from its bytes (file-type), never from its name or the client's word, and
// which kinds a school's desk takes: images, PDF, plain text and office documents.
import { open } from 'node:fs/promises';
import { fileTypeFromFile } from 'file-type';

/** Images a browser shows inline and sharp can make a thumbnail of. */
export const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

const DOCUMENT_TYPES = new Set([
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
  // Word, Excel and PowerPoint before 2007 (OLE compound files).
  'application/x-cfb',
  'application/rtf',
]);

export const TEXT_TYPE = 'text/plain';

/** Bytes read to decide whether an undetected file is text. */
const TEXT_SAMPLE_BYTES = 64 * 1024;

/** UTF-8 without NUL bytes: a log, a CSV, a pasted error. Anything file-type does not know and is not this is refused. */
async function looksLikeText(path: string): Promise<boolean> {
  const file = await open(path);
  try {
    const sample = Buffer.alloc(TEXT_SAMPLE_BYTES);
    const { bytesRead } = await file.read(sample, 0, TEXT_SAMPLE_BYTES, 0);
    const bytes = sample.subarray(0, bytesRead);
    if (bytes.includes(0)) return false;
    // `stream: true`: the sample may end inside a character.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  } finally {
    await file.close();
  }
}

/** The file's content type if the desk takes it, else null. */
export async function sniffContentType(path: string): Promise<string | null> {
  const detected = await fileTypeFromFile(path);
  if (detected) return IMAGE_TYPES.has(detected.mime) || DOCUMENT_TYPES.has(detected.mime) ? detected.mime : null;
  return (await looksLikeText(path)) ? TEXT_TYPE : null;
}

/** What the download says it is: an old Office file as bytes to save, text as UTF-8. */
export function servedContentType(contentType: string): string {
  if (contentType === 'application/x-cfb') return 'application/octet-stream';
  return contentType === TEXT_TYPE ? 'text/plain; charset=utf-8' : contentType;
}

export const ALLOWED_KINDS = 'images (PNG, JPEG, GIF, WebP), PDF, plain text and office documents';
