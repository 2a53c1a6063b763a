// A seeded random source for generated tests: the demo seed's mulberry32 PRNG with what a fuzz
// needs on top. The same seed gives the same requests, so a failure found once reproduces with
// FUZZ_SEED=<seed>.
import { Random } from '@studentdesk/db/seed';

export class FuzzRandom extends Random {
  /** Some of the items, in their order. */
  subset<T>(items: readonly T[], probability = 0.5): T[] {
    return items.filter(() => this.chance(probability));
  }

  string(length: number, alphabet: string): string {
    const characters = [...alphabet];
    return Array.from({ length }, () => this.pick(characters)).join('');
  }

  uuid(): string {
    const hex = (length: number) => this.string(length, '0123456789abcdef');
    return `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
  }

  bytes(length: number): Buffer {
    return Buffer.from(Array.from({ length }, () => this.int(0, 255)));
  }
}

/** FUZZ_SEED from the environment, or a new one; the caller prints it so any run can be repeated. */
export function fuzzSeed(): number {
  const given = process.env.FUZZ_SEED;
  if (given !== undefined && given !== '') {
    const seed = Number(given);
    if (!Number.isInteger(seed)) throw new Error(`FUZZ_SEED must be an integer, got "${given}"`);
    return seed >>> 0;
  }
  return (Date.now() ^ (process.pid << 16)) >>> 0;
}
