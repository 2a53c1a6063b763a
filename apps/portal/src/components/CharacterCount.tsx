// How much of a text box's limit is used, shown under it before sending: the API refuses more, and a
// student should learn that while typing, not from an error after pressing Send.
import { say, useIntl } from '../i18n/say.js';

export function CharacterCount({ value, max, id }: { value: string; max: number; id?: string }) {
  const intl = useIntl();
  const over = value.length - max;
  return (
    <p id={id} className={over > 0 ? 'character-count over' : 'character-count'}>
      {over > 0 ? say(intl, 'count.over', { over }) : say(intl, 'count.used', { count: value.length, max })}
    </p>
  );
}
