// One catalog per language. English is in the first bundle (it is the language most visits use, and
// the source of the keys); the others are separate chunks fetched only when someone reads them.
import type { Language } from '@studentdesk/domain';
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
