import type { Kysely } from 'kysely';
import {
  type CatalogueSearchRow,
  catalogueIndexFeedRepository,
  type IndexFeedRow,
} from '../db/repositories/catalogue-search.repository.ts';
import type { DB } from '../db/schema.ts';
import { CatalogueMemoryIndex, type IndexDocument, type IndexQuery } from './memory-index.ts';

/**
 * Keeps a CatalogueMemoryIndex per database handle in this process and follows the database with it:
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

function toDocument(row: IndexFeedRow): IndexDocument {
  return {
    id: row.id,
    publishedOn: row.publishedOn,
    tokens: row.tokens === '' ? [] : row.tokens.split(' '),
    documentNumber: row.documentNumber,
  };
}

class FollowedIndex {
  private index: CatalogueMemoryIndex | null = null;
  /**
   * Rows of recent result pages, by id, least recently used first. An entry the feed reports as
   * written is dropped, so a kept row is never older than the index itself.
   */
  private readonly rows = new Map<string, CatalogueSearchRow>();
  private watermark = '0';
  /** Entries applied whose transaction is at or after the watermark: they will be read again. */
  private appliedSince = new Map<string, string>();
  private seenGeneration = writeGeneration;
  private lastFollowedAt = 0;
  private building: Promise<void> | null = null;
  private following: Promise<void> | null = null;
  private readonly feed;

  constructor(
    db: Kysely<DB>,
    private readonly onProgress?: (progress: IndexBuildProgress) => void,
  ) {
    this.feed = catalogueIndexFeedRepository(db);
  }

  get ready(): boolean {
    return this.index !== null;
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

  /** Reads and applies what was written since the watermark (concurrent callers share one read). */
  follow(): Promise<void> {
    this.following ??= (async () => {
      const generation = writeGeneration;
      const index = this.index;
      if (!index) return;
      const next = await this.applyWrites(index, this.watermark, this.appliedSince);
      if (this.index === index) {
        this.watermark = next.watermark;
        this.appliedSince = next.appliedSince;
      }
      this.seenGeneration = generation;
      this.lastFollowedAt = Date.now();
      if (index.tailSize >= Math.max(REBUILD_MIN_TAIL, index.baseSize / 10))
        void this.build().catch(() => {});
    })().finally(() => {
      this.following = null;
    });
    return this.following;
  }

  /** The rows of these published entries, from the cache or the database, in no particular order. */
  async readRows(ids: readonly string[]): Promise<CatalogueSearchRow[]> {
    const found: CatalogueSearchRow[] = [];
    const missing: string[] = [];
    for (const id of ids) {
      const row = this.rows.get(id);
      if (row) {
        this.rows.delete(id);
        this.rows.set(id, row);
        found.push(row);
      } else missing.push(id);
    }
    if (missing.length > 0) {
      for (const row of await this.feed.findPublishedRows(missing)) {
        found.push(row);
        this.rows.set(row.id, row);
      }
      while (this.rows.size > ROW_CACHE_SIZE) this.rows.delete(this.rows.keys().next().value!);
    }
    return found;
  }

  private smallCatalogue: boolean | null = null;

  private async isSmall(): Promise<boolean> {
    this.smallCatalogue ??= (await this.feed.countPublished()) <= AWAIT_BUILD_UP_TO;
    return this.smallCatalogue;
  }

  private async load(): Promise<void> {
    const generation = writeGeneration;
    const watermark = await this.feed.watermark();
    const total = await this.feed.countPublished();
    const index = new CatalogueMemoryIndex();
    // The next page is read while this one is indexed.
    let page = this.feed.readPublishedPage(null, BATCH);
    for (;;) {
      const rows = await page;
      const last = rows.at(-1);
      const more = last !== undefined && rows.length === BATCH;
      if (more) {
        page = this.feed.readPublishedPage({ publishedOn: last.publishedOn, id: last.id }, BATCH);
        page.catch(() => {}); // awaited below; if indexing this page throws first, not unhandled
      }
      for (const row of rows) index.addToBase(toDocument(row));
      this.onProgress?.({ loaded: index.baseSize, total });
      if (!more) break;
    }
    index.seal();
    const next = await this.applyWrites(index, watermark, new Map());
    this.index = index;
    this.watermark = next.watermark;
    this.appliedSince = next.appliedSince;
    this.seenGeneration = generation;
    this.lastFollowedAt = Date.now();
  }

  /**
   * Applies the entries written from `watermark` on. The new watermark is taken before reading, so
   * a transaction still running then is read again next time; an entry already applied at the same
   * transaction is skipped, so re-reading adds nothing.
   */
  private async applyWrites(
    index: CatalogueMemoryIndex,
    watermark: string,
    applied: Map<string, string>,
  ): Promise<{ watermark: string; appliedSince: Map<string, string> }> {
    const nextWatermark = await this.feed.watermark();
    const rows = await this.feed.readWrittenSince(watermark);
    const appliedSince = new Map<string, string>();
    const stillOpen = BigInt(nextWatermark);
    for (const [id, xid] of applied) if (BigInt(xid) >= stillOpen) appliedSince.set(id, xid);
    for (const row of rows) {
      if (appliedSince.get(row.id) === row.changedXid) continue;
      this.rows.delete(row.id);
      if (row.published) index.upsert(toDocument(row));
      else index.remove(row.id);
      if (BigInt(row.changedXid) >= stillOpen) appliedSince.set(row.id, row.changedXid);
    }
    return { watermark: nextWatermark, appliedSince };
  }
}

const indexes = new WeakMap<object, FollowedIndex>();

function followedIndex(db: Kysely<DB>, onProgress?: (progress: IndexBuildProgress) => void): FollowedIndex {
  let followed = indexes.get(db);
  if (!followed) {
    followed = new FollowedIndex(db, onProgress);
    indexes.set(db, followed);
  }
  return followed;
}

/** Builds this database's index now (at server start), reporting progress. */
export function buildCatalogueIndex(
  db: Kysely<DB>,
  onProgress?: (progress: IndexBuildProgress) => void,
): Promise<void> {
  return followedIndex(db, onProgress).build();
}

/**
 * A page of published entries matching the query, in display order, with the exact number of
 * matches; null when the index is not built yet (the caller asks PostgreSQL instead).
 */
export async function searchCatalogueIndex(
  db: Kysely<DB>,
  query: IndexQuery,
): Promise<{ rows: CatalogueSearchRow[]; total: number } | null> {
  const followed = followedIndex(db);
  for (let attempt = 0; ; attempt++) {
    const index = await followed.current();
    if (!index) return null;
    const found = index.query(query);
    const rows = await followed.readRows(found.ids);
    // An entry withdrawn by another server since the last read: read the changes and ask again.
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
