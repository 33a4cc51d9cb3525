/**
 * Portal search over 1,000,000 published catalogue entries on PostgreSQL, 32 concurrent clients, the
 * portal's real /search page (jieba query words, the in-memory index of src/search/memory-index.ts,
 * filters, pages, highlighted HTML, the decision box for 文号 queries), beside a bare Fastify route
 * measured in the same run. Target: p95 under 50 ms.
 *
 *   npx tsx bench/catalogue-search.bench.ts
 *   BENCH_ENTRIES=200000 BENCH_DURATION_MS=5000 DATABASE_URL=postgres://… npx tsx bench/catalogue-search.bench.ts
 *   BENCH_KEEP_DB=gongkai_search_bench_1m npx tsx bench/catalogue-search.bench.ts   (fill once, reuse)
 *
 * DATABASE_URL is an administrative URL (default postgres://postgres@127.0.0.1:5432/test): a fresh
 * database is created, filled (demo region + generated entries, bulk-loaded with the search indexes
 * rebuilt afterwards), and dropped at the end. The clients run in a worker thread and request a
 * mix with a long tail (popular queries, subject + kind pairs, 文号 fragments with any serial), so
 * that the page cache serves only the mix's repeats; the search is measured with it and without.
 * The index keeps its exact count of each set of keys it has counted (until a withdrawal): it starts
 * empty here, and fills as the load runs, as it does on a server.
 */
import Fastify from 'fastify';
import { sql } from 'kysely';
import { SEARCH_CACHE_TTL_MS, setSearchCacheTtl } from '../src/app/catalogue/search-cache.ts';
import { openSystem } from '../src/bootstrap.ts';
import type { DocumentType, EntryContentFields, Validity } from '../src/core/catalogue/index.ts';
import { DOCUMENT_TYPE_LABELS } from '../src/core/catalogue/index.ts';
import { organisationCodeOf } from '../src/core/shared/identity-codes.ts';
import { createRepositories } from '../src/db/repositories/index.ts';
import { buildServer } from '../src/http/server.ts';
import { facetLexemes, indexTokens } from '../src/search/index.ts';
import { buildCatalogueIndex, searchIndexStats } from '../src/search/indexed-catalogue-search.ts';
import { createServerDatabase, dropServerDatabase } from '../test/helpers/server-database.ts';
import { BENCH_ADMIN_URL } from './lib/import-bench.ts';
import { formatLoad, runLoad } from './lib/load.ts';

const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 1_000_000);
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 10_000);
const CONCURRENCY = 32;
const ADMIN_URL = BENCH_ADMIN_URL;

const SUBJECTS: [string, string][] = [
  ['企业开办', 'a20_05'],
  ['工程建设项目审批', 'a20_10'],
  ['政务服务', 'a20_05'],
  ['不见面审批', 'a20_05'],
  ['营商环境', 'a20_03'],
  ['一网通办', 'a20_05'],
  ['市场主体登记', 'a20_05'],
  ['食品经营许可', 'a20_05'],
  ['建筑工程施工许可', 'a20_05'],
  ['城镇污水排入排水管网许可', 'a20_05'],
  ['户外广告设施设置', 'a20_05'],
  ['医疗机构执业登记', 'a20_11'],
  ['养老机构备案', 'a20_11'],
  ['道路货物运输', 'a20_05'],
  ['危险化学品经营', 'a20_13'],
  ['特种设备安全', 'a20_13'],
  ['安全生产', 'a20_13'],
  ['环境影响评价', 'a20_13'],
  ['取水许可', 'a20_05'],
  ['招标投标', 'a20_09'],
  ['政府采购', 'a20_09'],
  ['财政预算', 'a20_07'],
  ['财政决算', 'a20_07'],
  ['社会救助', 'a21_c07'],
  ['就业创业', 'a20_11'],
  ['医疗保障', 'a20_11'],
  ['住房保障', 'a21_c02'],
  ['公务员招录', 'a20_14'],
  ['防汛防台应急预案', 'a20_12'],
  ['疫情防控', 'a20_12'],
  ['乡村振兴', 'a20_11'],
  ['农田水利', 'a20_03'],
  ['土地征收', 'a21_c04'],
  ['房屋征收', 'a21_c05'],
  ['垃圾分类', 'a21_c01'],
  ['公共法律服务', 'a21_c02'],
  ['社会信用体系建设', 'a20_15'],
  ['双随机一公开', 'a20_06'],
  ['12345政务服务便民热线', 'a20_05'],
  ['政务服务好差评', 'a20_05'],
  ['政务公开', 'a20_15'],
  ['规范性文件清理', 'a20_01'],
  ['行政许可事项清单', 'a20_05'],
  ['行政处罚裁量基准', 'a20_06'],
  ['统计调查', 'a20_04'],
  ['国民经济和社会发展计划', 'a20_03'],
  ['重大建设项目', 'a20_10'],
  ['市政设施养护', 'a21_c01'],
  ['治安管理', 'a21_c06'],
  ['公益事业', 'a21_c03'],
];
const FORMS: [string, DocumentType, boolean][] = [
  ['关于印发《{S}实施方案》的通知', 'policy_document', true],
  ['关于进一步做好{S}工作的通知', 'notice', true],
  ['{Y}年{M}月{S}办理结果公示', 'notice', false],
  ['《{S}管理办法》政策解读', 'policy_interpretation', false],
  ['图解：{S}', 'graphic_interpretation', false],
  ['关于{S}有关事项的公告', 'notice', true],
  ['{S}工作情况通报', 'other', false],
  ['关于公布{S}事项清单的通知', 'notice', true],
  ['关于开展{S}专项检查的通知', 'notice', true],
  ['{Y}年{S}工作要点', 'policy_document', true],
  ['关于调整{S}有关政策的通知', 'normative_document', true],
  ['{S}管理办法', 'normative_document', true],
  ['{S}实施细则', 'rule', true],
  ['{S}专题会议纪要', 'other', false],
  ['{Y}年{S}工作总结', 'other', false],
];
const PREFIXES = ['张审批', '张政办', '张政发', '塘政', '张政规', '苏府', '韩山'];
const MONTHS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];

/** A small deterministic generator (mulberry32). */
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

/** BENCH_KEEP_DB=name keeps the filled database under that name and reuses it on the next run. */
const keptName = process.env.BENCH_KEEP_DB;
const dbName = keptName ?? `gongkai_search_bench_${process.pid}`;
const url = await createServerDatabase(ADMIN_URL, dbName, { ifMissing: true });

try {
  let t0 = performance.now();
  const system = await openSystem({ databaseUrl: url, demo: true });
  const db = system.database.db;
  const repos = createRepositories(db);
  const agencies = await repos.agencies.listAll();
  console.log(
    `demo region seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s (${agencies.length} agencies)`,
  );

  const already = Number(
    (
      await sql<{ n: number }>`SELECT count(*) AS n FROM catalogue_entry WHERE status = 'published'`.execute(
        db,
      )
    ).rows[0]?.n ?? 0,
  );
  if (already < ENTRIES) await fill();
  else console.log(`reusing database ${dbName}: ${already} published entries`);

  async function fill() {
    // Bulk load: the search indexes are dropped and rebuilt after (a GIN built at once is far cheaper
    // than one maintained row by row; what is measured here is the search, not the load).
    t0 = performance.now();
    const indexes = await sql<{ indexname: string; indexdef: string }>`
    SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'catalogue_entry' AND indexname NOT LIKE '%pkey'
      AND indexname NOT LIKE '%index_number_key'`.execute(db);
    for (const index of indexes.rows) await sql`DROP INDEX ${sql.id(index.indexname)}`.execute(db);

    const next = random(1_000_000);
    const tokenCache = new Map<string, string[]>();
    const cached = (text: string) => {
      let tokens = tokenCache.get(text);
      if (!tokens) {
        tokens = indexTokens(text);
        tokenCache.set(text, tokens);
      }
      return tokens;
    };
    const serials = new Map<string, number>();
    const docSerials = new Map<string, number>();
    let batch: Parameters<typeof repos.catalogue.insertPublishedEntries>[0] = [];
    for (let i = 0; i < ENTRIES; i++) {
      const agency = agencies[i % agencies.length]!;
      const [subject, category] = SUBJECTS[Math.floor(next() * SUBJECTS.length)]!;
      const [form, documentType, numbered] = FORMS[Math.floor(next() * FORMS.length)]!;
      const year = 2019 + Math.floor(next() * 8);
      const month = 1 + Math.floor(next() * 12);
      const day = 1 + Math.floor(next() * 28);
      const formedOn = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
      const publishedOn = `${year}-${String(month).padStart(2, '0')}-${String(Math.min(28, day + Math.floor(next() * 10))).padStart(2, '0')}`;
      const title = form
        .replace('{S}', subject)
        .replace('{Y}', String(year))
        .replace('{M}', MONTHS[month - 1]!);
      const prefix = PREFIXES[i % PREFIXES.length]!;
      let documentNumber: string | null = null;
      const tokens = [
        ...cached(title),
        ...cached(DOCUMENT_TYPE_LABELS[documentType]),
        ...cached(agency.name),
      ];
      if (numbered) {
        const key = `${prefix}${year}`;
        const n = (docSerials.get(key) ?? 0) + 1;
        docSerials.set(key, n);
        documentNumber = `${prefix}〔${year}〕${n}号`;
        tokens.push(...cached(`${prefix}〔${year}〕`), String(n));
      }
      const summary = next() < 0.3 ? `本文件涉及${subject}工作的具体安排。` : null;
      if (summary) tokens.push(...cached(summary));
      const roll = next();
      const validity: Validity = roll < 0.9 ? 'in_force' : roll < 0.95 ? 'expired' : 'repealed';
      tokens.push(
        ...facetLexemes({ agencyCode: agency.code, publishedOn, category, documentType, validity }),
      );
      const bucket = `${agency.id}:${year}`;
      const serial = (serials.get(bucket) ?? 1000) + 1;
      serials.set(bucket, serial);
      const fields: EntryContentFields = {
        title,
        summary,
        body: null,
        issuingAgencyName: agency.name,
        documentNumber,
        formedOn,
        category,
        documentType,
        topic: subject,
        validity,
        validityChangedOn: validity === 'in_force' ? null : `${year + 1}-06-30`,
        repealedBy: validity === 'repealed' ? `${prefix}〔${year + 1}〕99号` : null,
      };
      batch.push({
        agencyId: agency.id,
        fields,
        tokens,
        indexNumber: `${organisationCodeOf(agency.code)}/${year}-${String(serial).padStart(5, '0')}`,
        publishedOn,
      });
      if (batch.length === 2000) {
        await repos.catalogue.insertPublishedEntries(batch);
        batch = [];
      }
    }
    await repos.catalogue.insertPublishedEntries(batch);
    const loaded = (performance.now() - t0) / 1000;
    t0 = performance.now();
    await sql`SET maintenance_work_mem = '512MB'`.execute(db);
    for (const index of indexes.rows) await sql.raw(index.indexdef).execute(db);
    await sql`ANALYZE catalogue_entry`.execute(db);
    const total = await sql<{
      n: number;
    }>`SELECT count(*) AS n FROM catalogue_entry WHERE status = 'published'`.execute(db);
    console.log(
      `loaded ${total.rows[0]?.n} published entries in ${loaded.toFixed(0)} s, indexes rebuilt in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
    );
  }

  // The in-memory index, built as the server builds it at start.
  const heapBefore = process.memoryUsage();
  t0 = performance.now();
  await buildCatalogueIndex(db);
  const heapAfter = process.memoryUsage();
  const stats = searchIndexStats(db).catalogue;
  console.log(
    `in-memory index built in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${stats?.entries} entries, ${stats?.keys} keys, ${((stats?.bytes ?? 0) / 2 ** 20).toFixed(0)} MB of arrays (RSS now ${(heapAfter.rss / 2 ** 20).toFixed(0)} MB, heap +${((heapAfter.heapUsed - heapBefore.heapUsed) / 2 ** 20).toFixed(0)} MB)`,
  );

  const bare = Fastify({ logger: false });
  bare.get('/hello', async () => ({ hello: 'world' }));
  const bareUrl = await bare.listen({ port: 0, host: '127.0.0.1' });
  const app = await buildServer({ deps: system.deps, logLevel: 'warn' });
  const appUrl = await app.listen({ port: 0, host: '127.0.0.1' });

  const bureau = agencies.find((a) => a.name === '张家港市行政审批局')!;
  const queries = [
    '行政许可',
    '企业开办',
    '政策解读',
    '通知',
    '规范性文件',
    '不见面审批',
    '垃圾分类',
    '营商环境 实施方案',
    '食品经营许可',
    '应急预案',
    '乡村振兴',
    '12345',
    '图解',
    '企业开办类行政许可',
    '张审批〔2021〕1',
    '张政办〔2023〕45',
    '塘政〔2020〕12',
  ];
  const filters = [
    '',
    `&agency=${bureau.code}`,
    '&year=2023',
    '&validity=in_force',
    '&category=a20_05',
    `&agency=${bureau.code}&year=2021`,
  ];
  // The load's mix, with a long tail as a portal sees it: half the requests are the popular
  // queries above, three in ten a subject with a kind of document (400 pairs), two in ten a 文号
  // fragment with any serial; each with one of six filters and, one time in five, a later page.
  const pick = random(42);
  const kinds = ['通知', '实施方案', '管理办法', '公示', '政策解读', '工作要点', '公告', '实施细则'];
  const oneQuery = () => {
    const roll = pick();
    if (roll < 0.5) return queries[Math.floor(pick() * pick() * queries.length)]!; // the head, skewed
    if (roll < 0.8)
      return `${SUBJECTS[Math.floor(pick() * SUBJECTS.length)]![0]} ${kinds[Math.floor(pick() * kinds.length)]!}`;
    const year = 2019 + Math.floor(pick() * 8);
    return `${PREFIXES[Math.floor(pick() * PREFIXES.length)]!}〔${year}〕${1 + Math.floor(pick() * 999)}`;
  };
  const oneSearchUrl = () => {
    const q = oneQuery();
    const f = filters[Math.floor(pick() * filters.length)]!;
    const page = pick() < 0.8 ? 1 : 2 + Math.floor(pick() * 3);
    return `${appUrl}/search?q=${encodeURIComponent(q)}${f}${page > 1 ? `&page=${page}` : ''}`;
  };
  // The clients run in a worker thread (bench/lib/load.ts) and take these URLs in turn.
  const searchUrl = Array.from({ length: 20_000 }, oneSearchUrl);
  console.log(`load mix: ${new Set(searchUrl).size} distinct URLs among ${searchUrl.length}`);

  // One pass, one client, no page cache: each query's own latency on an idle server.
  setSearchCacheTtl(0);
  const single: string[] = [];
  for (const q of queries) {
    const started = performance.now();
    const response = await fetch(`${appUrl}/search?q=${encodeURIComponent(q)}`);
    const body = await response.text();
    const found = /找到目录条目 ([\d]+ 条(?:以上)?)/.exec(body)?.[1] ?? '?';
    single.push(`${q}: ${(performance.now() - started).toFixed(1)} ms (${found})`);
  }
  console.log(`single client: ${single.join(' · ')}`);

  console.log(
    `HTTP, ${CONCURRENCY} concurrent clients, ${DURATION_MS / 1000} s each (postgres, ${ENTRIES} generated entries)`,
  );
  console.log(
    formatLoad(
      'baseline: bare Fastify route',
      await runLoad({ url: `${bareUrl}/hello`, concurrency: CONCURRENCY, durationMs: DURATION_MS }),
    ),
  );
  // Every request is answered by the index (and the page's rows read from PostgreSQL) and rendered.
  const uncached = await runLoad({ url: searchUrl, concurrency: CONCURRENCY, durationMs: DURATION_MS });
  console.log(formatLoad('GET /search, in-memory index, no page cache', uncached));
  // As deployed: results kept 30 s (and dropped on any publication in this process), starting
  // empty: only the mix's repeats are served from it.
  setSearchCacheTtl(SEARCH_CACHE_TTL_MS);
  const deployed = await runLoad({ url: searchUrl, concurrency: CONCURRENCY, durationMs: DURATION_MS });
  console.log(formatLoad('GET /search, index + 30 s page cache', deployed));
  console.log(
    `p95 under 50 ms: without page cache ${uncached.p95 < 50 ? 'met' : 'NOT met'} (${uncached.p95.toFixed(1)} ms), with page cache ${deployed.p95 < 50 ? 'met' : 'NOT met'} (${deployed.p95.toFixed(1)} ms)`,
  );
  await app.close();
  await bare.close();
  await system.close();
} finally {
  if (keptName) console.log(`kept database ${dbName} (BENCH_KEEP_DB=${dbName} reuses it)`);
  else await dropServerDatabase(ADMIN_URL, dbName);
}
