// Writing a knowledge-base article in real Chromium against the built console, portal and API:
// the Markdown preview beside the editor (sanitised by the API), publishing, what students read on
// the portal, and restoring an old version from the history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from './stack.js';

describe('the knowledge base', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack?.stop());

  it('staff write an article with a live preview, publish it, and restore an old version', async () => {
    const page = await stack.signedInPage('staff');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Knowledge base' }).click();
    await page.getByRole('heading', { level: 1, name: 'Knowledge base' }).waitFor();

    const create = page.getByRole('form', { name: 'New article' });
    await create.getByLabel('Title').fill('Print from your laptop');
    await create.getByLabel('Summary').fill('Send a document to the campus printers from your own laptop.');
    await create.getByLabel('Body (Markdown)').fill('Install the print app.');
    await create.getByRole('button', { name: 'Create draft' }).click();
    await page.getByRole('heading', { level: 1, name: 'Print from your laptop' }).waitFor();
    await page.getByText('Draft', { exact: true }).waitFor();

    // Write: the preview beside the editor shows what students will see, without the author's script.
    const editor = page.getByRole('form', { name: 'Edit the article' });
    const preview = page.getByRole('region', { name: 'Preview' });
    await editor
      .getByLabel('Body (Markdown)')
      .fill(
        '## Steps\n\n1. Install the **print app**.\n2. Choose *Campus printers*.\n\n<script>window.hacked = true</script><img src="x" onerror="window.hacked = true">',
      );
    await preview.getByRole('heading', { level: 2, name: 'Steps' }).waitFor();
    await preview.locator('strong', { hasText: 'print app' }).waitFor();
    expect(await preview.innerHTML()).not.toMatch(/script|onerror/);
    expect(await page.evaluate(() => (window as unknown as { hacked?: boolean }).hacked)).toBeUndefined();
    await editor.getByLabel('What changed').fill('Steps added');
    expect(await stack.accessibilityProblems(page), 'axe on the article editor').toEqual([]);
    await stack.screenshot(page, 'knowledge-base-editor');

    // Publish: saved as version 2 and made live.
    await editor.getByRole('button', { name: 'Publish' }).click();
    await page.getByRole('status').filter({ hasText: 'Published version 2.' }).waitFor();
    await page.getByText('Published', { exact: true }).waitFor();
    const link = await page.getByRole('link', { name: /\/help\// }).getAttribute('href');
    const articlePath = new URL(link!).pathname;
    expect(articlePath).toMatch(/^\/help\/[a-z0-9-]+\/print-from-your-laptop$/);

    // Students read the published version on the portal, without signing in.
    const student = await (await stack.browser.newContext()).newPage();
    await student.goto(`${stack.origin}${articlePath}`);
    await student.getByRole('heading', { level: 1, name: 'Print from your laptop' }).waitFor();
    await student.getByRole('heading', { level: 2, name: 'Steps' }).waitFor();

    // A later edit is a draft: the portal keeps showing version 2.
    await editor.getByLabel('Body (Markdown)').fill('## Steps\n\n1. Open the print portal in your browser.');
    await editor.getByRole('button', { name: 'Save draft' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved version 3 as a draft.' }).waitFor();
    await student.reload();
    await student.getByText('Install the print app.').waitFor();
    expect(await student.getByText('Open the print portal').count()).toBe(0);

    // History: what version 3 changed, then version 1 back as a new draft.
    const history = page.getByRole('region', { name: 'History' });
    await history.getByRole('listitem').filter({ hasText: 'Version 2 (live)' }).waitFor();
    await history.getByRole('button', { name: 'Changes in version 3' }).click();
    const diff = history.getByRole('figure', { name: 'Version 3 against version 2' });
    await diff.locator('del', { hasText: 'Install the **print app**.' }).waitFor();
    await diff.locator('ins', { hasText: 'Open the print portal in your browser.' }).waitFor();
    await history.getByRole('button', { name: 'Restore version 1' }).click();
    await page.getByRole('status').filter({ hasText: 'Restored version 1 as version 4, a draft.' }).waitFor();
    expect(await editor.getByLabel('Body (Markdown)').inputValue()).toBe('Install the print app.');
    await history.getByRole('listitem').filter({ hasText: 'Version 4' }).filter({ hasText: 'Restored version 1.' }).waitFor();
    expect(await stack.accessibilityProblems(page), 'axe on the history').toEqual([]);
    await stack.screenshot(page, 'knowledge-base-history');

    // The list shows it with its live version.
    await page.getByRole('link', { name: 'Knowledge base', exact: true }).first().click();
    await page.getByRole('row', { name: /Print from your laptop.*Published.*4 \(version 2 is live\)/ }).waitFor();
    // A long journey: on a busy machine it can pass the default minute.
  }, 180_000);

  it('a manager links the published article from a canned response', async () => {
    const manager = await stack.signedInPage('manager');
    await manager.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Canned responses' }).click();
    const canned = manager.getByRole('form', { name: 'New canned response' });
    await canned.getByLabel('Title').fill('Printing from a laptop');
    await canned.getByLabel('Text').fill('Hi {{student.firstName}}, this shows how:');
    await canned.getByRole('checkbox', { name: 'Print from your laptop' }).check();
    await canned.getByRole('button', { name: 'Add canned response' }).click();
    await manager.getByRole('listitem').filter({ hasText: 'Printing from a laptop' }).getByText('Links: Print from your laptop').waitFor();
    expect(await stack.accessibilityProblems(manager), 'axe on canned responses with links').toEqual([]);
  });
});
