// The header's language switch: each language named in itself, so anyone can find their own.
import { isLanguage, LANGUAGE_NAMES, LANGUAGES } from '@studentdesk/domain';
import { useId } from 'react';
import { useLanguage } from './language.js';

/** `label` is "Language" in the page's language. */
export function LanguageSwitch({ label }: { label: string }) {
  const { language, choose } = useLanguage();
  const id = useId();
  return (
    <div className="language-switch">
      <label htmlFor={id}>{label}</label>
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
