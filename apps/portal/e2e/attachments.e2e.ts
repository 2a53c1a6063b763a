// A student attaches a screenshot to a report from the portal (the file picker, and a second one
// pasted from the clipboard), sees the thumbnails on the ticket; IT staff see the thumbnail and
// download the original byte for byte; another student is refused both.
import { JOURNEY_PEOPLE, PASSWORD, signIn } from '@studentdesk/testing';
import { expect, it } from 'vitest';
import { DESKTOP, expectAccessible, expectNothingLeftTheMachine, openPage, screenshot, useStackAndBrowser } from './browser.js';

const started = useStackAndBrowser();

const ATTACHMENTS = /* GraphQL */ `
  query Attachments($id: ID!) {
    ticket(id: $id) {
      attachments {
        id
        filename
        contentType
        size
      }
    }
  }
`;

it('a student attaches a screenshot; IT sees its thumbnail and downloads the original; another student cannot', async () => {
  const { stack, browser } = started;
  const { page, requested, close } = await openPage(browser, DESKTOP);
  await page.goto(`${stack.origin}/`);
  await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
  await page.getByLabel('Email').fill(JOURNEY_PEOPLE.amara.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'My tickets' }).waitFor();
  await page.goto(`${stack.origin}/report`);
  await page.getByRole('heading', { name: 'Report a problem' }).waitFor();

  // The screenshot of the error the student saw: here, of the page itself.
  const errorScreenshot = await page.screenshot({ type: 'png' });
  await page.getByLabel('What is it about?').selectOption({ label: 'Login & accounts' });
  await page.getByLabel('Title').fill('The LMS shows an error after sign-in');
  await page.getByLabel('What happened?').fill('After signing in I get the error in the screenshot.');

  const picker = page.locator('input[type=file][multiple]');
  expect(await picker.getAttribute('accept')).toContain('image/png');
  expect(await page.locator('input[type=file][capture=environment]').getAttribute('accept')).toBe('image/*');
  await picker.setInputFiles({ name: 'lms-error.png', mimeType: 'image/png', buffer: errorScreenshot });
  await page.getByRole('listitem').filter({ hasText: 'lms-error.png' }).getByText('Attached').waitFor();

  // A second screenshot, pasted into the description as from the clipboard.
  await page.getByLabel('What happened?').evaluate(
    (textarea, bytes) => {
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array(bytes)], 'image.png', { type: 'image/png' }));
      textarea.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    },
    [...errorScreenshot],
  );
  await page.getByRole('listitem').filter({ hasText: 'image.png' }).getByText('Attached').waitFor();
  await expectAccessible(page, 'the report form with attachments');
  await page.getByRole('button', { name: 'Send report' }).click();

  await page.getByText(/Thank you: we have your report, SD-\d+\./).waitFor();
  const ticketId = decodeURIComponent(page.url().split('/tickets/')[1]!);
  const thumbnail = page.getByRole('img', { name: 'Thumbnail of lms-error.png' });
  await thumbnail.waitFor();
  await expect.poll(() => thumbnail.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth)).toBeGreaterThan(0);
  await expectAccessible(page, 'the ticket with attachments');
  await screenshot(page, 'attachments-ticket');

  // IT staff: the thumbnail and the original, byte for byte.
  const staff = await stack.as('staff');
  const { ticket } = await staff<{ ticket: { attachments: Array<{ id: string; filename: string; contentType: string; size: number }> } }>(
    ATTACHMENTS,
    { id: ticketId },
  );
  expect(ticket.attachments.map((file) => [file.filename, file.contentType])).toEqual([
    ['lms-error.png', 'image/png'],
    ['image.png', 'image/png'],
  ]);
  const [original] = ticket.attachments;
  const staffToken = await signIn(stack.api, JOURNEY_PEOPLE.staff.email);
  const get = (path: string, token: string) => fetch(`${stack.origin}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const staffThumbnail = await get(`/attachments/${original!.id}/thumbnail`, staffToken);
  expect(staffThumbnail.status).toBe(200);
  expect(staffThumbnail.headers.get('content-type')).toBe('image/png');
  expect((await staffThumbnail.arrayBuffer()).byteLength).toBeLessThan(errorScreenshot.length);
  const staffOriginal = await get(`/attachments/${original!.id}`, staffToken);
  expect(staffOriginal.status).toBe(200);
  expect(Buffer.from(await staffOriginal.arrayBuffer()).equals(errorScreenshot)).toBe(true);

  // Another student: refused, the thumbnail and the original.
  const benToken = await signIn(stack.api, JOURNEY_PEOPLE.ben.email);
  for (const path of [`/attachments/${original!.id}`, `/attachments/${original!.id}/thumbnail`]) {
    const refused = await get(path, benToken);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe('FORBIDDEN');
  }

  expectNothingLeftTheMachine(requested, stack.origin);
  await close();
});
