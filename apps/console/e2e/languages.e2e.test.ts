// Languages in the console: Priya gives a canned response an Arabic version; Jonas sees that Amara
// reads the desk in Arabic (her account's choice) and the canned response goes in in Arabic; then he
// switches the console's own chrome to Arabic: right to left, saved on his account.
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

    const priya = await stack.signedInPage('manager');
    await priya.goto(`${stack.origin}/console/canned-responses`);
    await priya
      .getByRole('listitem')
      .filter({ has: priya.getByRole('heading', { name: 'Password reset done' }) })
      .getByRole('button', { name: 'Edit' })
      .click();
    const form = priya.getByRole('form', { name: 'Edit Password reset done' });
    await form.getByLabel('العربية').fill('مرحبًا {{student.firstName}}، أعدنا تعيين كلمة المرور.');
    await form.getByRole('button', { name: 'Save' }).click();
    await priya.getByText('Also in: العربية').waitFor();

    const jonas = await stack.signedInPage('staff');
    await jonas.goto(`${stack.origin}/console/tickets/${ticket.id}`);
    const panel = jonas.getByRole('complementary', { name: /Amara/ });
    await panel.getByText('العربية (ar)').waitFor();
    expect(await panel.getByText('العربية (ar)').getAttribute('lang')).toBe('ar');
    await jonas.getByLabel('Canned response').selectOption({ label: 'Password reset done' });
    await expect.poll(() => jonas.getByLabel('Reply to Amara Okafor').inputValue()).toBe('مرحبًا Amara، أعدنا تعيين كلمة المرور.');

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
