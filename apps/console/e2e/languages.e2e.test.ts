// Languages in the console: Jonas sees that Amara reads the desk in Arabic (her account's choice),
// then switches the console's own chrome to Arabic: right to left, saved on his account.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from './stack.js';

describe('languages', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack?.stop());

  it('shows the student’s language on the ticket, and speaks the staff member’s own once chosen', async () => {
    await stack.gqlAs('amara', 'mutation { setMyLanguage(language: "ar") { id } }');
    const ticket = await stack.report('amara', 'Wi-Fi & network', 'لا يعمل الإنترنت في المكتبة', 'منذ الصباح.');

    const jonas = await stack.signedInPage('staff');
    await jonas.goto(`${stack.origin}/console/tickets/${ticket.id}`);
    const panel = jonas.getByRole('complementary', { name: /Amara/ });
    await panel.getByText('العربية (ar)').waitFor();
    expect(await panel.getByText('العربية (ar)').getAttribute('lang')).toBe('ar');

    await jonas.getByLabel('Language').selectOption('ar');
    await jonas.getByRole('navigation', { name: 'الرئيسية' }).getByRole('link', { name: 'قائمة الانتظار' }).waitFor();
    expect(await jonas.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['ar', 'rtl']);
    expect(await stack.accessibilityProblems(jonas), 'axe on the console in Arabic').toEqual([]);
    await stack.screenshot(jonas, 'console-in-arabic');
    await expect.poll(async () => (await stack.gqlAs('staff', '{ me { language } }')).me.language).toBe('ar');

    // Saved on the account: a fresh load speaks Arabic at once the account is known.
    await jonas.reload();
    await jonas.getByRole('link', { name: 'قائمة الانتظار' }).waitFor();
    await jonas.getByLabel('اللغة').selectOption('en');
    await jonas.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Queue' }).waitFor();
  });
});
