// Query budgets as a leaky bucket, one per caller (an API key, a signed-in user, or an anonymous
// caller's address; admission.ts picks the key): a key holds up to `capacity` points, each request
// spends its cost, and points come back at `restorePerSecond`. rate-limiter-flexible (used for
// sign-in limits) only counts fixed windows, so the bucket's arithmetic is here, behind
// CostBudget; redis-cost-budget.ts runs the same arithmetic in Redis for several processes.

export interface BudgetSettings {
  capacity: number;
  restorePerSecond: number;
}

export interface BudgetState extends BudgetSettings {
  allowed: boolean;
  /** Points left after this request (or, when refused, before it). */
  available: number;
  /** When refused: how long until the cost is available again. */
  retryAfterMs: number;
}

export interface CostBudget {
  spend: (key: string, cost: number, now?: number) => Promise<BudgetState>;
}

interface Bucket {
  available: number;
  updatedAt: number;
}

/** The bucket after `cost` is taken at `now`, or the refusal: pure, so every store shares it. */
export function leak(
  bucket: Bucket | undefined,
  cost: number,
  now: number,
  settings: BudgetSettings,
): { bucket: Bucket; state: BudgetState } {
  const elapsedSeconds = bucket ? Math.max(0, now - bucket.updatedAt) / 1000 : 0;
  const available = Math.min(settings.capacity, bucket ? bucket.available + elapsedSeconds * settings.restorePerSecond : settings.capacity);
  if (cost > available) {
    const retryAfterMs = Math.ceil(((cost - available) / settings.restorePerSecond) * 1000);
    return { bucket: { available, updatedAt: now }, state: { ...settings, allowed: false, available, retryAfterMs } };
  }
  return {
    bucket: { available: available - cost, updatedAt: now },
    state: { ...settings, allowed: true, available: available - cost, retryAfterMs: 0 },
  };
}

/** Above this many buckets, full ones (which a new bucket equals) are forgotten: addresses are many. */
const FORGET_FULL_ABOVE = 10_000;

/** One process's buckets, in memory. */
export function memoryCostBudget(settings: BudgetSettings): CostBudget {
  const buckets = new Map<string, Bucket>();
  const forgetFull = (now: number) => {
    for (const [key, bucket] of buckets) {
      if (bucket.available + ((now - bucket.updatedAt) / 1000) * settings.restorePerSecond >= settings.capacity) buckets.delete(key);
    }
  };
  let forgotAt = 0;
  return {
    async spend(key, cost, now = Date.now()) {
      if (buckets.size > FORGET_FULL_ABOVE && now - forgotAt > 1000) {
        forgotAt = now;
        forgetFull(now);
      }
      const { bucket, state } = leak(buckets.get(key), cost, now, settings);
      buckets.set(key, bucket);
      return state;
    },
  };
}
