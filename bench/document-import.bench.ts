/**
 * Bulk import of catalogue documents (an agency's old catalogue): 100,000 rows from one CSV into
 * PostgreSQL and into PGlite through the product's import (read, validate every row, search tokens
 * as the console computes them, stage, whole-file checks, 索引号, publish in one transaction), the
 * same file a second time (adds nothing), and the same rows as XLSX into PostgreSQL. Beside them, the
 * tokeniser alone over the same rows: most of an import's time is Chinese segmentation, which the
 * console's publication does too. Peak RSS is sampled to show the import streams.
 *
 *   npx tsx bench/document-import.bench.ts
 *   BENCH_ROWS=300000 BENCH_PGLITE_ROWS=0 DATABASE_URL=postgres://… npx tsx bench/document-import.bench.ts
 *
 * DATABASE_URL is an administrative URL (default postgres://postgres@127.0.0.1:5432/test): a fresh
 * database is created for the run and dropped after.
 */
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { entryTokens } from '../src/app/catalogue/entry-access.ts';
import { importDocuments } from '../src/app/import/import-documents.ts';
import {
  type DocumentFileRow,
  writeDocumentsCsv,
  writeDocumentsXlsx,
} from '../src/app/import/write-documents-file.ts';
import { openSystem } from '../src/bootstrap.ts';
import { type DocumentType, findCategory } from '../src/core/catalogue/index.ts';
import { addDays } from '../src/core/shared/local-date.ts';
import {
  addBureau,
  BENCH_ADMIN_URL,
  BENCH_OUTPUT_DIR,
  benchPgliteImport,
  rateLine,
  withPeakRss,
  withScratchDatabase,
} from './lib/import-bench.ts';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const PGLITE_ROWS = Number(process.env.BENCH_PGLITE_ROWS ?? ROWS);
const ADMIN_URL = BENCH_ADMIN_URL;
const OUT = BENCH_OUTPUT_DIR;

const SUBJECTS = [
  '企业开办全程网办',
  '工程建设项目审批制度改革',
  '政务服务事项容缺受理',
  '“一件事”集成办理',
  '帮办代办服务',
  '行政审批档案管理',
  '告知承诺制审批',
  '跨省通办',
  '电子证照应用',
  '中介服务事项清单',
];
const KINDS: { type: DocumentType; label: string; category: string }[] = [
  { type: 'normative_document', label: '行政规范性文件', category: 'a20_01' },
  { type: 'policy_document', label: '其他政策文件', category: 'a20_05' },
  { type: 'policy_interpretation', label: '政策解读', category: 'a20_05' },
  { type: 'notice', label: '通知公告', category: 'a20_02' },
  { type: 'other', label: '其他', category: 'a20_11' },
];

/** An old catalogue spread over 2015–2025: every column an export has, unique keys, some repealed. */
function* documents(count: number): Generator<DocumentFileRow> {
  for (let i = 0; i < count; i++) {
    const year = 2015 + (i % 11);
    const formedOn = addDays(`${year}-01-05`, Math.floor((i * 353) / count) % 350);
    const kind = KINDS[i % KINDS.length]!;
    const subject = SUBJECTS[(i * 7) % SUBJECTS.length]!;
    const numbered = kind.type === 'normative_document' || kind.type === 'policy_document';
    const repealed = kind.type === 'normative_document' && i % 10 === 0;
    yield {
      title:
        kind.type === 'policy_interpretation'
          ? `《关于深化${subject}改革的实施意见》（第${i + 1}号）政策解读`
          : `张家港市行政审批局关于${subject}的${kind.type === 'notice' ? '通告' : '实施意见'}（第${i + 1}号）`,
      documentNumber: numbered
        ? `张审批${kind.type === 'normative_document' ? '规' : '发'}〔${year}〕${i + 1}号`
        : '',
      formedOn,
      publishedOn: addDays(formedOn, 1 + (i % 30)),
      category: findCategory(kind.category)!.label,
      documentType: kind.label,
      topic: '政务服务',
      summary: `围绕${subject}，明确工作目标、主要任务和保障措施，推动政务服务标准化、规范化、便利化。`,
      validity: repealed ? '已废止' : '现行有效',
      validityChangedOn: repealed
        ? addDays(formedOn, 400) > '2025-12-31'
          ? '2025-12-31'
          : addDays(formedOn, 400)
        : '',
      repealedBy: repealed ? `张审批规〔${year + 1}〕${i + 2}号` : '',
    };
  }
}

mkdirSync(OUT, { recursive: true });
const csvPath = join(OUT, `documents-${ROWS}.csv`);
const xlsxPath = join(OUT, `documents-${ROWS}.xlsx`);
let t0 = performance.now();
await writeDocumentsCsv(csvPath, documents(ROWS));
await writeDocumentsXlsx(xlsxPath, documents(ROWS));
console.log(
  `files: ${csvPath} (${(statSync(csvPath).size / 1024 / 1024).toFixed(0)} MB), .xlsx (${(statSync(xlsxPath).size / 1024 / 1024).toFixed(0)} MB), ${ROWS} rows, written in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);

// The segmentation every publication pays (console or import), alone.
t0 = performance.now();
let tokens = 0;
for (const row of documents(ROWS)) {
  tokens += entryTokens(
    {
      title: row.title!,
      summary: row.summary!,
      body: null,
      issuingAgencyName: '张家港市行政审批局',
      documentNumber: row.documentNumber || null,
      formedOn: row.formedOn!,
      category: 'a20_01',
      documentType: 'normative_document',
      topic: row.topic!,
      validity: 'in_force',
      validityChangedOn: null,
      repealedBy: null,
    },
    { agencyCode: '11320582014000028G', publishedOn: row.publishedOn! },
  ).length;
}
console.log(
  rateLine(
    'tokeniser alone (entryTokens, jieba)',
    ROWS,
    (performance.now() - t0) / 1000,
    `   ${(tokens / ROWS).toFixed(0)} tokens a row`,
  ),
);

await withScratchDatabase(ADMIN_URL, 'gongkai_bench_documents', async (url) => {
  const system = await openSystem({ databaseUrl: url });
  try {
    const agencyId = await addBureau(system);
    const run = (path: string, name: string) =>
      importDocuments(system.deps, { actor: null, agencyId, file: { path, name } });
    const { result, peakMb, startMb } = await withPeakRss(() => run(csvPath, 'documents.csv'));
    if (result.status !== 'succeeded' || result.rowsInserted !== ROWS)
      throw new Error(`import failed: ${result.message} ${JSON.stringify(result.errors.slice(0, 3))}`);
    console.log(
      rateLine(
        'PostgreSQL: CSV import (staged, one transaction)',
        ROWS,
        result.elapsedMs / 1000,
        `   RSS ${startMb.toFixed(0)} → peak ${peakMb.toFixed(0)} MB`,
      ),
    );
    const again = await run(csvPath, 'documents.csv');
    console.log(
      rateLine(
        'PostgreSQL: same file again (adds nothing)',
        ROWS,
        again.elapsedMs / 1000,
        `   inserted ${again.rowsInserted}, unchanged ${again.rowsUnchanged}`,
      ),
    );
    const asXlsx = await withPeakRss(() => run(xlsxPath, 'documents.xlsx'));
    console.log(
      rateLine(
        'PostgreSQL: same rows as XLSX (adds nothing)',
        ROWS,
        asXlsx.result.elapsedMs / 1000,
        `   inserted ${asXlsx.result.rowsInserted}, unchanged ${asXlsx.result.rowsUnchanged}   RSS peak ${asXlsx.peakMb.toFixed(0)} MB`,
      ),
    );
  } finally {
    await system.close();
  }
});

if (PGLITE_ROWS > 0) {
  const path = PGLITE_ROWS === ROWS ? csvPath : join(OUT, `documents-${PGLITE_ROWS}.csv`);
  if (path !== csvPath) await writeDocumentsCsv(path, documents(PGLITE_ROWS));
  await benchPgliteImport('PGlite: CSV import (staged, one transaction)', PGLITE_ROWS, (system, agencyId) =>
    importDocuments(system.deps, { actor: null, agencyId, file: { path, name: 'documents.csv' } }),
  );
  if (path !== csvPath) rmSync(path, { force: true });
}
rmSync(csvPath, { force: true });
rmSync(xlsxPath, { force: true });
