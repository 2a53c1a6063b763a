// The header's language switch: each language named in itself, so anyone can find their own.
import { LANGUAGE_NAMES, LANGUAGES, isLanguage } from '@studentdesk/domain';
import { useId } from 'react';
import { useLanguage, useSay } from '../i18n/language.js';

export function LanguageSwitch() {
  const t = useSay();
  const { language, choose } = useLanguage();
  const id = useId();
  return (
    <div className="language-switch">
      <label htmlFor={id}>{t('layout.language')}</label>
      <select
        id={id}
        value={language}
        onChange={(event) => {
          if (isLanguage(event.target.value)) choose(event.target.value);
        }}
      >
        {LANGUAGES.map((tag) => (
          <option key={tag} value={tag} lang={tag}>
            {LANGUAGE_NAMES[tag]}
          </option>
        ))}
      </select>
    </div>
  );
}
