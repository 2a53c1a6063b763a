// The SMTP listener offers STARTTLS with the configured certificate, and a client that insists on
// TLS delivers over it; IMAP_URL and an access token make XOAUTH2 options.
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSchool, DATABASE_KINDS, freePort, selfSignedCertificate, until } from '@studentdesk/testing';
import { startTestApi, type TestApi } from '../test/api.js';
import { imapTarget } from './imap-poller.js';

describe('the SMTP listener with a certificate', () => {
  let api: TestApi;
  let port: number;

  beforeAll(async () => {
    const { cert, key } = await selfSignedCertificate('mail.school.test');
    const dir = mkdtempSync(join(tmpdir(), 'studentdesk-tls-'));
    writeFileSync(join(dir, 'cert.pem'), cert);
    port = await freePort();
    api = await startTestApi(DATABASE_KINDS[0]!, {
      INBOUND_SMTP_PORT: String(port),
      INBOUND_SMTP_HOST: '127.0.0.1',
      // A path and PEM text are both accepted.
      INBOUND_SMTP_TLS_CERT: join(dir, 'cert.pem'),
      INBOUND_SMTP_TLS_KEY: key,
    });
    const school = await createSchool(api);
    await api.db.prisma.department.update({ where: { id: school.departments.it.id }, data: { inboundAddress: 'it@school.test' } });
  });
  afterAll(async () => {
    await api?.close();
  });

  it('takes mail over STARTTLS', async () => {
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port,
      secure: false,
      requireTLS: true,
      tls: { rejectUnauthorized: false },
    });
    const info = (await transport.sendMail({
      from: 'tess@elsewhere.test',
      to: 'it@school.test',
      subject: 'Over TLS',
      text: 'Encrypted.',
      messageId: '<tls@elsewhere.test>',
    })) as { response: string };
    transport.close();
    expect(info.response).toMatch(/^250/);
    const row = await until(() => api.db.prisma.inboundEmail.findUnique({ where: { messageId: 'tls@elsewhere.test' } }), 10_000);
    expect(row.status).toBe('ACCEPTED');
  });
});

describe('IMAP_URL', () => {
  it('gives a password login, or XOAUTH2 with an access token (Microsoft 365, Google)', () => {
    expect(imapTarget('imaps://desk%40school.edu:p%40ss@outlook.office365.com/Help%20Desk')).toMatchObject({
      options: { host: 'outlook.office365.com', port: 993, secure: true, auth: { user: 'desk@school.edu', pass: 'p@ss' } },
      mailbox: 'Help Desk',
    });
    const oauth = imapTarget('imaps://desk@school.edu@imap.gmail.com', 'ya29.token');
    expect(oauth.options.auth).toEqual({ user: 'desk@school.edu', accessToken: 'ya29.token' });
    expect(oauth.mailbox).toBe('INBOX');
    expect(imapTarget('imap://desk:pw@127.0.0.1:1143/INBOX').options).toMatchObject({ port: 1143, secure: false, doSTARTTLS: false });
  });
});
