import type { Kysely } from 'kysely';
import { LRUCache } from 'lru-cache';
import {
  type CatalogueSearchRow,
  catalogueIndexFeedRepository,
  type IndexFeedRow,
} from '../db/repositories/catalogue-search.repository.ts';
import {
  type DecisionListItem,
  decisionIndexFeedRepository,
} from '../db/repositories/decision.repository.ts';
import type { DB } from '../db/schema.ts';
import { CatalogueMemoryIndex, type IndexDocument, type IndexQuery } from './memory-index.ts';
import { warmUpTokenizer } from './tokenize.ts';

/**
 * Keeps in-memory indexes (memory-index.ts) per database handle in this process — the catalogue's
 * published entries, and the decisions' 文号 — and follows the database with them:
 *
 * - **Build**: published entries are read in display order, 5,000 at a time, from a watermark taken
 *   first; the writes made meanwhile are then read from that watermark and applied.
 * - **Follow**: before answering, if this process wrote to the catalogue (markCatalogueChanged) or a
 *   second has passed, the entries written since the watermark are read and applied. Another
 *   server's publication is thus searchable within a second; this process's own at once.
 * - **Rebuild** in the background once the entries added since the build reach a tenth of it
 *   (or 10,000), so that posting lists stay in date order; the old index answers meanwhile.
 *
 * While the first build runs on a large catalogue (over AWAIT_BUILD_UP_TO entries), queries are
 * answered by PostgreSQL's own indexes instead (`search` returns null and the caller falls back).
 */
const BATCH = 5_000;
const FOLLOW_INTERVAL_MS = 1_000;
const AWAIT_BUILD_UP_TO = 50_000;
const REBUILD_MIN_TAIL = 10_000;
/** Result rows kept (the first pages of popular queries): about 1 KB each. */
const ROW_CACHE_SIZE = 20_000;

export interface IndexBuildProgress {
  loaded: number;
  total: number;
}

/** Bumped by every catalogue write in this process: each index reads the changes before answering. */
let writeGeneration = 0;

/** A use case changed published entries (publication, withdrawal, edit, import). */
export function markCatalogueChanged(): void {
  writeGeneration++;
}

/** What an index reads from its table (the repositories' index feeds). */
interface IndexFeed<Row extends { id: string }> {
  countIndexed(): Promise<number>;
  watermark(): Promise<string>;
  readIndexedPage(after: { date: string; id: string } | null, limit: number): Promise<IndexFeedRow[]>;
  readWrittenSince(watermark: string, limit: number): Promise<(IndexFeedRow & { indexed: boolean })[]>;
  findRows(ids: readonly string[]): Promise<Row[]>;
}

function toDocument(row: IndexFeedRow): IndexDocument {
  return {
    id: row.id,
    date: row.date,
    tokens: row.tokens === '' ? [] : row.tokens.split(' '),
    documentNumber: row.documentNumber,
  };
}

class FollowedIndex<Row extends { id: string }> {
  private index: CatalogueMemoryIndex | null = null;
  /**
   * Rows of recent result pages, by id, least recently used first. An entry the feed reports as
   * written is dropped, so a kept row is never older than the index itself.
   */
  private readonly rows = new LRUCache<string, Row>({ max: ROW_CACHE_SIZE });
  private watermark = '0';
  /** Entries applied whose transaction is at or after the watermark: they will be read again. */
  private appliedSince = new Map<string, string>();
  private seenGeneration = writeGeneration;
  private lastFollowedAt = 0;
  /** Too many writes to follow one by one: a rebuild is under way and following waits for it. */
  private overflowed = false;
  private building: Promise<void> | null = null;
  private following: Promise<void> | null = null;
  constructor(
    private readonly feed: IndexFeed<Row>,
    private readonly onProgress?: (progress: IndexBuildProgress) => void,
  ) {}

  /** Entries, distinct keys and typed-array bytes of the index, once built. */
  get stats(): { entries: number; keys: number; bytes: number } | null {
    const index = this.index;
    return index ? { entries: index.size, keys: index.keyCount, bytes: index.byteSize } : null;
  }

  /** Starts the build if none has started; resolves when the index can answer. */
  build(): Promise<void> {
    this.building ??= this.load().finally(() => {
      this.building = null;
    });
    return this.building;
  }

  /** The index, up to date with the database; null while a large catalogue is first being built. */
  async current(): Promise<CatalogueMemoryIndex | null> {
    if (!this.index) {
      const pending = this.build();
      if (!(await this.isSmall())) {
        pending.catch(() => {}); // the next query starts it again
        return null;
      }
      await pending;
    }
    if (writeGeneration !== this.seenGeneration || Date.now() - this.lastFollowedAt >= FOLLOW_INTERVAL_MS)
      await this.follow();
    return this.index;
  }

  /**
   * Reads and applies what was written since the watermark (concurrent callers share one read).
   * More writes than a tail should hold (a large import) are not applied one by one: the index is
   * rebuilt from the table, and the current one answers until then.
   */
  follow(): Promise<void> {
    this.following ??= (async () => {
      const generation = writeGeneration;
      const index = this.index;
      if (!index || this.overflowed) return;
      const next = await this.applyWrites(index, this.watermark, this.appliedSince, this.tailRoom(index));
      if (next === 'too_many') {
        this.overflowed = true;
        void this.build().catch(() => {
          this.overflowed = false;
        });
        return;
      }
      if (this.index === index) {
        this.watermark = next.watermark;
        this.appliedSince = next.appliedSince;
      }
      this.seenGeneration = generation;
      this.lastFollowedAt = Date.now();
      if (this.tailRoom(index) <= 0) void this.build().catch(() => {});
    })().finally(() => {
      this.following = null;
    });
    return this.following;
  }

  /** How many more entries the tail takes before a rebuild (a tenth of the index, at least 10,000). */
  private tailRoom(index: CatalogueMemoryIndex): number {
    return Math.max(REBUILD_MIN_TAIL, index.baseSize / 10) - index.tailSize;
  }

  /** The rows of these published entries, from the cache or the database, in no particular order. */
  async readRows(ids: readonly string[]): Promise<Row[]> {
    const found: Row[] = [];
    const missing: string[] = [];
    for (const id of ids) {
      const row = this.rows.get(id);
      if (row) found.push(row);
      else missing.push(id);
    }
    if (missing.length > 0) {
      for (const row of await this.feed.findRows(missing)) {
        found.push(row);
        this.rows.set(row.id, row);
      }
    }
    return found;
  }

  private smallCatalogue: boolean | null = null;

  private async isSmall(): Promise<boolean> {
    this.smallCatalogue ??= (await this.feed.countIndexed()) <= AWAIT_BUILD_UP_TO;
    return this.smallCatalogue;
  }

  private async load(): Promise<void> {
    const generation = writeGeneration;
    const watermark = await this.feed.watermark();
    const total = await this.feed.countIndexed();
    const index = new CatalogueMemoryIndex();
    // The next page is read while this one is indexed.
    let page = this.feed.readIndexedPage(null, BATCH);
    for (;;) {
      const rows = await page;
      const last = rows.at(-1);
      const more = last !== undefined && rows.length === BATCH;
      if (more) {
        page = this.feed.readIndexedPage({ date: last.date, id: last.id }, BATCH);
        page.catch(() => {}); // awaited below; if indexing this page throws first, not unhandled
      }
      for (const row of rows) index.addToBase(toDocument(row));
      this.onProgress?.({ loaded: index.baseSize, total });
      if (!more) break;
    }
    index.seal();
    // The writes made while the table was read; however many, they are applied to the new index.
    const next = await this.applyWrites(index, watermark, new Map(), Number.POSITIVE_INFINITY);
    if (next === 'too_many') throw new Error('unreachable: no limit');
    this.index = index;
    this.overflowed = false;
    this.watermark = next.watermark;
    this.appliedSince = next.appliedSince;
    this.seenGeneration = generation;
    this.lastFollowedAt = Date.now();
  }

  /**
   * Applies the entries written from `watermark` on, unless there are more than `limit`. The new
   * watermark is taken before reading, so a transaction still running then is read again next
   * time; an entry already applied at the same transaction is skipped, so re-reading adds nothing.
   */
  private async applyWrites(
    index: CatalogueMemoryIndex,
    watermark: string,
    applied: Map<string, string>,
    limit: number,
  ): Promise<{ watermark: string; appliedSince: Map<string, string> } | 'too_many'> {
    const nextWatermark = await this.feed.watermark();
    const readLimit = Number.isFinite(limit) ? Math.max(0, Math.floor(limit)) + applied.size + 1 : null;
    const rows = await this.feed.readWrittenSince(watermark, readLimit ?? Number.MAX_SAFE_INTEGER);
    if (readLimit !== null && rows.length >= readLimit) return 'too_many';
    const appliedSince = new Map<string, string>();
    const stillOpen = BigInt(nextWatermark);
    for (const [id, xid] of applied) if (BigInt(xid) >= stillOpen) appliedSince.set(id, xid);
    for (const row of rows) {
      if (appliedSince.get(row.id) === row.changedXid) continue;
      this.rows.delete(row.id);
      if (row.indexed) index.upsert(toDocument(row));
      else index.remove(row.id);
      if (BigInt(row.changedXid) >= stillOpen) appliedSince.set(row.id, row.changedXid);
    }
    return { watermark: nextWatermark, appliedSince };
  }
}

const catalogueIndexes = new WeakMap<object, FollowedIndex<CatalogueSearchRow>>();
const decisionIndexes = new WeakMap<object, FollowedIndex<DecisionListItem>>();

function catalogueIndex(
  db: Kysely<DB>,
  onProgress?: (progress: IndexBuildProgress) => void,
): FollowedIndex<CatalogueSearchRow> {
  let followed = catalogueIndexes.get(db);
  if (!followed) {
    followed = new FollowedIndex(catalogueIndexFeedRepository(db), onProgress);
    catalogueIndexes.set(db, followed);
  }
  return followed;
}

function decisionIndex(db: Kysely<DB>): FollowedIndex<DecisionListItem> {
  let followed = decisionIndexes.get(db);
  if (!followed) {
    followed = new FollowedIndex(decisionIndexFeedRepository(db));
    decisionIndexes.set(db, followed);
  }
  return followed;
}

/**
 * Builds this database's indexes now (at server start), reporting the catalogue's progress, and
 * loads the query segmenter's dictionary (else the first search waits 0.15 s for it).
 */
export async function buildCatalogueIndex(
  db: Kysely<DB>,
  onProgress?: (progress: IndexBuildProgress) => void,
): Promise<void> {
  warmUpTokenizer();
  await Promise.all([catalogueIndex(db, onProgress).build(), decisionIndex(db).build()]);
}

/** What the catalogue's and the decisions' indexes hold (for benchmarks and health checks). */
export function searchIndexStats(db: Kysely<DB>) {
  return { catalogue: catalogueIndex(db).stats, decisions: decisionIndex(db).stats };
}

/**
 * A page of matches in display order with the exact number of matches; null when the index is not
 * built yet (the caller asks PostgreSQL instead).
 */
async function searchFollowed<Row extends { id: string }>(
  followed: FollowedIndex<Row>,
  query: IndexQuery,
): Promise<{ rows: Row[]; total: number } | null> {
  for (let attempt = 0; ; attempt++) {
    const index = await followed.current();
    if (!index) return null;
    const found = index.query(query);
    const rows = await followed.readRows(found.ids);
    // A record gone since the last read (another server's withdrawal): read the changes, ask again.
    if (rows.length < found.ids.length && attempt === 0) {
      await followed.follow();
      continue;
    }
    const byId = new Map(rows.map((row) => [row.id, row]));
    return {
      rows: found.ids.map((id) => byId.get(id)).filter((row) => row !== undefined),
      total: found.total,
    };
  }
}

/** Published catalogue entries matching the query (words, 文号 fragment, filter lexemes). */
export function searchCatalogueIndex(
  db: Kysely<DB>,
  query: IndexQuery,
): Promise<{ rows: CatalogueSearchRow[]; total: number } | null> {
  return searchFollowed(catalogueIndex(db), query);
}

/**
 * Decisions whose 文号 holds the fragment, newest decided first, optionally of one agency and one
 * year of decision; null while the index is first built on a large table.
 */
export function searchDecisionNumbers(
  db: Kysely<DB>,
  query: { fragment: string; agencyId?: string | undefined; year?: number | undefined; limit: number },
): Promise<{ rows: DecisionListItem[]; total: number } | null> {
  // The filter lexemes decisionIndexFeedRepository writes for each decision.
  const facets = [
    ...(query.agencyId ? [`agency_${query.agencyId.replace(/-/g, '')}`] : []),
    ...(query.year ? [`year_${query.year}`] : []),
  ];
  return searchFollowed(decisionIndex(db), {
    words: [],
    documentNumberFragment: query.fragment,
    facets,
    offset: 0,
    limit: query.limit,
  });
}
