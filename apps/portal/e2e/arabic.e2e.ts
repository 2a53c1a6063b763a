// A student whose browser speaks Arabic: the portal answers in Arabic, right to left, from the
// sign-in page through a report without an account to its tracking page, and passes axe-core on
// each; the header's switch turns it into English and the browser remembers that. On a phone.
import { expect, it } from 'vitest';
import { expectAccessible, expectNoSidewaysScroll, openPage, PHONE, screenshot, useStackAndBrowser } from './browser.js';
import { findTickets } from './desk.js';

const started = useStackAndBrowser();

it('shows the portal in Arabic, right to left, to a browser that asks for Arabic', async () => {
  const { stack, browser } = started;
  const { page, close } = await openPage(browser, PHONE, { locale: 'ar' });
  const apiRequest = page.waitForRequest((request) => request.url().endsWith('/graphql'));
  await page.goto(`${stack.origin}/sign-in`);
  expect((await apiRequest).headers()['accept-language']).toMatch(/^ar\b/);

  await page.getByRole('heading', { name: 'تسجيل الدخول', level: 1 }).waitFor();
  expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['ar', 'rtl']);
  // The layout mirrors: the header's first item (the school) sits on the right.
  const brand = (await page.locator('.brand').boundingBox())!;
  expect(brand.x + brand.width).toBeGreaterThan(PHONE.width / 2);
  await expectAccessible(page, 'the sign-in page in Arabic');
  await expectNoSidewaysScroll(page);
  await screenshot(page, 'arabic-sign-in');

  await page.getByRole('link', { name: 'الإبلاغ عن مشكلة دون تسجيل الدخول' }).click();
  await page.getByRole('heading', { name: 'الإبلاغ عن مشكلة دون تسجيل الدخول', level: 1 }).waitFor();
  await page.getByLabel('بماذا يتعلق الأمر؟').selectOption({ label: 'Login & accounts' });
  await page.getByLabel('العنوان').fill('لا أستطيع الدخول إلى نظام التعلم');
  await page.getByLabel('ماذا حدث؟').fill('تقول الصفحة إن كلمة المرور انتهت صلاحيتها.');
  await page.getByRole('button', { name: 'أرسل البلاغ' }).click();
  // The missing name, in the catalog's words, next to the field.
  const name = page.getByLabel('اسمك');
  await expect.poll(() => name.getAttribute('aria-invalid')).toBe('true');
  await expect.poll(() => page.locator('.field-invalid .field-error').first().textContent()).toBe('أخبرنا باسمك.');
  await expectAccessible(page, 'the guest report form in Arabic, with an error');

  await name.fill('ليلى');
  await page.getByLabel('البريد الإلكتروني').fill('layla@student.test');
  await page.getByRole('button', { name: 'أرسل البلاغ' }).click();
  await page.getByRole('heading', { name: 'شكرًا لك: استلمنا بلاغك', level: 1 }).waitFor();
  const trackingUrl = (await page.locator('.tracking-link a').textContent())!;
  await expectAccessible(page, 'the confirmation page in Arabic');
  // Staff see the language Layla reported in, to answer in it.
  expect((await findTickets(stack, 'layla@student.test'))[0]).toMatchObject({ language: 'ar' });

  await page.goto(trackingUrl);
  await page.getByText('مستلَم', { exact: true }).waitFor();
  await page.getByText(/^ردّنا مستحق (اليوم|غدًا) قبل \d\d:\d\d\.$/).waitFor();
  // What the student wrote keeps its own direction.
  expect(await page.locator('.message-body').first().getAttribute('dir')).toBe('auto');
  expect(await page.locator('h1').getAttribute('dir')).toBe('auto');
  await expectAccessible(page, 'the tracking page in Arabic');
  await expectNoSidewaysScroll(page);
  await screenshot(page, 'arabic-tracking-page');

  // The header's switch: English now, and on the next visit from this browser.
  await page.getByLabel('اللغة').selectOption('en');
  await page.getByText('Received', { exact: true }).waitFor();
  expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['en', 'ltr']);
  await page.reload();
  await page.getByText('Received', { exact: true }).waitFor();
  await close();
});
