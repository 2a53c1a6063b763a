// IMAP_PROCESSED_MAILBOX: processed mail leaves the inbox for that folder, made on first use.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSchool, DATABASE_KINDS, type ImapServer, startImapServer, until } from '@studentdesk/testing';
import { startTestApi, type TestApi } from '../test/api.js';

describe('an IMAP mailbox with a folder for processed mail', () => {
  let imap: ImapServer;
  let api: TestApi;

  beforeAll(async () => {
    imap = await startImapServer();
    api = await startTestApi(DATABASE_KINDS[0]!, { IMAP_URL: imap.url, IMAP_POLL_MS: '200', IMAP_PROCESSED_MAILBOX: 'Processed' });
    const school = await createSchool(api);
    await api.db.prisma.department.update({ where: { id: school.departments.it.id }, data: { inboundAddress: 'it@school.test' } });
  });
  afterAll(async () => {
    await api?.close();
    await imap?.close();
  });

  it('moves each mail there once it is taken in', async () => {
    await imap.deliver(
      ['From: Mo <mo@student.test>', 'To: it@school.test', 'Subject: Moved', 'Message-ID: <moved@student.test>', '', 'Hello.', ''].join(
        '\r\n',
      ),
    );
    const row = await until(() => api.db.prisma.inboundEmail.findUnique({ where: { messageId: 'moved@student.test' } }), 15_000);
    expect(row).toMatchObject({ status: 'ACCEPTED', source: 'IMAP', imapKey: expect.stringMatching(/^INBOX:\d+:1$/) });
    await until(async () => (await imap.messages('INBOX')).length === 0, 10_000, 'the inbox to be empty');
    expect((await imap.messages('Processed')).map((message) => message.messageId)).toEqual(['moved@student.test']);
  });
});
