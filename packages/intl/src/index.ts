export { browserLanguage, LanguageProvider, useLanguage, type Catalog, type LanguageProviderProps } from './language.js';
export { LanguageSwitch } from './LanguageSwitch.js';
export { messagesFor, useIntl, type IntlShape, type Messages } from './say.js';
