// Attachments in the console, in real Chromium: a student's screenshot (uploaded from the portal's
// page, as its form does) shows as a thumbnail on the report; the staff member opens the original
// and gets it byte for byte, and answers with a file of their own that the student then sees;
// another student is refused the screenshot.
import { Buffer } from 'node:buffer';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from './stack.js';

const CONVERSATION = /* GraphQL */ `
  query Conversation($id: ID!) {
    ticket(id: $id) {
      messages(first: 10) {
        edges {
          node {
            body
            attachments {
              filename
              contentType
            }
          }
        }
      }
    }
  }
`;

/** Uploads bytes from the page (its session cookie), as the web apps do; the answer's status and body. */
const uploadFrom = (page: Page, bytes: Buffer, filename: string) =>
  page.evaluate(
    async ({ data, name }) => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(data)]), name);
      const response = await fetch('/attachments', { method: 'POST', headers: { 'apollo-require-preflight': 'true' }, body: form });
      return { status: response.status, body: (await response.json()) as { id: string } };
    },
    { data: [...bytes], name: filename },
  );

/** GET from the page (its session cookie): the status and the bytes. */
const getFrom = (page: Page, path: string) =>
  page.evaluate(async (url) => {
    const response = await fetch(url);
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      bytes: [...new Uint8Array(await response.arrayBuffer())],
    };
  }, path);

describe('attachments in the console', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack?.stop());

  it('shows a student’s screenshot as a thumbnail, downloads the original, and sends a file back', async () => {
    const amara = await stack.signedInPage('amara', 'portal');
    const screenshot = await amara.screenshot({ type: 'png' });
    const uploaded = await uploadFrom(amara, screenshot, 'wifi-error.png');
    expect(uploaded.status).toBe(201);
    const reported = await stack.gqlAs(
      'amara',
      `mutation($input: ReportProblemInput!) { reportProblem(input: $input) { ticket { id number } } }`,
      {
        input: {
          categoryId: stack.school.categories['Login & accounts'],
          title: 'Wi-Fi login page shows an error',
          description: 'The error is in the screenshot.',
          attachmentIds: [uploaded.body.id],
        },
      },
    );
    const ticketId = reported.reportProblem.ticket.id as string;

    const jonas = await stack.signedInPage('staff');
    await jonas.goto(`${stack.origin}/console/tickets/${ticketId}`);
    const thumbnail = jonas.getByRole('img', { name: 'Thumbnail of wifi-error.png' });
    await thumbnail.waitFor();
    await expect.poll(() => thumbnail.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth)).toBeGreaterThan(0);
    const href = (await jonas.getByRole('link', { name: /wifi-error\.png/ }).getAttribute('href'))!;
    const original = await getFrom(jonas, href);
    expect(original.status).toBe(200);
    expect(original.type).toBe('image/png');
    expect(Buffer.from(original.bytes).equals(screenshot)).toBe(true);
    expect(await stack.accessibilityProblems(jonas)).toEqual([]);

    // The staff member answers with a file.
    await jonas.getByLabel('Reply to Amara Okafor').fill('Here are the Wi-Fi settings to use.');
    await jonas.locator('.composer input[type=file]').setInputFiles({
      name: 'wifi-settings.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('SSID: campus\nEAP: PEAP\n'),
    });
    await jonas.getByRole('listitem').filter({ hasText: 'wifi-settings.txt' }).getByText('Attached').waitFor();
    await jonas.getByRole('button', { name: 'Send reply' }).click();
    await jonas.getByRole('link', { name: /wifi-settings\.txt/ }).waitFor();
    await stack.screenshot(jonas, 'attachments-console');
    const conversation = await stack.gqlAs('amara', CONVERSATION, { id: ticketId });
    expect(conversation.ticket.messages.edges.map((edge: any) => edge.node.attachments)).toEqual([
      [{ filename: 'wifi-settings.txt', contentType: 'text/plain' }],
    ]);

    // Another student: refused the screenshot and its thumbnail.
    const ben = await stack.signedInPage('ben', 'portal');
    expect((await getFrom(ben, href)).status).toBe(403);
    expect((await getFrom(ben, `${href}/thumbnail`)).status).toBe(403);
  });
});
