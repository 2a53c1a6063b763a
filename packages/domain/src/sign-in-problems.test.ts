import { describe, expect, it } from 'vitest';
import { SSO_PROBLEM_MESSAGES, ssoProblemMessage } from './sign-in-problems.js';

describe('single sign-on problems', () => {
  it('says each problem in words, and something sensible for a code it does not know', () => {
    expect(ssoProblemMessage(null)).toBeNull();
    expect(ssoProblemMessage('unavailable')).toBe(SSO_PROBLEM_MESSAGES.unavailable);
    expect(ssoProblemMessage('<script>')).toBe(SSO_PROBLEM_MESSAGES.rejected);
  });
});
