import { afterEach, describe, expect, it } from 'vitest';
import {
  cachedSearch,
  invalidateSearchCache,
  SEARCH_CACHE_TTL_MS,
  setSearchCacheTtl,
} from './search-cache.ts';

describe('portal search result cache', () => {
  afterEach(() => setSearchCacheTtl(SEARCH_CACHE_TTL_MS));
  const counter = () => {
    let calls = 0;
    return {
      compute: async () => ++calls,
      get calls() {
        return calls;
      },
    };
  };

  it('serves a result again within the TTL, and computes it anew after', async () => {
    const db = {};
    const c = counter();
    expect(await cachedSearch(db, 'q', 0, c.compute)).toBe(1);
    expect(await cachedSearch(db, 'q', SEARCH_CACHE_TTL_MS - 1, c.compute)).toBe(1);
    expect(await cachedSearch(db, 'q', SEARCH_CACHE_TTL_MS, c.compute)).toBe(2);
    expect(c.calls).toBe(2);
  });

  it('drops everything on a write in this process', async () => {
    const db = {};
    const c = counter();
    await cachedSearch(db, 'q', 0, c.compute);
    invalidateSearchCache();
    expect(await cachedSearch(db, 'q', 1, c.compute)).toBe(2);
  });

  it('never shares results between two databases', async () => {
    const c = counter();
    expect(await cachedSearch({}, 'q', 0, c.compute)).toBe(1);
    expect(await cachedSearch({}, 'q', 0, c.compute)).toBe(2);
  });

  it('can be turned off', async () => {
    setSearchCacheTtl(0);
    const db = {};
    const c = counter();
    await cachedSearch(db, 'q', 0, c.compute);
    await cachedSearch(db, 'q', 0, c.compute);
    expect(c.calls).toBe(2);
  });
});
