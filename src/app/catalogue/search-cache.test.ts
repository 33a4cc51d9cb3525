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
      compute: async () => `第${++calls}次`,
      get calls() {
        return calls;
      },
    };
  };

  it('serves a result again within the TTL, and computes it anew after', async () => {
    const db = {};
    const c = counter();
    expect(await cachedSearch(db, 'q', 0, c.compute)).toEqual(Buffer.from('第1次'));
    expect(await cachedSearch(db, 'q', SEARCH_CACHE_TTL_MS - 1, c.compute)).toEqual(Buffer.from('第1次'));
    expect(await cachedSearch(db, 'q', SEARCH_CACHE_TTL_MS, c.compute)).toEqual(Buffer.from('第2次'));
    expect(c.calls).toBe(2);
  });

  it('drops everything on a write in this process', async () => {
    const db = {};
    const c = counter();
    await cachedSearch(db, 'q', 0, c.compute);
    invalidateSearchCache();
    expect(await cachedSearch(db, 'q', 1, c.compute)).toEqual(Buffer.from('第2次'));
  });

  it('never shares results between two databases', async () => {
    const c = counter();
    expect(await cachedSearch({}, 'q', 0, c.compute)).toEqual(Buffer.from('第1次'));
    expect(await cachedSearch({}, 'q', 0, c.compute)).toEqual(Buffer.from('第2次'));
  });

  it('keeps pages up to its size in bytes, dropping the least recently used', async () => {
    const db = {};
    const page = (n: number) => async () => `${n}`.padEnd(2 ** 20, '页');
    for (let n = 0; n < 40; n++) await cachedSearch(db, `q${n}`, 0, page(n));
    const kept = async (n: number) => {
      let computed = false;
      await cachedSearch(db, `q${n}`, 1, async () => {
        computed = true;
        return page(n)();
      });
      return !computed;
    };
    // 40 pages of 3 MB (UTF-8) exceed the 64 MB: the newest are kept, the oldest were dropped.
    expect(await kept(39)).toBe(true);
    expect(await kept(0)).toBe(false);
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
