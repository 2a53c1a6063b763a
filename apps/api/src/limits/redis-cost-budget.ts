// The per-key budgets in Redis, shared by every API process: the bucket arithmetic of `leak`
// (cost-budget.ts) as one Lua script, so a read-and-spend from two processes can never interleave.
// While Redis is down the process counts in its own memory rather than refuse or wave through.
import type { RedisConnections } from '../redis.js';
import { memoryCostBudget, type BudgetSettings, type CostBudget } from './cost-budget.js';

// KEYS[1] the bucket; ARGV capacity, restorePerSecond, cost, now (ms). Returns {allowed, available}.
const SPEND = `
local capacity = tonumber(ARGV[1])
local restore = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local now = tonumber(ARGV[4])
local bucket = redis.call('HMGET', KEYS[1], 'available', 'updatedAt')
local available = capacity
if bucket[1] then
  available = math.min(capacity, tonumber(bucket[1]) + math.max(0, now - tonumber(bucket[2])) / 1000 * restore)
end
local allowed = 0
if cost <= available then
  available = available - cost
  allowed = 1
end
redis.call('HSET', KEYS[1], 'available', tostring(available), 'updatedAt', now)
redis.call('PEXPIRE', KEYS[1], math.ceil(capacity / restore * 1000) + 1000)
return {allowed, tostring(available)}
`;

export function redisCostBudget(redis: RedisConnections, settings: BudgetSettings): CostBudget {
  const fallback = memoryCostBudget(settings);
  const keyPrefix = `${redis.keyPrefix}budget:`;
  return {
    async spend(key, cost, now = Date.now()) {
      if (redis.commands.status !== 'ready') return fallback.spend(key, cost, now);
      let answer: [number, string];
      try {
        answer = (await redis.commands.eval(SPEND, 1, keyPrefix + key, settings.capacity, settings.restorePerSecond, cost, now)) as [
          number,
          string,
        ];
      } catch {
        return fallback.spend(key, cost, now);
      }
      const allowed = answer[0] === 1;
      const available = Number(answer[1]);
      const retryAfterMs = allowed ? 0 : Math.ceil(((cost - available) / settings.restorePerSecond) * 1000);
      return { ...settings, allowed, available, retryAfterMs };
    },
  };
}
