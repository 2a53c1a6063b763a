// Virus scanning through clamd's INSTREAM protocol, against a stub clamd run here that speaks it
// (framed chunks, a zero-length end, one reply) and finds the EICAR test string: an infected upload
// is refused with its signature and nothing is kept; a clean one is scanned and stored; a scanner
// that cannot be reached refuses uploads rather than letting them through unscanned.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSchool, freePort, type School } from '@studentdesk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../test/api.js';
import { PDF } from '../test/files.js';
import { scanFile } from './clamav.js';

/** The EICAR anti-virus test file, put together here so that no scanner flags this source. */
const EICAR = ['X5O!P%@AP[4\\PZX54(P^)7CC)7}$', 'EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*'].join('');
const SIGNATURE = 'Win.Test.EICAR_HDB-1';

/** A clamd that answers INSTREAM: FOUND for content holding EICAR, OK otherwise. */
function stubClamd(): { server: Server; scans: string[] } {
  const scans: string[] = [];
  const server = createServer((socket) => {
    let pending = Buffer.alloc(0);
    let command: string | null = null;
    const content: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      if (command === null) {
        const end = pending.indexOf(0);
        if (end === -1) return;
        command = pending.subarray(0, end).toString();
        pending = pending.subarray(end + 1);
        if (command !== 'zINSTREAM') return void socket.end('UNKNOWN COMMAND\0');
      }
      while (pending.length >= 4) {
        const length = pending.readUInt32BE(0);
        if (length === 0) {
          const scanned = Buffer.concat(content).toString('latin1');
          scans.push(scanned);
          return void socket.end(scanned.includes(EICAR) ? `stream: ${SIGNATURE} FOUND\0` : 'stream: OK\0');
        }
        if (pending.length < 4 + length) return;
        content.push(pending.subarray(4, 4 + length));
        pending = pending.subarray(4 + length);
      }
    });
  });
  return { server, scans };
}

describe('virus scanning (ClamAV)', () => {
  let api: TestApi;
  let school: School;
  let dataDir: string;
  const clamd = stubClamd();
  let port: number;

  const upload = async (bytes: Buffer, filename: string) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)]), filename);
    const response = await fetch(api.url.replace(/\/graphql$/, '/attachments'), {
      method: 'POST',
      headers: { authorization: `Bearer ${school.tokens.alice}`, 'apollo-require-preflight': 'true' },
      body: form,
    });
    return {
      status: response.status,
      body: (await response.json()) as { errors?: Array<{ message: string; extensions: Record<string, string> }> },
    };
  };

  beforeAll(async () => {
    await new Promise<void>((resolve) => clamd.server.listen(0, '127.0.0.1', resolve));
    port = (clamd.server.address() as { port: number }).port;
    dataDir = mkdtempSync(join(tmpdir(), 'studentdesk-clamav-'));
    api = await startTestApi('postgresql', { DATA_DIR: dataDir, CLAMAV_HOST: '127.0.0.1', CLAMAV_PORT: String(port) });
    school = await createSchool(api);
  });
  afterAll(async () => {
    await api?.close();
    await new Promise((resolve) => clamd.server.close(resolve));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('speaks INSTREAM in frames, across many chunks', async () => {
    const file = join(dataDir, 'big.txt');
    writeFileSync(file, 'a'.repeat(200_000) + EICAR);
    expect(await scanFile({ host: '127.0.0.1', port, timeoutMs: 5000 }, file)).toEqual({ clean: false, signature: SIGNATURE });
    expect(clamd.scans.at(-1)).toHaveLength(200_000 + EICAR.length);
  });

  it('refuses an infected upload with the signature and keeps nothing; stores a clean one', async () => {
    const infected = await upload(Buffer.from(EICAR), 'eicar.txt');
    expect(infected.status).toBe(422);
    expect(infected.body.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'INFECTED' });
    expect(infected.body.errors![0]!.message).toContain(SIGNATURE);
    expect(await api.db.prisma.attachment.count()).toBe(0);
    expect(() => readdirSync(join(dataDir, 'attachments'))).toThrow();

    const scansBefore = clamd.scans.length;
    expect((await upload(PDF, 'clean.pdf')).status).toBe(201);
    expect(clamd.scans.length).toBe(scansBefore + 1);
    expect(await api.db.prisma.attachment.count()).toBe(1);
  });

  it('refuses uploads while the scanner cannot be reached', async () => {
    const unreachable = await startTestApi('postgresql', { CLAMAV_HOST: '127.0.0.1', CLAMAV_PORT: String(await freePort()) });
    try {
      const token = (await createSchool(unreachable)).tokens.alice;
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(PDF)]), 'clean.pdf');
      const response = await fetch(unreachable.url.replace(/\/graphql$/, '/attachments'), {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'apollo-require-preflight': 'true' },
        body: form,
      });
      expect(response.status).toBe(503);
      expect(((await response.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe(
        'SERVICE_UNAVAILABLE',
      );
      expect(await unreachable.db.prisma.attachment.count()).toBe(0);
    } finally {
      await unreachable.close();
    }
  });
});
