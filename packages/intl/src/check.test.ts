import { describe, expect, it } from 'vitest';
import { catalogProblems } from './check.js';

const english = { hello: 'Hello {name}', minutes: '{count, plural, one {# minute} other {# minutes}}', bold: 'Your <b>{number}</b>' };

describe('checking a catalog against English', () => {
  it('finds nothing wrong with a complete, sound translation', () => {
    expect(
      catalogProblems(english, {
        hello: 'Hola {name}',
        minutes: '{count, plural, one {# minuto} other {# minutos}}',
        bold: 'Tu <b>{number}</b>',
      }),
    ).toEqual([]);
  });

  it('names a missing key, an extra one, a message that does not compile and a renamed argument or tag', () => {
    expect(catalogProblems(english, { hello: 'Hola {nombre}', minutes: '{count, plural, one {# minuto}', extra: 'x' })).toEqual([
      'bold: missing',
      'hello: uses {nombre} where English uses {name}',
      expect.stringMatching(/^minutes: does not compile/),
      'extra: not in English',
    ]);
    expect(catalogProblems(english, { ...english, bold: 'Tu <strong>{number}</strong>' })).toEqual([
      'bold: uses {<strong>, number} where English uses {<b>, number}',
    ]);
  });
});
