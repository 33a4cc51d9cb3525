import { describe, expect, it } from 'vitest';
import { CatalogueMemoryIndex, type IndexDocument, type IndexQuery } from './memory-index.ts';

/** A small deterministic generator (mulberry32), so a failure replays. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const uuid = (n: number) => {
  const hex = n.toString(16).padStart(32, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

/** Display order, as PostgreSQL sorts: publication date descending, then id descending. */
const displayOrder = (a: IndexDocument, b: IndexDocument) =>
  a.date === b.date ? (a.id < b.id ? 1 : -1) : a.date < b.date ? 1 : -1;

function built(documents: IndexDocument[]): CatalogueMemoryIndex {
  const index = new CatalogueMemoryIndex();
  for (const document of [...documents].sort(displayOrder)) index.addToBase(document);
  index.seal();
  return index;
}

/** The meaning of a query, by brute force over the live documents. */
function expected(live: Map<string, IndexDocument>, query: IndexQuery): { ids: string[]; total: number } {
  const matches = [...live.values()]
    .filter((d) => {
      const hasFacets = query.facets.every((f) => d.tokens.includes(f));
      const byWords = query.words.length > 0 && query.words.every((w) => d.tokens.includes(w));
      const fragment = query.documentNumberFragment;
      const byNumber =
        fragment !== null && fragment.length >= 3 && (d.documentNumber?.includes(fragment) ?? false);
      return hasFacets && (byWords || byNumber);
    })
    .sort(displayOrder);
  return {
    ids: matches.slice(query.offset, query.offset + query.limit).map((d) => d.id),
    total: matches.length,
  };
}

const doc = (
  n: number,
  date: string,
  tokens: string[],
  documentNumber: string | null = null,
): IndexDocument => ({
  id: uuid(n),
  date,
  tokens,
  documentNumber,
});

const query = (overrides: Partial<IndexQuery>): IndexQuery => ({
  words: [],
  documentNumberFragment: null,
  facets: [],
  offset: 0,
  limit: 10,
  ...overrides,
});

describe('CatalogueMemoryIndex', () => {
  const documents = [
    doc(1, '2021-03-01', ['企业开办', '行政许可', 'year_2021'], '张审批〔2021〕12号'),
    doc(2, '2021-05-01', ['行政许可', '公示', 'year_2021'], '张审批〔2021〕120号'),
    doc(3, '2022-01-10', ['行政许可', 'year_2022'], '张审批〔2022〕1号'),
    doc(4, '2022-01-10', ['垃圾', '分类', 'year_2022'], null),
    doc(5, '2020-12-31', ['垃圾', '分类', '行政许可', 'year_2020'], '张政办〔2020〕12号'),
  ];

  it.each([
    ['one word, newest first', query({ words: ['行政许可'] }), [3, 2, 1, 5].map(uuid), 4],
    ['every word must match', query({ words: ['垃圾', '行政许可'] }), [uuid(5)], 1],
    ['a word nobody has', query({ words: ['乡村振兴'] }), [], 0],
    ['a filter narrows', query({ words: ['行政许可'], facets: ['year_2021'] }), [2, 1].map(uuid), 2],
    ['a 文号 fragment', query({ documentNumberFragment: '〔2021〕12' }), [2, 1].map(uuid), 2],
    [
      'a fragment or the words',
      query({ words: ['分类'], documentNumberFragment: '〔2021〕12' }),
      [4, 2, 1, 5].map(uuid),
      4,
    ],
    ['a fragment too short is ignored', query({ documentNumberFragment: '12' }), [], 0],
    ['paging', query({ words: ['行政许可'], offset: 1, limit: 2 }), [2, 1].map(uuid), 4],
    ['same date: higher id first', query({ facets: [], words: ['year_2022'] }), [4, 3].map(uuid), 2],
  ])('%s', (_label, q, ids, total) => {
    expect(built(documents).query(q)).toEqual({ ids, total });
  });

  it('follows publications, changes and withdrawals after the build', () => {
    const index = built(documents);
    index.upsert(doc(6, '2021-04-01', ['行政许可', 'year_2021'], '张审批〔2021〕121号'));
    index.upsert(doc(1, '2023-01-01', ['企业开办', 'year_2023'], '张审批〔2023〕12号'));
    index.remove(uuid(2));
    expect(index.query(query({ words: ['行政许可'] }))).toEqual({ ids: [3, 6, 5].map(uuid), total: 3 });
    expect(index.query(query({ documentNumberFragment: '审批〔2021〕12' }))).toEqual({
      ids: [uuid(6)],
      total: 1,
    });
    expect(index.query(query({ words: ['企业开办'] })).ids).toEqual([uuid(1)]);
    expect(index.has(uuid(2))).toBe(false);
    expect(index.size).toBe(5);
    expect(index.tailSize).toBe(2);
  });

  it('finds every entry of a large build and of a large tail (bitmaps grow past their words)', () => {
    const many = Array.from({ length: 5_000 }, (_, i) =>
      doc(i + 1, `2021-01-${String(1 + (i % 28)).padStart(2, '0')}`, ['a', i % 2 === 0 ? 'even' : 'odd']),
    );
    const index = built(many);
    expect(index.query(query({ words: ['a'] })).total).toBe(5_000);
    expect(index.query(query({ words: ['a', 'even'] })).total).toBe(2_500);
    for (let i = 0; i < 3_000; i++) index.upsert(doc(10_000 + i, '2022-01-01', ['a', 'tail']));
    expect(index.query(query({ words: ['a'] })).total).toBe(8_000);
    expect(index.query(query({ words: ['tail'] })).total).toBe(3_000);
    expect(index.size).toBe(8_000);
  });

  it('refuses a build out of display order', () => {
    const index = new CatalogueMemoryIndex();
    index.addToBase(doc(1, '2021-01-01', ['a']));
    expect(() => index.addToBase(doc(2, '2022-01-01', ['a']))).toThrow(/newest first/);
  });

  it('answers every query as brute force does, through random builds and changes', () => {
    const next = random(7);
    const words = ['行政许可', '企业开办', '通知', '公示', '垃圾', '分类', '应急', '解读'];
    const facets = ['year_2021', 'year_2022', 'agency_a', 'agency_b', 'validity_in_force'];
    const pick = <T>(items: T[]) => items[Math.floor(next() * items.length)]!;
    const randomDocument = (n: number): IndexDocument => {
      const tokens = new Set<string>();
      for (const w of words) if (next() < 0.35) tokens.add(w);
      tokens.add(pick(facets.slice(0, 2)));
      tokens.add(pick(facets.slice(2, 4)));
      if (next() < 0.8) tokens.add('validity_in_force');
      const day = 1 + Math.floor(next() * 60);
      const publishedOn = `2021-${String(1 + Math.floor(day / 28)).padStart(2, '0')}-${String(1 + (day % 28)).padStart(2, '0')}`;
      const number = next() < 0.6 ? `张审批〔2021〕${Math.floor(next() * 300)}号` : null;
      return doc(n, publishedOn, [...tokens], number);
    };
    for (let round = 0; round < 20; round++) {
      const live = new Map<string, IndexDocument>();
      for (let n = 1; n <= 300; n++) live.set(uuid(n), randomDocument(n));
      const index = built([...live.values()]);
      for (let change = 0; change < 150; change++) {
        const n = 1 + Math.floor(next() * 400);
        if (next() < 0.25) {
          index.remove(uuid(n));
          live.delete(uuid(n));
        } else {
          const document = randomDocument(n);
          index.upsert(document);
          live.set(document.id, document);
        }
        const q = query({
          words: next() < 0.8 ? [pick(words), ...(next() < 0.5 ? [pick(words)] : [])] : [],
          facets: next() < 0.5 ? [pick(facets)] : [],
          documentNumberFragment: next() < 0.3 ? `〔2021〕${Math.floor(next() * 30)}` : null,
          offset: next() < 0.7 ? 0 : Math.floor(next() * 30),
          limit: 1 + Math.floor(next() * 20),
        });
        expect(index.query(q)).toEqual(expected(live, q));
      }
      expect(index.size).toBe(live.size);
    }
  });
});
