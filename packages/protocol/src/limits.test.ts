import { describe, expect, it } from 'vitest';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, ROOM_NAME_PATTERN } from './limits.js';
import { HistoryPayload, PageLimit } from './schemas.js';

describe('limits', () => {
  it('the default page size is itself a valid page limit', () => {
    expect(PageLimit.safeParse(DEFAULT_PAGE_SIZE).success).toBe(true);
    expect(DEFAULT_PAGE_SIZE).toBeLessThanOrEqual(MAX_PAGE_SIZE);
    expect(HistoryPayload.parse({ room: 'a', limit: DEFAULT_PAGE_SIZE }).limit).toBe(
      DEFAULT_PAGE_SIZE,
    );
  });

  it('ROOM_NAME_PATTERN matches only normalised names', () => {
    expect(ROOM_NAME_PATTERN.test('dev-ops_2')).toBe(true);
    for (const name of ['', 'Dev', ' dev', 'dev ', 'dé', 'a.b', 'a\nb']) {
      expect(ROOM_NAME_PATTERN.test(name)).toBe(false);
    }
  });
});
