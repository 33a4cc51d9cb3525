/**
 * Report-parser throughput on one core: reports per second for text, HTML, DOCX and PDF, beside the
 * cost of merely reading the same files (fs read + decode / unzip / PDF text extraction, no tables).
 *
 *   npx tsx bench/report-parser.bench.ts [seconds per measurement, default 3]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { parseReport } from '../src/report-parser/index.ts';
import { decodeHtml } from '../src/report-parser/read-html.ts';
import { extractPdfText } from '../src/report-parser/read-pdf.ts';
import { decodeText } from '../src/report-parser/read-text.ts';

const SHARED = process.env.GONGKAI_SHARED ?? '/work/shared';
const OWN = join(import.meta.dirname, '../test/fixtures/reports');
const SECONDS = Number(process.argv[2] ?? 3);

function filesIn(dir: string, test: (f: string) => boolean): string[] {
  return readdirSync(dir)
    .filter(test)
    .map((f) => join(dir, f));
}

const kinds: { kind: string; files: string[]; read: (bytes: Uint8Array) => Promise<unknown> }[] = [
  {
    kind: 'text',
    files: [
      ...filesIn(join(SHARED, 'fixtures/seed'), (f) => f.endsWith('.txt')),
      ...filesIn(
        join(SHARED, 'fixtures/reports'),
        (f) => f.endsWith('.txt') || f.endsWith('.reconciliation-errors.md'),
      ),
      ...filesIn(join(SHARED, 'fixtures/github-reports'), (f) => f.endsWith('.txt')),
      ...filesIn(OWN, (f) => f.endsWith('.txt')),
    ],
    read: async (bytes) => decodeText(bytes),
  },
  {
    kind: 'HTML',
    files: [
      ...filesIn(join(SHARED, 'fixtures/reports'), (f) => f.endsWith('.html')),
      ...filesIn(OWN, (f) => f.endsWith('.html-gbk')),
    ],
    read: async (bytes) => decodeHtml(bytes),
  },
  {
    kind: 'DOCX',
    files: filesIn(OWN, (f) => f.endsWith('.docx')),
    read: async (bytes) => (await JSZip.loadAsync(bytes)).file('word/document.xml')?.async('string'),
  },
  {
    kind: 'PDF',
    files: [
      ...filesIn(join(SHARED, 'fixtures/github-reports'), (f) => f.endsWith('.pdf')),
      ...filesIn(OWN, (f) => f.endsWith('.pdf')),
    ],
    read: (bytes) => extractPdfText(bytes),
  },
];

/** Runs `work` over the files round-robin for about SECONDS; returns files per second and ms per file. */
async function measure(
  files: string[],
  work: (path: string) => Promise<unknown>,
): Promise<{ perSecond: number; ms: number }> {
  // Warm-up: module loading, dictionaries, JIT.
  for (let round = 0; round < 3; round++) for (const f of files) await work(f);
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < SECONDS * 1000 || n < files.length) {
    await work(files[n % files.length]!);
    n++;
  }
  const elapsed = performance.now() - start;
  return { perSecond: (n / elapsed) * 1000, ms: elapsed / n };
}

const fmt = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
console.log(`report-parser throughput, one core, ${SECONDS}s per measurement (Node ${process.version})`);
console.log('kind  files  parse reports/s  ms/report   read-only files/s  ms/file   parse/read time');
for (const { kind, files, read } of kinds) {
  if (files.length === 0) continue;
  const parse = await measure(files, async (path) =>
    parseReport({ fileName: path, bytes: new Uint8Array(readFileSync(path)) }),
  );
  const readOnly = await measure(files, async (path) => read(new Uint8Array(readFileSync(path))));
  console.log(
    [
      kind.padEnd(5),
      String(files.length).padStart(5),
      fmt(parse.perSecond).padStart(16),
      fmt(parse.ms).padStart(10),
      fmt(readOnly.perSecond).padStart(19),
      fmt(readOnly.ms).padStart(8),
      `${fmt(parse.ms / readOnly.ms)}×`.padStart(17),
    ].join(' '),
  );
}
