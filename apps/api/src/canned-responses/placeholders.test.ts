import { describe, expect, it } from 'vitest';
import { firstName, renderPlaceholders, unknownPlaceholders, type PlaceholderValues } from './placeholders.js';

const values: PlaceholderValues = {
  'student.firstName': 'Amara',
  'student.name': 'Amara Okafor',
  'ticket.number': 'SD-1042',
  'ticket.title': 'Cannot sign in to the LMS',
  'agent.firstName': 'Jonas',
  'agent.name': 'Jonas Weber',
  'department.name': 'IT',
};

describe('canned response placeholders', () => {
  it('greets the student by first name and signs with the agent’s', () => {
    expect(
      renderPlaceholders(
        'Hi {{student.firstName}},\n\nAbout {{ticket.number}}: fixed.\n\n{{agent.firstName}}, {{department.name}}',
        values,
      ),
    ).toBe('Hi Amara,\n\nAbout SD-1042: fixed.\n\nJonas, IT');
  });

  it('accepts spaces inside the braces and repeats', () => {
    expect(renderPlaceholders('{{ student.name }} / {{student.name}}', values)).toBe('Amara Okafor / Amara Okafor');
  });

  it('leaves an unknown placeholder as written instead of dropping it', () => {
    expect(renderPlaceholders('Dear {{student.nickname}}', values)).toBe('Dear {{student.nickname}}');
  });

  it('does not treat a placeholder-looking value as a placeholder again', () => {
    expect(renderPlaceholders('{{ticket.title}}', { ...values, 'ticket.title': '{{agent.name}}' })).toBe('{{agent.name}}');
  });

  it('lists unknown placeholders once each', () => {
    expect(unknownPlaceholders('{{student.firstName}} {{student.nickname}} {{ x.y }} {{student.nickname}}')).toEqual([
      'student.nickname',
      'x.y',
    ]);
    expect(unknownPlaceholders('Hi {{student.firstName}}, plain {braces} stay')).toEqual([]);
  });

  it('takes the first word of a name', () => {
    expect(firstName('  Amara   Okafor ')).toBe('Amara');
    expect(firstName('Prince')).toBe('Prince');
  });
});
