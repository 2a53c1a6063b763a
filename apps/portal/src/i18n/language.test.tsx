// Which language the page speaks: the browser's list, the switch (remembered), the account's
// choice over both; <html lang dir> follows, Arabic right to left.
import { cleanup, render, screen } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import type { Language } from '@studentdesk/domain';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LanguageProvider, LanguageSwitch } from '@studentdesk/intl';
import { ENGLISH, loadCatalog } from './catalogs.js';
import { useSay } from './say.js';

function Page() {
  const t = useSay();
  return (
    <>
      <LanguageSwitch label={t('layout.language')} />
      <h1>{t('layout.report')}</h1>
    </>
  );
}

function renderPage(accountLanguage: Language | null = null, saveOnAccount?: (language: Language) => void) {
  return render(
    <LanguageProvider english={ENGLISH} loadCatalog={loadCatalog} accountLanguage={accountLanguage} saveOnAccount={saveOnAccount}>
      <Page />
    </LanguageProvider>,
  );
}

const browserPrefers = (...languages: string[]) => vi.spyOn(navigator, 'languages', 'get').mockReturnValue(languages);

describe('the page’s language', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    cleanup();
    vi.restoreAllMocks();
  });

  it('follows the first of the browser’s languages it speaks, Arabic right to left', async () => {
    browserPrefers('de-DE', 'ar-EG', 'en');
    renderPage();
    await screen.findByRole('heading', { name: 'الإبلاغ عن مشكلة' });
    expect(document.documentElement.lang).toBe('ar');
    expect(document.documentElement.dir).toBe('rtl');
  });

  it('speaks English when the browser asks for nothing it has', async () => {
    browserPrefers('de-DE', 'nl');
    renderPage();
    await screen.findByRole('heading', { name: 'Report a problem' });
    expect(document.documentElement.dir).toBe('ltr');
  });

  it('switches from the header and remembers the choice in this browser', async () => {
    browserPrefers('en-GB');
    renderPage();
    await userEvent.selectOptions(await screen.findByLabelText('Language'), 'fr');
    await screen.findByRole('heading', { name: 'Signaler un problème' });
    expect(localStorage.getItem('studentdesk.language')).toBe('fr');
    cleanup();
    renderPage();
    await screen.findByRole('heading', { name: 'Signaler un problème' });
  });

  it('takes the account’s language over the browser’s, and saves a switch on the account', async () => {
    browserPrefers('es');
    const saveOnAccount = vi.fn();
    renderPage('zh-Hans', saveOnAccount);
    await screen.findByRole('heading', { name: '报告问题' });
    await userEvent.selectOptions(screen.getByLabelText('语言'), 'ar');
    expect(saveOnAccount).toHaveBeenCalledWith('ar');
  });
});
