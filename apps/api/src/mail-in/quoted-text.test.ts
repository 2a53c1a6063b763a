// The stored message is what the sender wrote this time: no quote of our email, no signature.
import { describe, expect, it } from 'vitest';
import { stripQuotedText } from './quoted-text.js';

describe('quoted text', () => {
  it.each([
    ['Gmail', 'Thanks, fixed!\n\nOn Mon, 7 Dec 2026 at 10:00, Help Desk <it@school.test> wrote:\n> Try again?\n>'],
    ['Gmail, "wrote:" wrapped', 'Thanks, fixed!\n\nOn Mon, 7 Dec 2026 at 10:00, Help Desk <it+abc@school.test>\nwrote:\n\n> Try again?'],
    [
      'Outlook',
      'Thanks, fixed!\n\n________________________________\nFrom: Help Desk <it@school.test>\nSent: Monday, 7 December 2026 10:00\nTo: Ana\nSubject: Try again?',
    ],
    ['Outlook without a rule', 'Thanks, fixed!\n\nFrom: Help Desk <it@school.test>\nSent: Monday, 7 December 2026 10:00\nTo: Ana'],
    ['Original Message', 'Thanks, fixed!\n-----Original Message-----\nFrom: it@school.test\nTry again?'],
    ['a signature', 'Thanks, fixed!\n\n-- \nAna Alvarez\nBSc Biology, 2nd year'],
    ['a phone', 'Thanks, fixed!\n\nSent from my iPhone'],
    ['French', 'Thanks, fixed!\n\nLe lun. 7 déc. 2026 à 10:00, Help Desk <it@school.test> a écrit :\n> Try again?'],
    ['Spanish', 'Thanks, fixed!\n\nEl lun, 7 dic 2026 a las 10:00, Help Desk (<it@school.test>) escribió:\n> Try again?'],
    ['Windows line ends', 'Thanks, fixed!\r\n\r\nOn Mon, 7 Dec 2026, Help Desk wrote:\r\n> Try again?\r\n'],
  ])('leaves out a quote in the style of %s', (_style, text) => {
    expect(stripQuotedText(text)).toBe('Thanks, fixed!');
  });

  it('keeps what was written between quoted lines (an inline answer), without the quoted lines', () => {
    expect(stripQuotedText('> Which room?\nRoom 2.14\n> Since when?\nThis morning')).toBe('Room 2.14\nThis morning');
  });

  it('keeps the whole text when nothing is left without the quote', () => {
    expect(stripQuotedText('> only a quote')).toBe('> only a quote');
    expect(stripQuotedText('Plain words, nothing quoted.\nSecond line.')).toBe('Plain words, nothing quoted.\nSecond line.');
  });
});
