import { describe, expect, it } from 'vitest';
import { buildServer, ConfigError, loadConfig } from '../../src/index.js';
import { freePort } from '../support/server-process.js';
import { TEST_DATABASE_URL } from '../support/postgres.js';

describe('multi-node configuration', () => {
  it('selects PostgreSQL with DATABASE_URL and names the node', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@db:5432/roomlog', NODE_ID: 'n1' });
    expect(config.store).toEqual({ kind: 'postgres', url: 'postgres://u@db:5432/roomlog' });
    expect(config.nodeId).toBe('n1');
    expect(config.redisUrl).toBeNull();
    // The default node id is hostname-pid.
    expect(loadConfig({}).nodeId).toMatch(new RegExp(`-${process.pid}$`));
  });

  it('refuses REDIS_URL with a node-local store, in one line', () => {
    for (const env of [{}, { ROOMLOG_STORE: 'memory' }]) {
      const attempt = () => loadConfig({ ...env, REDIS_URL: 'redis://127.0.0.1:6379' });
      expect(attempt).toThrow(ConfigError);
      expect(attempt).toThrow(/REDIS_URL needs DATABASE_URL/);
    }
  });

  it('refuses REDIS_URL without a shared session secret, in one line', () => {
    const attempt = () =>
      loadConfig({ DATABASE_URL: TEST_DATABASE_URL, REDIS_URL: 'redis://127.0.0.1:6379' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/REDIS_URL needs ROOMLOG_SESSION_SECRET/);
  });

  it('refuses DATABASE_URL together with ROOMLOG_STORE', () => {
    expect(() => loadConfig({ DATABASE_URL: TEST_DATABASE_URL, ROOMLOG_STORE: 'sqlite' })).toThrow(
      /ROOMLOG_STORE=sqlite conflicts with DATABASE_URL/,
    );
  });

  it('refuses URLs of the wrong kind', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(
      /DATABASE_URL: must be a postgres/,
    );
    expect(() => loadConfig({ DATABASE_URL: TEST_DATABASE_URL, REDIS_URL: 'http://x' })).toThrow(
      /REDIS_URL: must be a redis/,
    );
  });

  it('refuses to start when PostgreSQL or Redis cannot be reached', async () => {
    const closed = await freePort();
    const noDb = loadConfig({ DATABASE_URL: `postgres://postgres@127.0.0.1:${closed}/test` });
    await expect(buildServer({ config: noDb, logger: false })).rejects.toThrow(
      /^cannot use PostgreSQL at postgres:\/\/postgres@127\.0\.0\.1:\d+\/test: .*ECONNREFUSED/,
    );
    const noRedis = loadConfig({
      DATABASE_URL: TEST_DATABASE_URL,
      ROOMLOG_SESSION_SECRET: 'a-test-secret-of-at-least-32-characters',
      REDIS_URL: `redis://127.0.0.1:${closed}`,
    });
    await expect(buildServer({ config: noRedis, logger: false })).rejects.toThrow(
      /^cannot reach Redis at redis:\/\/127\.0\.0\.1:\d+: /,
    );
  });
});
