// The console's chrome (header, navigation, the student's language) in each language: English in the
// first bundle, the others fetched when someone reads them. The pages themselves are English for now.
import type { Language } from '@studentdesk/domain';
import { messagesFor } from '@studentdesk/intl';
import english from './messages/en.json';

export type MessageKey = keyof typeof english;
export type Catalog = Record<MessageKey, string>;

export const ENGLISH: Catalog = english;

const LOADERS: Record<Exclude<Language, 'en'>, () => Promise<{ default: Catalog }>> = {
  es: () => import('./messages/es.json'),
  fr: () => import('./messages/fr.json'),
  ar: () => import('./messages/ar.json'),
  'zh-Hans': () => import('./messages/zh-Hans.json'),
};

export async function loadCatalog(language: Language): Promise<Catalog> {
  return language === 'en' ? ENGLISH : (await LOADERS[language]()).default;
}

export const { say, useSay } = messagesFor<MessageKey>();
