// The portal's messages in the page's language, by key of the English catalog: say(intl, 'report.send').
import { messagesFor } from '@studentdesk/intl';
import type { MessageKey } from './catalogs.js';

export const { say, sayRich, useSay } = messagesFor<MessageKey>();
export { useIntl, type IntlShape } from '@studentdesk/intl';
