import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import type { Limits } from '../config.js';
import type { RedisClient } from '../domain/redis-presence.js';

/** What a limiter says: go, or wait `retryAfter` milliseconds. */
export type Verdict = { ok: true } | { ok: false; retryAfter: number };

/** The commands that spend a budget. */
export type BudgetedCommand = 'send' | 'join' | 'history' | 'typing';

/** `typing:start` per person per minute (clients send at most one every ~2 s while typing). */
export const TYPING_PER_MINUTE = 60;

/** How many points a key may spend per window. */
export interface LimiterSpec {
  keyPrefix: string;
  points: number;
  durationSeconds: number;
}

/**
 * Makes one limiter. In memory on one node; a Redis-backed one (rate-limiter-flexible's
 * `RateLimiterRedis` takes the same options plus `storeClient`) can be injected through
 * `buildServer({ limiterFactory })` so that every node shares the budgets.
 */
export type LimiterFactory = (spec: LimiterSpec) => RateLimiterAbstract;

export const memoryLimiterFactory: LimiterFactory = (spec) =>
  new RateLimiterMemory({
    keyPrefix: spec.keyPrefix,
    points: spec.points,
    duration: spec.durationSeconds,
  });

/**
 * Budgets shared by every node through Redis (with `REDIS_URL`): a person cannot multiply theirs
 * by spreading tabs over nodes. While Redis is unreachable each node falls back to its own
 * in-memory budget (rate-limiter-flexible's insurance limiter) rather than refusing everyone.
 */
export function redisLimiterFactory(redis: RedisClient, prefix: string): LimiterFactory {
  return (spec) =>
    new RateLimiterRedis({
      storeClient: redis,
      useRedisPackage: true,
      keyPrefix: `${prefix}:limit:${spec.keyPrefix}`,
      points: spec.points,
      duration: spec.durationSeconds,
      insuranceLimiter: memoryLimiterFactory(spec),
    });
}

// An address may hold several people (an office behind one NAT): it gets this many times a
// person's budget, so one person cannot multiply theirs by opening sessions.
export const ADDRESS_FACTOR = 5;

/** Per-person and per-address budgets of every costly command. */
export interface Budgets {
  spend(command: BudgetedCommand, person: string, address: string): Promise<Verdict>;
}

export function createBudgets(limits: Limits, factory: LimiterFactory): Budgets {
  const specs: Record<BudgetedCommand, { points: number; durationSeconds: number }> = {
    send: { points: limits.send.burst, durationSeconds: limits.send.burst / limits.send.perSecond },
    join: { points: limits.joinsPerMinute, durationSeconds: 60 },
    history: { points: limits.historyPerMinute, durationSeconds: 60 },
    typing: { points: TYPING_PER_MINUTE, durationSeconds: 60 },
  };
  const limiters = Object.fromEntries(
    Object.entries(specs).map(([command, spec]) => [
      command,
      {
        person: factory({ keyPrefix: `person:${command}`, ...spec }),
        address: factory({
          keyPrefix: `address:${command}`,
          points: spec.points * ADDRESS_FACTOR,
          durationSeconds: spec.durationSeconds,
        }),
      },
    ]),
  ) as Record<BudgetedCommand, { person: RateLimiterAbstract; address: RateLimiterAbstract }>;

  return {
    async spend(command, person, address) {
      const { person: byPerson, address: byAddress } = limiters[command];
      const first = await consume(byPerson, person);
      return first.ok ? consume(byAddress, address) : first;
    },
  };
}

async function consume(limiter: RateLimiterAbstract, key: string): Promise<Verdict> {
  try {
    await limiter.consume(key);
    return { ok: true };
  } catch (res) {
    if (res instanceof RateLimiterRes) {
      return { ok: false, retryAfter: Math.max(1, Math.ceil(res.msBeforeNext)) };
    }
    throw res;
  }
}
