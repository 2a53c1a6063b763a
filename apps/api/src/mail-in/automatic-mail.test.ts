// Mail no person wrote never becomes a ticket: each sign on its own, and a person's mail passes.
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { automaticMailReason } from './automatic-mail.js';

async function reasonFor(headers: string[], envelopeFrom?: string) {
  const mail = await simpleParser(Buffer.from([...headers, '', 'Body', ''].join('\r\n')));
  return automaticMailReason({
    headerLines: mail.headerLines,
    contentType: (mail.headers.get('content-type') as { value?: string } | undefined)?.value ?? '',
    fromAddress: mail.from?.value[0]?.address ?? '',
    envelopeFrom,
  });
}

const PERSON = ['From: Ana <ana@student.test>', 'To: it@school.test', 'Subject: Help', 'Message-ID: <a@student.test>'];

describe('automatic mail', () => {
  it('lets a person’s mail through, including Auto-Submitted: no', async () => {
    expect(await reasonFor(PERSON)).toBeNull();
    expect(await reasonFor([...PERSON, 'Auto-Submitted: no'])).toBeNull();
    expect(await reasonFor(PERSON, 'ana@student.test')).toBeNull();
  });

  it.each([
    ['Auto-Submitted: auto-replied', 'Auto-Submitted: auto-replied'],
    ['Auto-Submitted: auto-generated', 'Auto-Submitted: auto-generated'],
    ['Precedence: bulk', 'Precedence: bulk'],
    ['Precedence: list', 'Precedence: list'],
    ['Precedence: junk', 'Precedence: junk'],
    ['X-Auto-Response-Suppress: All', 'X-Auto-Response-Suppress'],
    ['X-Autoreply: yes', 'X-Autoreply'],
    ['List-Id: <students.lists.school.test>', 'List-Id'],
    ['Return-Path: <>', 'Bounce'],
  ])('holds mail with %s', async (header, words) => {
    expect(await reasonFor([...PERSON, header])).toContain(words);
  });

  it('holds bounces: an empty envelope sender, MAILER-DAEMON, and delivery reports', async () => {
    expect(await reasonFor(PERSON, '')).toContain('Bounce');
    expect(await reasonFor(['From: MAILER-DAEMON@mx.school.test', 'To: it@school.test', 'Subject: Undelivered'])).toContain('Bounce');
    expect(
      await reasonFor([
        'From: postmaster@elsewhere.test',
        'To: it@school.test',
        'Subject: Delivery Status Notification',
        'MIME-Version: 1.0',
        'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
      ]),
    ).toBeTruthy();
    expect(
      await reasonFor([
        'From: ana@student.test',
        'To: it@school.test',
        'Subject: Read: Help',
        'MIME-Version: 1.0',
        'Content-Type: multipart/report; report-type=disposition-notification; boundary="b"',
      ]),
    ).toContain('multipart/report');
  });
});
