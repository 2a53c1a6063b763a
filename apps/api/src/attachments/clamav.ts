// Optional virus scanning (CLAMAV_HOST): each upload is streamed to clamd with the INSTREAM command
// before it is stored. clamd's reply is "stream: OK" or "stream: <signature> FOUND".
import { createReadStream } from 'node:fs';
import { connect } from 'node:net';

export type ScanResult = { clean: true } | { clean: false; signature: string };

/** Chunks clamd takes per INSTREAM frame; well under its StreamMaxLength-independent frame limit. */
const FRAME_BYTES = 64 * 1024;

export async function scanFile(settings: { host: string; port: number; timeoutMs: number }, path: string): Promise<ScanResult> {
  const socket = connect({ host: settings.host, port: settings.port });
  socket.setTimeout(settings.timeoutMs, () => socket.destroy(new Error(`clamd did not answer within ${settings.timeoutMs} ms`)));
  const reply = new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.on('error', reject);
  });
  // The reply may come early (clamd stops reading once it has found something, or at its size limit).
  reply.catch(() => {});
  const write = (data: Buffer) =>
    new Promise<void>((resolve, reject) => socket.write(data, (error) => (error ? reject(error) : resolve())));
  try {
    await write(Buffer.from('zINSTREAM\0'));
    for await (const chunk of createReadStream(path, { highWaterMark: FRAME_BYTES }) as AsyncIterable<Buffer>) {
      const length = Buffer.alloc(4);
      length.writeUInt32BE(chunk.length);
      await write(Buffer.concat([length, chunk]));
    }
    await write(Buffer.alloc(4));
  } catch (error) {
    // clamd closed early: its reply says why.
    if (socket.destroyed && !(await reply.then(Boolean, () => false))) throw error;
  }
  const answer = (await reply).replace(/\0/g, '').trim();
  const found = /^stream: (.+) FOUND$/.exec(answer);
  if (found) return { clean: false, signature: found[1]! };
  if (answer === 'stream: OK') return { clean: true };
  throw new Error(`clamd answered "${answer}"`);
}
