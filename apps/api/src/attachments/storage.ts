// Where attachments' bytes live, behind one small interface: files under DATA_DIR/attachments (the
// default) or an S3-compatible bucket (S3_*). Both take and give streams, so no file is ever whole
// in memory; keys are made by the API (attachment.upload.ts), never by a client.
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DeleteObjectsCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { AttachmentStore } from '../config.js';

/** What to store: bytes at hand (a thumbnail), or a file on this machine (a received upload, which may be moved). */
export type StoredBody = Buffer | { path: string };

export interface AttachmentStorage {
  /** Stores `size` bytes under `key`; whole or not at all. A file given by path may be moved, not copied. */
  put: (key: string, body: StoredBody, size: number, contentType: string) => Promise<void>;
  /** The bytes under `key`, streamed; null when there is nothing there. */
  get: (key: string) => Promise<Readable | null>;
  /** Removes what is under the keys; keys with nothing under them are fine. */
  delete: (keys: string[]) => Promise<void>;
}

/** Keys the API makes: a folder per day and a random name, nothing a path could escape with. */
const KEY = /^[\w-]+(\/[\w.-]+)*$/;

function checkedKey(key: string): string {
  if (!KEY.test(key) || key.includes('..')) throw new Error(`not an attachment storage key: ${key}`);
  return key;
}

export function diskStorage(dir: string): AttachmentStorage {
  const pathOf = (key: string) => join(dir, checkedKey(key));
  return {
    async put(key, body, _size) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      // Written beside and renamed: a reader never sees half a file.
      const partial = `${path}.partial`;
      try {
        if (!Buffer.isBuffer(body)) {
          // On the same disk an upload is moved, not read through again.
          const moved = await rename(body.path, path).then(
            () => true,
            (error: NodeJS.ErrnoException) => {
              if (error.code === 'EXDEV') return false;
              throw error;
            },
          );
          if (moved) return;
        }
        await pipeline(Buffer.isBuffer(body) ? Readable.from([body]) : createReadStream(body.path), createWriteStream(partial));
        await rename(partial, path);
      } catch (error) {
        await rm(partial, { force: true });
        throw error;
      }
    },
    async get(key) {
      const stream = createReadStream(pathOf(key));
      try {
        await new Promise<void>((resolve, reject) => {
          stream.once('open', () => resolve());
          stream.once('error', reject);
        });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
      return stream;
    },
    async delete(keys) {
      await Promise.all(keys.map((key) => rm(pathOf(key), { force: true })));
    },
  };
}

export function s3Storage(settings: Extract<AttachmentStore, { kind: 's3' }>): AttachmentStorage {
  const client = new S3Client({
    region: settings.region,
    endpoint: settings.endpoint,
    forcePathStyle: settings.forcePathStyle,
    // Checksums only where S3 demands them: many S3-compatible servers store the newer chunked
    // checksum framing as if it were the file.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    credentials:
      settings.accessKeyId && settings.secretAccessKey
        ? { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey }
        : undefined,
  });
  const Bucket = settings.bucket;
  return {
    async put(key, body, size, contentType) {
      const Body = Buffer.isBuffer(body) ? body : createReadStream(body.path);
      await client.send(new PutObjectCommand({ Bucket, Key: checkedKey(key), Body, ContentLength: size, ContentType: contentType }));
    },
    async get(key) {
      try {
        const answer = await client.send(new GetObjectCommand({ Bucket, Key: checkedKey(key) }));
        return answer.Body as Readable;
      } catch (error) {
        if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') return null;
        throw error;
      }
    },
    async delete(keys) {
      // DeleteObjects takes up to 1000 keys at a time.
      for (let at = 0; at < keys.length; at += 1000) {
        const batch = keys.slice(at, at + 1000).map((key) => ({ Key: checkedKey(key) }));
        await client.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects: batch, Quiet: true } }));
      }
    },
  };
}

export function createStorage(store: AttachmentStore): AttachmentStorage {
  return store.kind === 's3' ? s3Storage(store) : diskStorage(store.dir);
}
