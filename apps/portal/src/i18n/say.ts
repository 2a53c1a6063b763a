// The portal's messages in the page's language, by key of the English catalog: say(intl, 'report.send').
import type { ReactNode } from 'react';
import { useCallback } from 'react';
import { useIntl, type IntlShape } from 'react-intl';
import type { MessageKey } from './catalogs.js';

type Values = Parameters<IntlShape['formatMessage']>[1];

export function say(intl: IntlShape, key: MessageKey, values?: Record<string, string | number | Date>): string {
  return intl.formatMessage({ id: key }, values);
}

/** A message with markup (<strong>, <link>) filled in by React elements. */
export function sayRich(intl: IntlShape, key: MessageKey, values: NonNullable<Values>): ReactNode {
  return intl.formatMessage({ id: key }, values);
}

/** `t('report.send')` for components. */
export function useSay() {
  const intl = useIntl();
  return useCallback((key: MessageKey, values?: Record<string, string | number | Date>) => say(intl, key, values), [intl]);
}

export { useIntl, type IntlShape };
