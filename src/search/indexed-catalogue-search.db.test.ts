import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, ENGINES, fixedClock, type TestDatabase } from '../../test/helpers/database.ts';
import { entryTokens } from '../app/catalogue/entry-access.ts';
import type { EntryContentFields } from '../core/catalogue/index.ts';
import { catalogueSearchRepository } from '../db/repositories/catalogue-search.repository.ts';
import { createRepositories } from '../db/repositories/index.ts';
import { createCatalogueSearch, MAX_COUNTED } from './catalogue-search.ts';
import { markCatalogueChanged } from './indexed-catalogue-search.ts';
import { queryTokens, toTsQuery } from './tokenize.ts';

const BUREAU_CODE = '11320582014000036B';

const fields = (title: string, documentNumber: string | null): EntryContentFields => ({
  title,
  summary: null,
  body: null,
  issuingAgencyName: '张家港市行政审批局',
  documentNumber,
  formedOn: '2026-11-20',
  category: 'a20_05',
  documentType: 'notice',
  topic: null,
  validity: 'in_force',
  validityChangedOn: null,
  repealedBy: null,
});

describe.each(ENGINES)('the in-memory catalogue index on %s', (engine) => {
  let test: TestDatabase;
  let bureauId: string;

  /** An entry published by another server: written straight to the database, not through a use case. */
  const publishElsewhere = async (title: string, documentNumber: string | null, indexNumber: string) => {
    const repos = createRepositories(test.deps.db);
    await repos.catalogue.insertPublishedEntries([
      {
        agencyId: bureauId,
        fields: fields(title, documentNumber),
        tokens: entryTokens(fields(title, documentNumber), {
          agencyCode: BUREAU_CODE,
          publishedOn: '2026-11-25',
        }),
        indexNumber,
        publishedOn: '2026-11-25',
      },
    ]);
  };

  beforeAll(async () => {
    test = await createTestDatabase(engine, { demo: true, clock: fixedClock('2026-11-27T09:00:00+08:00') });
    bureauId = (await createRepositories(test.deps.db).agencies.findByCodeOrName(BUREAU_CODE))!.id;
  }, 120_000);
  afterAll(() => test.close());

  it('answers as PostgreSQL’s own indexes do, and counts beyond their cap', async () => {
    const search = createCatalogueSearch(test.deps.db);
    const postgres = catalogueSearchRepository(test.deps.db);
    for (const text of [
      '行政许可',
      '企业开办类行政许可',
      '规范性文件',
      '公示',
      '通知',
      '政务服务',
      '张审批〔2021〕1',
    ]) {
      const indexed = await search.search({ text, page: 1, pageSize: 20 });
      const words = queryTokens(text);
      const direct = await postgres.search({
        tsQuery: words.length > 0 ? toTsQuery(words) : null,
        fragment: /\d/.test(text) ? text : null,
        facetQuery: null,
        limit: 20,
        offset: 0,
        countLimit: MAX_COUNTED,
      });
      expect(
        indexed.hits.map((h) => h.id),
        text,
      ).toEqual(direct.rows.map((r) => r.id));
      if (direct.totalIsCapped) expect(indexed.total, text).toBeGreaterThan(MAX_COUNTED);
      else expect(indexed.total, text).toBe(direct.total);
      expect(indexed.totalIsCapped).toBe(false);
    }
    // Every entry of the bureau holds its name: more than PostgreSQL's cap, counted exactly.
    const counted = await test.deps.db
      .selectFrom('catalogueEntry')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'published')
      .where(sql<boolean>`search_tokens @@ '行政审批局'::tsquery`)
      .executeTakeFirstOrThrow();
    expect(Number(counted.n)).toBeGreaterThan(MAX_COUNTED);
    expect((await search.search({ text: '行政审批局', page: 1, pageSize: 20 })).total).toBe(
      Number(counted.n),
    );
  });

  it('finds an entry another server published, within a second', async () => {
    const search = createCatalogueSearch(test.deps.db);
    await search.search({ text: '行政许可', page: 1, pageSize: 20 }); // the index is built and followed now
    await publishElsewhere('关于海绵城市建设项目联合审批的通知', '张审批〔2026〕88号', 'ZJG-TEST/2026-90001');
    await sleep(1_100);
    const found = await search.search({ text: '海绵城市', page: 1, pageSize: 20 });
    expect(found.hits.map((h) => h.documentNumber)).toEqual(['张审批〔2026〕88号']);
    expect((await search.search({ text: '〔2026〕88', page: 1, pageSize: 20 })).total).toBe(1);
  });

  it('drops an entry another server withdrew, within a second', async () => {
    const search = createCatalogueSearch(test.deps.db);
    await publishElsewhere('关于地下管线联合验收的通知', null, 'ZJG-TEST/2026-90002');
    await sleep(1_100);
    expect((await search.search({ text: '地下管线', page: 1, pageSize: 20 })).total).toBe(1);
    await test.deps.db
      .updateTable('catalogueEntry')
      .set({ status: 'withdrawn', withdrawnOn: '2026-11-27', withdrawalReason: '内容有误' })
      .where('indexNumber', '=', 'ZJG-TEST/2026-90002')
      .execute();
    await sleep(1_100);
    const after = await search.search({ text: '地下管线', page: 1, pageSize: 20 });
    expect(after.hits).toEqual([]);
    expect(after.total).toBe(0);
  });

  it('rebuilds rather than follows a large import, and finds its rows', async () => {
    const search = createCatalogueSearch(test.deps.db);
    await search.search({ text: '行政许可', page: 1, pageSize: 20 });
    // 12,000 entries in one statement: more than a tail takes (10,000), as a document import writes them.
    await sql`
      INSERT INTO catalogue_entry (agency_id, title, issuing_agency_name, document_number, formed_on,
        category, document_type, status, index_number, published_on, search_tokens)
      SELECT ${bureauId}, '批量导入的通知' || n, '张家港市行政审批局', '张审批导〔2020〕' || n || '号', '2020-03-01',
        'a20_05', 'notice', 'published', 'ZJG-BULK/2020-' || lpad(n::text, 5, '0'), '2020-03-02',
        array_to_tsvector(ARRAY['批量', '导入', 'year_2020'])
      FROM generate_series(1, 12000) AS n`.execute(test.deps.db);
    markCatalogueChanged();
    await expect
      .poll(async () => (await search.search({ text: '批量导入', page: 1, pageSize: 20 })).total, {
        timeout: 60_000,
        interval: 500,
      })
      .toBe(12_000);
    expect((await search.search({ text: '张审批导〔2020〕11999', page: 1, pageSize: 20 })).total).toBe(1);
  }, 90_000);

  it('shows a withdrawal made in this process at once', async () => {
    const search = createCatalogueSearch(test.deps.db);
    await publishElsewhere('关于桥梁限载标志设置的通知', null, 'ZJG-TEST/2026-90003');
    await sleep(1_100);
    expect((await search.search({ text: '桥梁限载', page: 1, pageSize: 20 })).total).toBe(1);
    await test.deps.db
      .updateTable('catalogueEntry')
      .set({ status: 'withdrawn', withdrawnOn: '2026-11-27', withdrawalReason: '内容有误' })
      .where('indexNumber', '=', 'ZJG-TEST/2026-90003')
      .execute();
    markCatalogueChanged(); // what the withdrawal use case does after its transaction
    expect((await search.search({ text: '桥梁限载', page: 1, pageSize: 20 })).total).toBe(0);
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)('the in-memory catalogue index and commit order', () => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createTestDatabase('postgres', { demo: true });
  }, 120_000);
  afterAll(() => test.close());

  it('finds an entry whose transaction began before a quicker one but committed after it', async () => {
    const search = createCatalogueSearch(test.deps.db);
    const repos = createRepositories(test.deps.db);
    const bureau = (await repos.agencies.findByCodeOrName(BUREAU_CODE))!;
    await search.search({ text: '行政许可', page: 1, pageSize: 20 });
    const url = (
      await test.deps.db
        .selectNoFrom((eb) => eb.fn<string>('current_database', []).as('name'))
        .executeTakeFirstOrThrow()
    ).name;
    const slow = new pg.Client({
      connectionString: Object.assign(new URL(process.env.TEST_DATABASE_URL!), {
        pathname: `/${url}`,
      }).toString(),
    });
    await slow.connect();
    try {
      const slowTitle = '关于老旧小区改造的通知';
      const fastTitle = '关于智慧停车建设的通知';
      const tokensOf = (title: string) =>
        entryTokens(fields(title, null), { agencyCode: BUREAU_CODE, publishedOn: '2026-11-26' });
      await slow.query('BEGIN');
      // A long import, still running.
      await slow.query(
        `INSERT INTO catalogue_entry (agency_id, title, issuing_agency_name, formed_on, category, document_type,
           status, index_number, published_on, search_tokens)
         VALUES ($1, $2, '张家港市行政审批局', '2026-11-20', 'a20_05', 'notice', 'published', $3, '2026-11-26',
           array_to_tsvector($4::text[]))`,
        [bureau.id, slowTitle, 'ZJG-TEST/2026-91001', tokensOf(slowTitle)],
      );
      await repos.catalogue.insertPublishedEntries([
        {
          agencyId: bureau.id,
          fields: fields(fastTitle, null),
          tokens: tokensOf(fastTitle),
          indexNumber: 'ZJG-TEST/2026-91002',
          publishedOn: '2026-11-26',
        },
      ]);
      await sleep(1_100);
      expect((await search.search({ text: '智慧停车', page: 1, pageSize: 20 })).total).toBe(1);
      expect((await search.search({ text: '老旧小区', page: 1, pageSize: 20 })).total).toBe(0);
      await slow.query('COMMIT');
      await sleep(1_100);
      expect((await search.search({ text: '老旧小区', page: 1, pageSize: 20 })).total).toBe(1);
      expect((await search.search({ text: '智慧停车', page: 1, pageSize: 20 })).total).toBe(1);
    } finally {
      await slow.end();
    }
  });
});
