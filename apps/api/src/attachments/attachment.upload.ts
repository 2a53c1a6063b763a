// An upload, from the request's first byte to its row: the multipart body is streamed to a scratch
// file (never whole in memory) while it is counted and hashed, and refused the moment it passes
// the size limit; then its bytes say what it is (content-types.ts), clamd may scan it, an image
// gets a thumbnail, and it goes to the storage and the database. The scratch file never outlives
// the request.
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Attachment as AttachmentRow, PrismaClient } from '@studentdesk/db';
import busboy from 'busboy';
import sharp from 'sharp';
import type { AttachmentSettings } from '../config.js';
import { ClientError, ErrorCode } from '../errors.js';
import { scanFile } from './clamav.js';
import { ALLOWED_KINDS, IMAGE_TYPES, sniffContentType } from './content-types.js';
import type { AttachmentStorage } from './storage.js';

/** The multipart framing around the file: a boundary and a few headers, generously. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;
/** Thumbnails fit this box, as PNG. */
const THUMBNAIL_PIXELS = 320;
/** An image claiming more pixels than this is not decoded (a decompression bomb stays small on the wire). */
const MAX_IMAGE_PIXELS = 50_000_000;
const FILENAME_MAX = 255;

/** Why an upload was refused: a stable code (and `reason`), an HTTP status, words for people. */
export const refusal = (status: number, code: ErrorCode, message: string, reason?: string) =>
  new ClientError(code, message, { http: { status }, ...(reason && { reason }) });

const tooLarge = (maxBytes: number) =>
  refusal(413, ErrorCode.PAYLOAD_TOO_LARGE, `Files can be up to ${formatBytes(maxBytes)}.`, 'TOO_LARGE');

function formatBytes(bytes: number): string {
  const MIB = 1024 * 1024;
  return bytes >= MIB ? `${Math.floor(bytes / MIB)} MB` : `${Math.floor(bytes / 1024)} KB`;
}

/** What the client called the file, as a plain name: no folders, no control characters, not too long. */
export function cleanFilename(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return clean.slice(0, FILENAME_MAX) || 'file';
}

interface ReceivedFile {
  path: string;
  filename: string;
  size: number;
  sha256: string;
}

/**
 * Streams the request's one file (the multipart field `file`) to a scratch file. Over `maxBytes`
 * it stops reading at once and answers PAYLOAD_TOO_LARGE; the caller closes the connection.
 */
export async function receiveFile(req: IncomingMessage, maxBytes: number, scratchDir: string): Promise<ReceivedFile> {
  if (Number(req.headers['content-length']) > maxBytes + MULTIPART_OVERHEAD_BYTES) throw tooLarge(maxBytes);
  let parser: busboy.Busboy;
  try {
    // busboy signals `limit` on reaching fileSize: one byte over is what is refused.
    parser = busboy({ headers: req.headers, limits: { files: 1, fields: 0, parts: 1, fileSize: maxBytes + 1, headerPairs: 20 } });
  } catch {
    throw refusal(400, ErrorCode.BAD_REQUEST, 'Send the file as multipart/form-data, in a field named "file".');
  }
  await mkdir(scratchDir, { recursive: true });
  const path = join(scratchDir, randomUUID());
  let writing: Promise<ReceivedFile> | undefined;
  try {
    return await new Promise<ReceivedFile>((resolve, reject) => {
      const stop = (error: Error) => {
        req.unpipe(parser);
        reject(error);
      };
      parser.on('file', (field, stream, info) => {
        if (field !== 'file' || writing) {
          stream.resume();
          return;
        }
        const hash = createHash('sha256');
        let size = 0;
        const counted = new Transform({
          transform(chunk: Buffer, _encoding, done) {
            hash.update(chunk);
            size += chunk.length;
            done(null, chunk);
          },
        });
        stream.once('limit', () => {
          stream.destroy();
          stop(tooLarge(maxBytes));
        });
        writing = pipeline(stream, counted, createWriteStream(path)).then(() => ({
          path,
          filename: cleanFilename(info.filename),
          size,
          sha256: hash.digest('hex'),
        }));
        writing.catch(() => {});
      });
      parser.on('error', (error: Error) => stop(refusal(400, ErrorCode.BAD_REQUEST, `The upload could not be read: ${error.message}`)));
      parser.on('close', () => {
        if (!writing) return reject(refusal(400, ErrorCode.BAD_USER_INPUT, 'Send one file, in a multipart field named "file".'));
        writing.then(resolve, reject);
      });
      req.once('close', () => {
        if (!req.complete) stop(new Error('the client went away during the upload'));
      });
      req.pipe(parser);
    });
  } catch (error) {
    // Once the scratch file is closed, so that nothing writes it again after it is removed.
    await writing?.catch(() => {});
    await rm(path, { force: true });
    throw error;
  }
}

async function thumbnailOf(path: string): Promise<Buffer> {
  try {
    return await sharp(path, { limitInputPixels: MAX_IMAGE_PIXELS, animated: false })
      .rotate()
      .resize(THUMBNAIL_PIXELS, THUMBNAIL_PIXELS, { fit: 'inside', withoutEnlargement: true })
      .png()
      .toBuffer();
  } catch {
    throw refusal(400, ErrorCode.BAD_USER_INPUT, 'This image could not be read. Try saving it again as PNG or JPEG.', 'UNREADABLE_IMAGE');
  }
}

export interface UploadDeps {
  prisma: PrismaClient;
  storage: AttachmentStorage;
  settings: AttachmentSettings;
  now: Date;
}

/** Who uploads: a person, or a guest known only by the hash of their upload token. */
export type Uploader = { uploaderId: string; uploadTokenHash: null } | { uploaderId: null; uploadTokenHash: string };

/** Checks, scans, thumbnails and stores a received file, then records it; the scratch file is removed either way. */
export async function storeUpload(deps: UploadDeps, file: ReceivedFile, uploader: Uploader): Promise<AttachmentRow> {
  const { prisma, storage, settings, now } = deps;
  const stored: string[] = [];
  try {
    if (file.size === 0) throw refusal(400, ErrorCode.BAD_USER_INPUT, 'The file is empty.', 'EMPTY');
    const contentType = await sniffContentType(file.path);
    if (!contentType)
      throw refusal(415, ErrorCode.BAD_USER_INPUT, `This kind of file cannot be attached. Attach ${ALLOWED_KINDS}.`, 'UNSUPPORTED_TYPE');
    if (settings.clamav) {
      const scan = await scanFile(settings.clamav, file.path).catch(() => {
        throw refusal(503, ErrorCode.SERVICE_UNAVAILABLE, 'Files cannot be checked for viruses at the moment. Try again in a few minutes.');
      });
      if (!scan.clean)
        throw refusal(422, ErrorCode.BAD_USER_INPUT, `This file contains a virus (${scan.signature}) and was not accepted.`, 'INFECTED');
    }
    const thumbnail = IMAGE_TYPES.has(contentType) ? await thumbnailOf(file.path) : null;
    const storageKey = `${now.toISOString().slice(0, 10)}/${randomUUID()}`;
    await storage.put(storageKey, { path: file.path }, file.size, contentType);
    stored.push(storageKey);
    const thumbnailKey = thumbnail ? `${storageKey}.thumbnail.png` : null;
    if (thumbnail && thumbnailKey) {
      await storage.put(thumbnailKey, thumbnail, thumbnail.length, 'image/png');
      stored.push(thumbnailKey);
    }
    return await prisma.attachment.create({
      data: {
        ...uploader,
        filename: file.filename,
        contentType,
        size: file.size,
        storageKey,
        thumbnailKey,
        sha256: file.sha256,
        createdAt: now,
      },
    });
  } catch (error) {
    await storage.delete(stored).catch(() => {});
    throw error;
  } finally {
    await rm(file.path, { force: true });
  }
}
