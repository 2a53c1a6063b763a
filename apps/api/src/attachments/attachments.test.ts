// Attachments over HTTP on PostgreSQL, as a browser would send them: upload (streamed, sniffed,
// size-capped, CSRF-guarded), reference from a report or reply (only your own, unused, up to the
// per-message limit), download for exactly the people who may see the message (the permission
// matrix), and unused uploads cleaned after a day, bytes and all.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codes, createSchool, type School } from '@studentdesk/testing';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../test/api.js';
import { TestClock } from '../test/clock.js';
import { PDF, png } from '../test/files.js';
import { removeUnusedUploads, UNUSED_UPLOAD_MS } from './attachment.cleanup.js';
import { diskStorage } from './storage.js';

const MAX_BYTES = 200_000;
const PER_MESSAGE = 3;
const GUEST_UPLOADS = 6;
const REPORT_WITH_FILES = /* GraphQL */ `
  mutation Report($input: ReportProblemInput!) {
    reportProblem(input: $input) {
      trackingCode
      ticket {
        id
        attachments {
          id
          filename
          contentType
          size
        }
      }
    }
  }
`;
const REPLY_WITH_FILES = /* GraphQL */ `
  mutation Reply($input: ReplyInput!) {
    reply(input: $input) {
      id
      attachments {
        id
        filename
        contentType
        size
      }
    }
  }
`;
const CONVERSATION = /* GraphQL */ `
  query Conversation($id: ID!) {
    ticket(id: $id) {
      attachments {
        id
      }
      messages(first: 20) {
        edges {
          node {
            internal
            attachments {
              id
              filename
            }
          }
        }
      }
    }
  }
`;

interface Uploaded {
  status: number;
  body: {
    id?: string;
    filename?: string;
    contentType?: string;
    size?: number;
    thumbnail?: boolean;
    uploadToken?: string;
    errors?: Array<{ message: string; extensions: { code: string; reason?: string } }>;
  };
}

describe('attachments', () => {
  let api: TestApi;
  let school: School;
  let dataDir: string;
  const clock = new TestClock('2026-12-08T09:00:00Z');
  const base = () => api.url.replace(/\/graphql$/, '');

  const upload = async (
    bytes: Buffer,
    filename: string,
    options: { token?: string; cookie?: string; uploadToken?: string; preflight?: boolean } = {},
  ): Promise<Uploaded> => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)]), filename);
    const response = await fetch(`${base()}/attachments`, {
      method: 'POST',
      headers: {
        ...(options.preflight === false ? {} : { 'apollo-require-preflight': 'true' }),
        ...(options.token && { authorization: `Bearer ${options.token}` }),
        ...(options.cookie && { cookie: options.cookie }),
        ...(options.uploadToken && { 'x-upload-token': options.uploadToken }),
      },
      body: form,
    });
    return { status: response.status, body: (await response.json()) as Uploaded['body'] };
  };
  const uploadOk = async (bytes: Buffer, filename: string, token?: string) => {
    const answer = await upload(bytes, filename, { token });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    return answer.body as Required<Omit<Uploaded['body'], 'errors'>>;
  };
  const download = (id: string, token?: string, query = '') =>
    fetch(`${base()}/attachments/${id}${query}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const report = async (token: string | undefined, input: Record<string, unknown>) =>
    api.gql(
      REPORT_WITH_FILES,
      { input: { categoryId: school.categoryIds.login, title: 'Error on the portal', description: 'See the screenshot.', ...input } },
      { token },
    );
  const count = () => api.db.prisma.attachment.count();
  const storedFiles = () => {
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? walk(join(dir, entry.name)) : [entry.name]));
    return ['attachments', 'uploads-in-progress'].flatMap((sub) => {
      try {
        return walk(join(dataDir, sub));
      } catch {
        return [];
      }
    });
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'studentdesk-attachments-'));
    api = await startTestApi(
      'postgresql',
      {
        DATA_DIR: dataDir,
        ATTACHMENT_MAX_BYTES: String(MAX_BYTES),
        ATTACHMENTS_PER_MESSAGE: String(PER_MESSAGE),
        GUEST_UPLOADS_PER_ADDRESS_PER_HOUR: String(GUEST_UPLOADS),
      },
      undefined,
      clock,
    );
    school = await createSchool(api);
  });
  afterAll(async () => {
    await api?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('takes a screenshot with a report: the student and IT see it and its thumbnail, nobody else', async () => {
    const screenshot = await png();
    const uploaded = await uploadOk(screenshot, 'Screenshot 2026-12-08 at 09.00.png', school.tokens.alice);
    expect(uploaded).toMatchObject({
      filename: 'Screenshot 2026-12-08 at 09.00.png',
      contentType: 'image/png',
      size: screenshot.length,
      thumbnail: true,
    });
    expect(uploaded.uploadToken).toBeUndefined();

    const reported = await report(school.tokens.alice, { attachmentIds: [uploaded.id] });
    expect(reported.errors).toBeUndefined();
    const { ticket, trackingCode } = reported.data!.reportProblem;
    expect(ticket.attachments).toEqual([
      { id: uploaded.id, filename: uploaded.filename, contentType: 'image/png', size: screenshot.length },
    ]);

    const original = await download(uploaded.id, school.tokens.staff);
    expect(original.status).toBe(200);
    expect(original.headers.get('content-type')).toBe('image/png');
    expect(original.headers.get('content-disposition')).toMatch(/^inline; filename="Screenshot 2026-12-08 at 09.00.png"/);
    expect(original.headers.get('x-content-type-options')).toBe('nosniff');
    expect(original.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(Buffer.from(await original.arrayBuffer()).equals(screenshot)).toBe(true);

    const thumbnail = await download(`${uploaded.id}/thumbnail`, school.tokens.staff);
    expect(thumbnail.status).toBe(200);
    expect(thumbnail.headers.get('content-type')).toBe('image/png');
    const { width, height } = await sharp(Buffer.from(await thumbnail.arrayBuffer())).metadata();
    expect([width, height]).toEqual([320, 240]);

    expect((await download(uploaded.id, school.tokens.alice)).status).toBe(200);
    expect((await download(uploaded.id, school.tokens.admin)).status).toBe(200);
    // Another student, staff of another department, nobody, and a guest with a wrong code.
    for (const [token, status, code] of [
      [school.tokens.bob, 403, 'FORBIDDEN'],
      [school.tokens.otherStaff, 403, 'FORBIDDEN'],
      [undefined, 401, 'UNAUTHENTICATED'],
    ] as const) {
      for (const part of ['', '/thumbnail']) {
        const refused = await download(`${uploaded.id}${part}`, token);
        expect(refused.status).toBe(status);
        expect(((await refused.json()) as Uploaded['body']).errors![0]!.extensions.code).toBe(code);
      }
    }
    expect((await download(uploaded.id, undefined, '?trackingCode=sdt_wrongwrongwrongwrong')).status).toBe(401);
    // The tracking code opens it for a guest (the report's code, as a guest would have it).
    expect((await download(uploaded.id, undefined, `?trackingCode=${encodeURIComponent(trackingCode)}`)).status).toBe(200);
  });

  it('keeps files on internal notes from students, and offers documents as downloads', async () => {
    const { data } = await report(school.tokens.alice, {});
    const ticketId = data!.reportProblem.ticket.id as string;
    const publicFile = await uploadOk(PDF, 'invoice.pdf', school.tokens.staff);
    const noteFile = await uploadOk(PDF, 'notes.pdf', school.tokens.staff);
    const studentFile = await uploadOk(Buffer.from('error: 0x80070005 access denied\n'), 'log.txt', school.tokens.alice);

    const staffReply = await api.gql(
      REPLY_WITH_FILES,
      { input: { ticketId, body: 'Here is your invoice.', attachmentIds: [publicFile.id] } },
      { token: school.tokens.staff },
    );
    expect(staffReply.errors).toBeUndefined();
    expect(staffReply.data!.reply.attachments).toMatchObject([{ id: publicFile.id, contentType: 'application/pdf' }]);
    const note = await api.gql(
      REPLY_WITH_FILES,
      { input: { ticketId, body: 'Internal.', internal: true, attachmentIds: [noteFile.id] } },
      { token: school.tokens.staff },
    );
    expect(note.errors).toBeUndefined();
    const studentReply = await api.gql(
      REPLY_WITH_FILES,
      { input: { ticketId, body: 'My log.', attachmentIds: [studentFile.id] } },
      { token: school.tokens.alice },
    );
    expect(studentReply.errors).toBeUndefined();

    const asAlice = await api.gql(CONVERSATION, { id: ticketId }, { token: school.tokens.alice });
    expect(asAlice.errors).toBeUndefined();
    expect(
      asAlice.data!.ticket.messages.edges.map(({ node }: { node: { attachments: Array<{ filename: string }> } }) =>
        node.attachments.map((file) => file.filename),
      ),
    ).toEqual([['invoice.pdf'], ['log.txt']]);

    const pdf = await download(publicFile.id, school.tokens.alice);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-disposition')).toMatch(/^attachment; filename="invoice.pdf"/);
    const text = await download(studentFile.id, school.tokens.staff);
    expect(text.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(text.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect((await download(`${publicFile.id}/thumbnail`, school.tokens.alice)).status).toBe(404);

    // The internal note's file: staff of the ticket only.
    expect((await download(noteFile.id, school.tokens.staff)).status).toBe(200);
    expect((await download(noteFile.id, school.tokens.alice)).status).toBe(403);
    expect((await download(noteFile.id, school.tokens.bob)).status).toBe(403);
    expect((await download(noteFile.id, school.tokens.otherStaff)).status).toBe(403);
  });

  it('lets a guest attach with their upload token, and download only with the tracking code', async () => {
    const first = await upload(await png(40, 40), 'photo.png');
    expect(first.status).toBe(201);
    const uploadToken = first.body.uploadToken!;
    expect(uploadToken).toMatch(/^sdu_/);
    const second = await upload(PDF, 'form.pdf', { uploadToken });
    expect(second.body.uploadToken).toBe(uploadToken);
    const guest = { contactName: 'Gus Guest', contactEmail: 'gus@example.com' };
    const ids = [first.body.id!, second.body.id!];

    expect(codes(await report(undefined, { ...guest, attachmentIds: ids }))).toEqual(['BAD_USER_INPUT']);
    const otherGuest = (await upload(PDF, 'other.pdf')).body.uploadToken!;
    expect(codes(await report(undefined, { ...guest, attachmentIds: ids, uploadToken: otherGuest }))).toEqual(['BAD_USER_INPUT']);
    // A signed-in student cannot take a guest's upload either.
    expect(codes(await report(school.tokens.bob, { attachmentIds: ids }))).toEqual(['BAD_USER_INPUT']);

    const reported = await report(undefined, { ...guest, attachmentIds: ids, uploadToken });
    expect(reported.errors).toBeUndefined();
    const { trackingCode } = reported.data!.reportProblem;
    expect((await download(ids[0]!, undefined, `?trackingCode=${encodeURIComponent(trackingCode)}`)).status).toBe(200);
    expect((await download(ids[0]!)).status).toBe(401);
    expect((await download(ids[0]!, school.tokens.staff)).status).toBe(200);

    // Replying by tracking link, with a file.
    const ticketId = reported.data!.reportProblem.ticket.id as string;
    const more = await upload(Buffer.from('more details\n'), 'details.txt', { uploadToken });
    const replied = await api.gql(REPLY_WITH_FILES, {
      input: { ticketId, body: 'More.', trackingCode, uploadToken, attachmentIds: [more.body.id] },
    });
    expect(replied.errors).toBeUndefined();
    expect(replied.data!.reply.attachments).toHaveLength(1);
  });

  it('refuses ids that are unknown, someone else’s, already used or malformed, and more files than a message may have', async () => {
    const alices = await uploadOk(PDF, 'a.pdf', school.tokens.alice);
    expect(codes(await report(school.tokens.bob, { attachmentIds: [alices.id] }))).toEqual(['BAD_USER_INPUT']);
    const unknown = Buffer.from('Attachment:00000000-0000-7000-8000-000000000000').toString('base64url');
    expect(codes(await report(school.tokens.alice, { attachmentIds: [unknown] }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await report(school.tokens.alice, { attachmentIds: ['nonsense'] }))).toEqual(['BAD_USER_INPUT']);
    // Nothing of a refused report is kept: the file is still free to use, once.
    const tickets = await api.db.prisma.ticket.count();
    expect(codes(await report(school.tokens.alice, { attachmentIds: [alices.id, unknown] }))).toEqual(['BAD_USER_INPUT']);
    expect(await api.db.prisma.ticket.count()).toBe(tickets);
    expect((await report(school.tokens.alice, { attachmentIds: [alices.id] })).errors).toBeUndefined();
    expect(codes(await report(school.tokens.alice, { attachmentIds: [alices.id] }))).toEqual(['BAD_USER_INPUT']);

    const many = await Promise.all(Array.from({ length: PER_MESSAGE + 1 }, (_, at) => uploadOk(PDF, `${at}.pdf`, school.tokens.alice)));
    const tooMany = await report(school.tokens.alice, { attachmentIds: many.map((file) => file.id) });
    expect(codes(tooMany)).toEqual(['BAD_USER_INPUT']);
    expect(tooMany.errors![0]!.message).toBe(`Attach at most ${PER_MESSAGE} files to one message.`);
    expect(
      await api.db.prisma.attachment.count({
        where: { id: { in: many.map((file) => Buffer.from(file.id, 'base64url').toString().split(':')[1]!) }, ticketId: { not: null } },
      }),
    ).toBe(0);
  });

  it('refuses files of kinds the desk does not take, found from their bytes whatever their name', async () => {
    const before = await count();
    const windowsProgram = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);
    const refused = await upload(windowsProgram, 'screenshot.png', { token: school.tokens.alice });
    expect(refused.status).toBe(415);
    expect(refused.body.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'UNSUPPORTED_TYPE' });
    const binary = await upload(Buffer.from([0, 1, 2, 3, 0, 255, 254]), 'notes.txt', { token: school.tokens.alice });
    expect(binary.status).toBe(415);
    const empty = await upload(Buffer.alloc(0), 'empty.txt', { token: school.tokens.alice });
    expect(empty.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'EMPTY' });
    // An SVG is text to the desk: kept, but served as a plain-text download, never as a page that runs.
    const svg = await uploadOk(
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      'x.svg',
      school.tokens.alice,
    );
    expect(svg.contentType).toBe('text/plain');
    expect(await count()).toBe(before + 1);
  });

  it('refuses a body over the size limit while it streams, keeping nothing', async () => {
    const before = await count();
    const filesBefore = storedFiles().length;
    // Chunked, so the size is only known by counting: the refusal comes mid-stream.
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const boundary = 'x-boundary';
      const sent = request(
        `${base()}/attachments`,
        {
          method: 'POST',
          headers: {
            'content-type': `multipart/form-data; boundary=${boundary}`,
            'transfer-encoding': 'chunked',
            authorization: `Bearer ${school.tokens.alice}`,
            'apollo-require-preflight': 'true',
          },
        },
        (response) => {
          let body = '';
          response.on('data', (chunk: Buffer) => (body += chunk.toString()));
          response.on('end', () => resolve({ status: response.statusCode!, body }));
        },
      );
      sent.on('error', reject);
      sent.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.txt"\r\nContent-Type: text/plain\r\n\r\n`);
      // Up to four times the limit, as long as the server still reads; it may close the connection while we write.
      let written = 0;
      const more = () => {
        while (written < MAX_BYTES * 4 && !sent.destroyed) {
          written += 16_384;
          if (!sent.write('a'.repeat(16_384))) return void sent.once('drain', more);
        }
        if (!sent.destroyed) sent.end(`\r\n--${boundary}--\r\n`);
      };
      more();
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body).errors[0].extensions).toEqual({ code: 'PAYLOAD_TOO_LARGE', reason: 'TOO_LARGE' });
    expect(await count()).toBe(before);
    expect(storedFiles().length).toBe(filesBefore);

    // Said up front by Content-Length: refused before a byte is read.
    const declared = await upload(Buffer.alloc(MAX_BYTES + 100_000, 'a'), 'big.txt', { token: school.tokens.alice });
    expect(declared.status).toBe(413);
    expect(await count()).toBe(before);
    // Exactly at the limit is fine.
    expect((await upload(Buffer.alloc(MAX_BYTES, 'a'), 'limit.txt', { token: school.tokens.alice })).status).toBe(201);
  });

  it('asks for the CSRF header with a session cookie, as GraphQL does, and refuses API keys and bad tokens', async () => {
    const cookie = `sd_session=${school.tokens.alice}`;
    const withoutHeader = await upload(PDF, 'a.pdf', { cookie, preflight: false });
    expect(withoutHeader.status).toBe(400);
    expect(withoutHeader.body.errors![0]!.extensions.code).toBe('BAD_REQUEST');
    expect((await upload(PDF, 'a.pdf', { cookie })).status).toBe(201);
    const badToken = await upload(PDF, 'a.pdf', { token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.bad' });
    expect(badToken.status).toBe(401);
    expect(badToken.body.errors![0]!.extensions.code).toBe('UNAUTHENTICATED');
    // Another person's upload, before it is on anything, is theirs alone.
    const alices = await uploadOk(PDF, 'mine.pdf', school.tokens.alice);
    expect((await download(alices.id, school.tokens.alice)).status).toBe(200);
    expect((await download(alices.id, school.tokens.staff)).status).toBe(403);
    expect((await download('nonsense', school.tokens.staff)).status).toBe(404);
  });

  it('counts guests’ uploads per address, and refuses past the cap with Retry-After', async () => {
    const answers: Array<{ status: number; code?: string }> = [];
    for (let tries = 0; tries <= GUEST_UPLOADS; tries += 1) {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(PDF)]), 'guest.pdf');
      const response = await fetch(`${base()}/attachments`, {
        method: 'POST',
        headers: { 'apollo-require-preflight': 'true' },
        body: form,
      });
      const body = (await response.json()) as Uploaded['body'];
      answers.push({ status: response.status, code: body.errors?.[0]?.extensions.code });
      if (response.status === 429) {
        expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
        break;
      }
    }
    expect(answers.at(-1)).toEqual({ status: 429, code: 'RATE_LIMITED' });
    // People signed in are not counted.
    expect((await upload(PDF, 'mine.pdf', { token: school.tokens.alice })).status).toBe(201);
  });

  it('removes uploads nobody referenced within a day, and the bytes of files whose ticket is gone; referenced ones stay', async () => {
    const storage = diskStorage(join(dataDir, 'attachments'));
    const unused = await uploadOk(await png(50, 50), 'unused.png', school.tokens.bob);
    const used = await uploadOk(PDF, 'used.pdf', school.tokens.bob);
    expect((await report(school.tokens.bob, { attachmentIds: [used.id] })).errors).toBeUndefined();
    const idOf = (globalId: string) => Buffer.from(globalId, 'base64url').toString().split(':')[1]!;
    const row = (await api.db.prisma.attachment.findUnique({ where: { id: idOf(unused.id) } }))!;

    expect(await removeUnusedUploads(api.db.prisma, storage, clock.now())).toBe(0);
    clock.advance(UNUSED_UPLOAD_MS + 60_000);
    expect(await removeUnusedUploads(api.db.prisma, storage, clock.now())).toBeGreaterThanOrEqual(1);
    expect(await api.db.prisma.attachment.findUnique({ where: { id: idOf(unused.id) } })).toBeNull();
    expect(await storage.get(row.storageKey)).toBeNull();
    expect(await storage.get(row.thumbnailKey!)).toBeNull();
    expect((await download(used.id, school.tokens.bob)).status).toBe(200);

    // Retention deletes a closed ticket: its files' rows go with it, their bytes at the next cleanup.
    const usedRow = (await api.db.prisma.attachment.findUnique({ where: { id: idOf(used.id) } }))!;
    await api.db.prisma.ticket.delete({ where: { id: usedRow.ticketId! } });
    expect(await storage.get(usedRow.storageKey)).not.toBeNull();
    await removeUnusedUploads(api.db.prisma, storage, clock.now());
    expect(await storage.get(usedRow.storageKey)).toBeNull();
    expect(await api.db.prisma.attachmentFileToDelete.count()).toBe(0);
  });
});
