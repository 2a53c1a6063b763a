// Both storages against real servers: the disk under DATA_DIR, and S3 through the AWS SDK against
// s3rver (a local S3 server, run here); then the whole path, upload to download, with the API
// configured for S3, the bytes found in the bucket and gone from it after cleanup.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import { createSchool } from '@studentdesk/testing';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi } from '../test/api.js';
import { TestClock } from '../test/clock.js';
import { png } from '../test/files.js';
import { removeUnusedUploads, UNUSED_UPLOAD_MS } from './attachment.cleanup.js';
import { diskStorage, s3Storage, type AttachmentStorage } from './storage.js';

const BUCKET = 'studentdesk-attachments';

describe('attachment storage', () => {
  let dir: string;
  let s3: S3rver;
  let endpoint: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'studentdesk-storage-'));
    s3 = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: join(dir, 's3'), configureBuckets: [{ name: BUCKET }] });
    const { port } = await s3.run();
    endpoint = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await s3?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const s3Settings = () => ({
    kind: 's3' as const,
    bucket: BUCKET,
    region: 'us-east-1',
    endpoint,
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    forcePathStyle: true,
  });

  const roundTrip = async (storage: AttachmentStorage) => {
    const bytes = Buffer.alloc(300_000, 'x');
    // A received upload, as a file: the disk moves it, S3 streams it.
    const received = join(dir, `received-${randomUUID()}`);
    writeFileSync(received, bytes);
    await storage.put('2026-12-08/streamed', { path: received }, bytes.length, 'text/plain');
    await storage.put('2026-12-08/buffered.thumbnail.png', Buffer.from('png'), 3, 'image/png');
    expect((await buffer((await storage.get('2026-12-08/streamed'))!)).equals(bytes)).toBe(true);
    expect((await buffer((await storage.get('2026-12-08/buffered.thumbnail.png'))!)).toString()).toBe('png');
    await storage.delete(['2026-12-08/streamed', '2026-12-08/buffered.thumbnail.png', '2026-12-08/never-there']);
    expect(await storage.get('2026-12-08/streamed')).toBeNull();
    expect(await storage.get('2026-12-08/buffered.thumbnail.png')).toBeNull();
    await expect(storage.put('../escape', Buffer.from('x'), 1, 'text/plain')).rejects.toThrow(/not an attachment storage key/);
  };

  it('stores, streams back and deletes on disk', () => roundTrip(diskStorage(join(dir, 'disk'))));

  it('stores, streams back and deletes in an S3 bucket', () => roundTrip(s3Storage(s3Settings())));

  it('serves uploads from S3 when S3_BUCKET is set: upload, download, thumbnail, cleanup', async () => {
    const clock = new TestClock('2026-12-08T09:00:00Z');
    const api = await startTestApi(
      'postgresql',
      { S3_BUCKET: BUCKET, S3_ENDPOINT: endpoint, S3_ACCESS_KEY_ID: 'S3RVER', S3_SECRET_ACCESS_KEY: 'S3RVER' },
      undefined,
      clock,
    );
    try {
      const school = await createSchool(api);
      const screenshot = await png(640, 480);
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(screenshot)]), 'screen.png');
      const uploaded = await fetch(api.url.replace(/\/graphql$/, '/attachments'), {
        method: 'POST',
        headers: { authorization: `Bearer ${school.tokens.alice}`, 'apollo-require-preflight': 'true' },
        body: form,
      });
      expect(uploaded.status).toBe(201);
      const { id } = (await uploaded.json()) as { id: string };
      const row = await api.db.prisma.attachment.findFirstOrThrow({ where: { uploaderId: school.users.alice.id } });
      const bucket = s3Storage(s3Settings());
      expect((await buffer((await bucket.get(row.storageKey))!)).equals(screenshot)).toBe(true);

      const download = await fetch(api.url.replace(/\/graphql$/, `/attachments/${id}`), {
        headers: { authorization: `Bearer ${school.tokens.alice}` },
      });
      expect(download.status).toBe(200);
      expect(Buffer.from(await download.arrayBuffer()).equals(screenshot)).toBe(true);
      const thumbnail = await fetch(api.url.replace(/\/graphql$/, `/attachments/${id}/thumbnail`), {
        headers: { authorization: `Bearer ${school.tokens.alice}` },
      });
      expect(thumbnail.headers.get('content-type')).toBe('image/png');

      clock.advance(UNUSED_UPLOAD_MS + 1);
      expect(await removeUnusedUploads(api.db.prisma, bucket, clock.now())).toBe(1);
      expect(await bucket.get(row.storageKey)).toBeNull();
      expect(await bucket.get(row.thumbnailKey!)).toBeNull();
    } finally {
      await api.close();
    }
  });
});
