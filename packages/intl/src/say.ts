// An app's messages by key of its English catalog, so a misspelt key fails to compile:
// `export const { say, sayRich, useSay } = messagesFor<MessageKey>()`.
import { useCallback, type ReactNode } from 'react';
import { useIntl, type IntlShape } from 'react-intl';

type Values = Record<string, string | number | Date>;
/** Values for a message with markup: text, elements, and a function per tag (`<strong>…</strong>`). */
type RichValues = Record<string, string | number | Date | ReactNode | ((chunks: ReactNode[]) => ReactNode)>;

export interface Messages<Key extends string> {
  say: (intl: IntlShape, key: Key, values?: Values) => string;
  sayRich: (intl: IntlShape, key: Key, values: RichValues) => ReactNode;
  /** `t('report.send')` for components. */
  useSay: () => (key: Key, values?: Values) => string;
}

export function messagesFor<Key extends string>(): Messages<Key> {
  const say = (intl: IntlShape, key: Key, values?: Values): string => intl.formatMessage({ id: key }, values);
  const sayRich = (intl: IntlShape, key: Key, values: RichValues): ReactNode =>
    intl.formatMessage({ id: key }, values as Parameters<IntlShape['formatMessage']>[1]);
  function useSay() {
    const intl = useIntl();
    return useCallback((key: Key, values?: Values) => say(intl, key, values), [intl]);
  }
  return { say, sayRich, useSay };
}

export { useIntl, type IntlShape };
