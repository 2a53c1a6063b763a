// `pnpm bench --only attachments`: a 100 MB file uploaded to POST /attachments and downloaded again,
// against the API process as production runs it (--max-old-space-size=192), while its RSS is read
// every 10 ms. Both directions stream, so the process may grow by less than 30 MB over its RSS
// after warm-up transfers of 20 MB, whatever the file's size (issue 17).
import { request } from 'node:http';
import { createSchool, createTestDatabase, signIn, startApiProcess } from '@studentdesk/testing';
import { rssMb } from './process-memory.js';

const MIB = 1024 * 1024;
export const UPLOAD_MB = 100;
export const GROWTH_BUDGET_MB = 30;
const BOUNDARY = 'studentdesk-bench-boundary';

export interface AttachmentBench {
  uploadMb: number;
  baselineRssMb: number;
  uploadPeakGrowthMb: number;
  uploadSeconds: number;
  downloadPeakGrowthMb: number;
  downloadSeconds: number;
}

/** The peak RSS of `pid` while `work` runs, sampled every 10 ms. */
async function peakRssDuring(pid: number, work: () => Promise<void>): Promise<{ peak: number; seconds: number }> {
  let peak = rssMb(pid);
  const timer = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 10);
  const started = performance.now();
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return { peak: Math.max(peak, rssMb(pid)), seconds: (performance.now() - started) / 1000 };
}

/** Uploads `megabytes` of text, written a MB at a time as the socket drains (chunked: no length given). */
function upload(origin: string, token: string, megabytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const sent = request(
      `${origin}/attachments`,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'apollo-require-preflight': 'true',
          'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
        },
      },
      (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () =>
          response.statusCode === 201
            ? resolve((JSON.parse(body) as { id: string }).id)
            : reject(new Error(`upload answered ${response.statusCode}: ${body}`)),
        );
      },
    );
    sent.on('error', reject);
    const chunk = Buffer.alloc(MIB, 'studentdesk log line\n');
    let written = 0;
    sent.write(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="big.log"\r\nContent-Type: text/plain\r\n\r\n`);
    const more = () => {
      while (written < megabytes) {
        written += 1;
        if (!sent.write(chunk)) return void sent.once('drain', more);
      }
      sent.end(`\r\n--${BOUNDARY}--\r\n`);
    };
    more();
  });
}

/** Downloads the file and throws the bytes away; how many there were. */
async function download(origin: string, token: string, id: string): Promise<number> {
  const response = await fetch(`${origin}/attachments/${id}`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok || !response.body) throw new Error(`download answered ${response.status}`);
  let bytes = 0;
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) bytes += chunk.length;
  return bytes;
}

export async function benchAttachments(nodeFlags: string[], log: (line: string) => void): Promise<AttachmentBench> {
  const db = await createTestDatabase('postgresql');
  const api = await startApiProcess(
    {
      DATABASE_URL: db.url,
      NODE_ENV: 'production',
      AUTH_SECRET: 'benchmark-secret-benchmark-secret-0123456789',
      LOG_LEVEL: 'warn',
      ATTACHMENT_MAX_BYTES: String((UPLOAD_MB + 10) * MIB),
    },
    { nodeArgs: nodeFlags },
  );
  try {
    const school = await createSchool({ db, gql: api.gql });
    const token = await signIn(api, school.users.alice.email);
    const pid = api.child.pid!;
    // Warm-up: every module an upload and a download load, and the buffers (and the allocator's
    // arenas) any long transfer settles into. What follows must not grow with the file's size.
    for (const megabytes of [1, 20, 20]) await download(api.origin, token, await upload(api.origin, token, megabytes));
    const baselineRssMb = rssMb(pid);
    log(`API RSS after warm-up: ${baselineRssMb.toFixed(1)} MB; uploading ${UPLOAD_MB} MB`);
    let id = '';
    const uploaded = await peakRssDuring(pid, async () => {
      id = await upload(api.origin, token, UPLOAD_MB);
    });
    let bytes = 0;
    const downloaded = await peakRssDuring(pid, async () => {
      bytes = await download(api.origin, token, id);
    });
    if (bytes !== UPLOAD_MB * MIB) throw new Error(`downloaded ${bytes} bytes, expected ${UPLOAD_MB * MIB}`);
    return {
      uploadMb: UPLOAD_MB,
      baselineRssMb: Math.round(baselineRssMb),
      uploadPeakGrowthMb: Math.round((uploaded.peak - baselineRssMb) * 10) / 10,
      uploadSeconds: Math.round(uploaded.seconds * 10) / 10,
      downloadPeakGrowthMb: Math.round((downloaded.peak - baselineRssMb) * 10) / 10,
      downloadSeconds: Math.round(downloaded.seconds * 10) / 10,
    };
  } finally {
    await api.stop();
    await db.drop();
  }
}

export function attachmentMarkdown(result: AttachmentBench): string {
  return [
    `| file | API RSS after warm-up | peak growth uploading | upload time | peak growth downloading | download time | budget |`,
    '|---|---|---|---|---|---|---|',
    `| ${result.uploadMb} MB | ${result.baselineRssMb} MB | ${result.uploadPeakGrowthMb} MB | ${result.uploadSeconds} s | ${result.downloadPeakGrowthMb} MB | ${result.downloadSeconds} s | < ${GROWTH_BUDGET_MB} MB |`,
  ].join('\n');
}
