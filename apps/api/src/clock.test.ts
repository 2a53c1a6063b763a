// The journeys' clock file: the time written in it, the system's time without it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileClock } from './clock.js';

describe('fileClock', () => {
  const dir = mkdtempSync(join(tmpdir(), 'studentdesk-clock-'));
  const file = join(dir, 'now');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('shows the time written in the file, read at every call, and the system time while there is none', () => {
    const clock = fileClock(file);
    const before = Date.now();
    expect(clock.now().getTime()).toBeGreaterThanOrEqual(before);
    writeFileSync(file, '2027-03-10T11:00:00Z');
    expect(clock.now().toISOString()).toBe('2027-03-10T11:00:00.000Z');
    writeFileSync(file, '2027-03-11T09:00:00Z\n');
    expect(clock.now().toISOString()).toBe('2027-03-11T09:00:00.000Z');
    writeFileSync(file, 'not a time');
    expect(clock.now().getTime()).toBeGreaterThanOrEqual(before);
  });
});
