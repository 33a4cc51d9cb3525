/**
 * The catalogue's search index, held in memory: an inverted index whose posting lists are ordered
 * by publication date, newest first. PostgreSQL's GIN index finds matching rows fast but cannot
 * return them in date order, so a common word over a million entries meant reading and sorting
 * every match; here the first page of any query is the head of an intersection of sorted arrays.
 *
 * Layout. Every entry is a *slot* (an integer). The slots loaded at build time (the base) are
 * numbered in display order — publication date descending, then id descending, as the database
 * sorts them — so a posting list of base slots, kept ascending, is already newest first. Entries
 * published or changed after the build get new slots at the end (the tail), in arrival order; a
 * query sorts its few tail matches and merges them in. A changed or withdrawn entry's old slot is
 * marked dead. When the tail grows large the owner rebuilds the index from the database
 * (indexed-catalogue-search.ts).
 *
 * Memory, per entry: 16 bytes of id, 4 of date, 1 bit of liveness, 4 for the id lookup, 4 per
 * token of a sparse key (a key held by more than 1 entry in 32 is a bitmap: 1 bit per entry), and
 * the 文号 with its character trigrams, for fragment queries. Measured: 95 MB of arrays for a
 * million entries of about 58 tokens each (bench/catalogue-search.bench.ts).
 *
 * Pure and synchronous: no I/O, no clock.
 */
import { LRUCache } from 'lru-cache';

export interface IndexDocument {
  /** The entry's uuid. */
  id: string;
  /** 'YYYY-MM-DD': the date shown by, newest first (publication for entries, decision for decisions). */
  date: string;
  /** Words and filter lexemes, as stored in search_tokens (src/search/tokenize.ts). */
  tokens: readonly string[];
  documentNumber: string | null;
}

export interface IndexQuery {
  /** Words that must all be tokens of the entry (none: match on the fragment only). */
  words: readonly string[];
  /**
   * Or the entry's 文号 contains this text (at least FRAGMENT_MIN_LENGTH characters): 张审批〔2021〕12
   * finds 张审批〔2021〕12号 and 120号.
   */
  documentNumberFragment: string | null;
  /** Filter lexemes every match must have (agency, year, category, 体裁, validity). */
  facets: readonly string[];
  offset: number;
  limit: number;
}

export interface IndexResult {
  /** The page's entry ids, in display order. */
  ids: string[];
  /** Every match, counted exactly. */
  total: number;
}

export const FRAGMENT_MIN_LENGTH = 3;
/** Trigram keys share the token map; tokens are letters and digits only, so this prefix is free. */
const TRIGRAM_PREFIX = '\u0000';
const ID_BYTES = 16;
/** A key held by more than one base entry in this many is kept as a bitmap (1 bit per entry < 32 per slot). */
const DENSE_SHARE = 32;

interface Postings {
  /** Base slots, ascending (= display order); empty when `bits` holds them. */
  base: Int32Array;
  /** The base slots as a bitmap instead, for a key held by more than 1 entry in 32 (smaller, faster). */
  bits: Uint32Array | null;
  /** How many base slots the key has (whichever form holds them). */
  baseLength: number;
  /** Tail slots, ascending (= arrival order). */
  tail: number[];
}

const EMPTY = new Int32Array(0);
/** Key sets whose matches among the base were counted, kept for their next pages and repeats. */
const COUNTED_KEY_SETS = 10_000;

function dayNumber(isoDate: string): number {
  return Math.floor(
    Date.UTC(+isoDate.slice(0, 4), +isoDate.slice(5, 7) - 1, +isoDate.slice(8, 10)) / 86_400_000,
  );
}

function parseUuid(id: string, into: Uint8Array, at: number): void {
  const hex = id.replace(/-/g, '');
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new Error(`not a uuid: ${id}`);
  for (let i = 0; i < ID_BYTES; i++) into[at + i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function formatUuid(bytes: Uint8Array, at: number): string {
  let s = '';
  for (let i = 0; i < ID_BYTES; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) s += '-';
    s += HEX[bytes[at + i]!];
  }
  return s;
}

/** The 文号's character trigrams (UTF-16 units, as the fragment's are cut). */
function trigrams(text: string): string[] {
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= text.length; i++) grams.add(TRIGRAM_PREFIX + text.slice(i, i + 3));
  return [...grams];
}

function grow<T extends Int32Array | Uint8Array | Uint32Array>(array: T, needed: number): T {
  if (needed <= array.length) return array;
  const next = new (array.constructor as new (n: number) => T)(Math.max(needed, array.length * 2));
  next.set(array);
  return next;
}

export class CatalogueMemoryIndex {
  private ids = new Uint8Array(0);
  private days = new Int32Array(0);
  /** A bit per slot: set while the entry can be found. */
  private live = new Uint32Array(0);
  private documentNumbers: (string | null)[] = [];
  private slotCount = 0;
  private baseCount = 0;
  private sealed = false;
  private liveCount = 0;
  /**
   * How many live base slots hold every key of a set (its keys sorted, joined by U+0001). The base
   * only changes when one of its slots dies, and then every count is dropped: a count kept is
   * exact, and a query whose set was counted reads only the head of the intersection, its page.
   */
  private readonly baseCounts = new LRUCache<string, number>({ max: COUNTED_KEY_SETS });
  private readonly postings = new Map<string, Postings>();
  /** While building: the growing base lists (trimmed into `postings` on seal). */
  private building: Map<string, { slots: Int32Array; length: number }> | null = new Map();
  /** Base slots sorted by id, for finding an entry's slot (binary search). */
  private baseById = new Int32Array(0);
  private readonly tailSlotById = new Map<string, number>();

  /** Entries that can be found. */
  get size(): number {
    return this.liveCount;
  }

  /** Entries added since the build, alive or not: the owner rebuilds when this grows large. */
  get tailSize(): number {
    return this.slotCount - this.baseCount;
  }

  get baseSize(): number {
    return this.baseCount;
  }

  /** Bytes held in typed arrays (posting lists, bitmaps, ids, dates): the bulk of the index. */
  get byteSize(): number {
    let bytes = this.ids.byteLength + this.days.byteLength + this.live.byteLength + this.baseById.byteLength;
    for (const list of this.postings.values())
      bytes += list.base.byteLength + (list.bits?.byteLength ?? 0) + list.tail.length * 8;
    return bytes;
  }

  /** Distinct words, filter lexemes and 文号 trigrams. */
  get keyCount(): number {
    return this.postings.size;
  }

  /**
   * Adds a published entry while building. Entries must come in display order (publication date
   * descending, then id descending); an entry out of order is refused, since every list relies on it.
   */
  addToBase(document: IndexDocument): void {
    if (this.sealed || !this.building) throw new Error('the base of a sealed index cannot grow');
    const slot = this.newSlot(document);
    if (slot > 0 && this.compareSlots(slot - 1, slot) >= 0)
      throw new Error(`entries must come newest first: ${document.id} (${document.date})`);
    for (const key of this.keysOf(document)) {
      let list = this.building.get(key);
      if (!list) {
        list = { slots: new Int32Array(4), length: 0 };
        this.building.set(key, list);
      }
      list.slots = grow(list.slots, list.length + 1);
      list.slots[list.length++] = slot;
    }
    this.baseCount = this.slotCount;
  }

  /** Ends the build: lists are trimmed to size (or made bitmaps) and the id lookup is sorted. */
  seal(): void {
    if (this.sealed || !this.building) return;
    const denseFrom = this.baseCount / DENSE_SHARE;
    for (const [key, list] of this.building) {
      const slots = list.slots.subarray(0, list.length);
      this.postings.set(
        key,
        list.length > denseFrom
          ? { base: EMPTY, bits: toBitmap(slots, this.baseCount), baseLength: list.length, tail: [] }
          : { base: slots.slice(), bits: null, baseLength: list.length, tail: [] },
      );
    }
    this.building = null;
    this.sealed = true;
    const order = new Int32Array(this.baseCount);
    for (let i = 0; i < order.length; i++) order[i] = i;
    const ids = this.ids;
    order.sort((a, b) => {
      for (let i = 0; i < ID_BYTES; i++) {
        const d = ids[a * ID_BYTES + i]! - ids[b * ID_BYTES + i]!;
        if (d !== 0) return d;
      }
      return 0;
    });
    this.baseById = order;
  }

  /** A published entry, new or changed: its old slot (if any) dies and it takes a tail slot. */
  upsert(document: IndexDocument): void {
    this.requireSealed();
    this.remove(document.id);
    const slot = this.newSlot(document);
    this.tailSlotById.set(document.id.toLowerCase(), slot);
    for (const key of this.keysOf(document)) {
      let list = this.postings.get(key);
      if (!list) {
        list = { base: EMPTY, bits: null, baseLength: 0, tail: [] };
        this.postings.set(key, list);
      }
      list.tail.push(slot);
    }
  }

  /** An entry no longer public (withdrawn, back to draft) or gone. */
  remove(id: string): void {
    this.requireSealed();
    const key = id.toLowerCase();
    const tailSlot = this.tailSlotById.get(key);
    if (tailSlot !== undefined) {
      this.kill(tailSlot);
      this.tailSlotById.delete(key);
      return;
    }
    const slot = this.findBaseSlot(id);
    if (slot >= 0) this.kill(slot);
  }

  has(id: string): boolean {
    const tailSlot = this.tailSlotById.get(id.toLowerCase());
    if (tailSlot !== undefined) return isSet(this.live, tailSlot);
    const slot = this.findBaseSlot(id);
    return slot >= 0 && isSet(this.live, slot);
  }

  query(query: IndexQuery): IndexResult {
    this.requireSealed();
    const wanted = query.offset + query.limit;
    const fragment = query.documentNumberFragment;
    const byWords = query.words.length > 0 ? [...query.words, ...query.facets] : null;
    if (fragment === null || fragment.length < FRAGMENT_MIN_LENGTH) {
      if (!byWords) return { ids: [], total: 0 };
      const matches = this.intersect(byWords, wanted);
      return { ids: this.page(matches, query.offset, query.limit), total: matches.total };
    }
    // Words or a 文号 fragment: both sets in full (a fragment's candidates are few), then merged.
    const words = byWords ? this.intersect(byWords, Number.POSITIVE_INFINITY) : null;
    const candidates = this.intersect([...trigrams(fragment), ...query.facets], Number.POSITIVE_INFINITY);
    const verified = (slots: Int32Array) =>
      slots.filter((slot) => this.documentNumbers[slot]?.includes(fragment));
    const base = unionSorted(words?.base ?? EMPTY, verified(candidates.base));
    const tail = unionSorted(words?.tail ?? EMPTY, verified(candidates.tail));
    const total = base.length + tail.length;
    return { ids: this.page({ base, tail, total }, query.offset, query.limit), total };
  }

  private requireSealed(): void {
    if (!this.sealed) throw new Error('the index is still being built');
  }

  private newSlot(document: IndexDocument): number {
    const slot = this.slotCount++;
    this.ids = grow(this.ids, Math.max(this.slotCount, 1024) * ID_BYTES);
    this.days = grow(this.days, Math.max(this.slotCount, 1024));
    this.live = grow(this.live, (Math.max(this.slotCount, 1024) + 31) >>> 5);
    parseUuid(document.id, this.ids, slot * ID_BYTES);
    this.days[slot] = dayNumber(document.date);
    this.live[slot >>> 5]! |= 1 << (slot & 31);
    this.documentNumbers[slot] = document.documentNumber;
    this.liveCount++;
    return slot;
  }

  private kill(slot: number): void {
    if (isSet(this.live, slot)) {
      this.live[slot >>> 5]! &= ~(1 << (slot & 31));
      this.liveCount--;
      if (slot < this.baseCount) this.baseCounts.clear();
      this.documentNumbers[slot] = null;
    }
  }

  /** The entry's tokens (distinct, as a tsvector's lexemes are) and its 文号's trigrams. */
  private keysOf(document: IndexDocument): string[] {
    return document.documentNumber
      ? [...document.tokens, ...trigrams(document.documentNumber)]
      : [...document.tokens];
  }

  private findBaseSlot(id: string): number {
    const wanted = new Uint8Array(ID_BYTES);
    try {
      parseUuid(id, wanted, 0);
    } catch {
      return -1;
    }
    let lo = 0;
    let hi = this.baseById.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const slot = this.baseById[mid]!;
      let d = 0;
      for (let i = 0; i < ID_BYTES && d === 0; i++) d = this.ids[slot * ID_BYTES + i]! - wanted[i]!;
      if (d === 0) return slot;
      if (d < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** Display order: publication date descending, then id descending. Negative when a comes first. */
  private compareSlots(a: number, b: number): number {
    const d = this.days[b]! - this.days[a]!;
    if (d !== 0) return d;
    for (let i = 0; i < ID_BYTES; i++) {
      const c = this.ids[b * ID_BYTES + i]! - this.ids[a * ID_BYTES + i]!;
      if (c !== 0) return c;
    }
    return 0;
  }

  /**
   * The live slots holding every key: how many, the first `wanted` base slots (display order) and
   * every tail slot (arrival order). Sparse lists are intersected by galloping from the shortest,
   * with bitmaps (and liveness) tested bit by bit; keys that are all bitmaps are ANDed word by word.
   */
  private intersect(keys: readonly string[], wanted: number): Matches {
    const lists: Postings[] = [];
    const distinct = [...new Set(keys)].sort();
    for (const key of distinct) {
      const list = this.postings.get(key);
      if (!list) return { base: EMPTY, tail: EMPTY, total: 0 };
      lists.push(list);
    }
    if (lists.length === 0) return { base: EMPTY, tail: EMPTY, total: 0 };
    const sparse = lists.filter((l) => l.bits === null).map((l) => l.base);
    const bitmaps = [...lists.flatMap((l) => (l.bits ? [l.bits] : [])), this.live];
    sparse.sort((a, b) => a.length - b.length);
    const room = Math.min(wanted, ...lists.map((l) => l.baseLength));
    const base = new Int32Array(room);
    const keySet = distinct.join('\u0001');
    const known = this.baseCounts.get(keySet);
    const counted =
      sparse.length > 0
        ? intersectInto(sparse, bitmaps, base, known === undefined)
        : intersectBitmaps(bitmaps, base, this.baseCount, known === undefined);
    const baseTotal = known ?? counted;
    if (known === undefined) this.baseCounts.set(keySet, counted);
    // Tail slots all follow base slots: the (short) tail lists are intersected apart.
    let tail = EMPTY;
    if (lists.every((l) => l.tail.length > 0)) {
      const tails = lists.map((l) => Int32Array.from(l.tail)).sort((a, b) => a.length - b.length);
      tail = new Int32Array(tails[0]!.length);
      tail = tail.subarray(0, intersectInto(tails, [this.live], tail, true));
    }
    return { base: base.subarray(0, Math.min(baseTotal, room)), tail, total: baseTotal + tail.length };
  }

  /** The page [offset, offset + limit): base matches are in display order, tail ones sorted here. */
  private page(matches: Matches, offset: number, limit: number): string[] {
    const { base } = matches;
    const tail = Array.from(matches.tail).sort((a, b) => this.compareSlots(a, b));
    const ids: string[] = [];
    let b = 0;
    let t = 0;
    for (let position = 0; position < offset + limit && (b < base.length || t < tail.length); position++) {
      let slot: number;
      if (t >= tail.length || (b < base.length && this.compareSlots(base[b]!, tail[t]!) < 0))
        slot = base[b++]!;
      else slot = tail[t++]!;
      if (position >= offset) ids.push(formatUuid(this.ids, slot * ID_BYTES));
    }
    return ids;
  }
}

interface Matches {
  /** The first base matches, in display order (as many as were wanted). */
  base: Int32Array;
  /** Every tail match, in arrival order. */
  tail: Int32Array;
  /** Every match, counted. */
  total: number;
}

function isSet(bits: Uint32Array, slot: number): boolean {
  return ((bits[slot >>> 5]! >>> (slot & 31)) & 1) === 1;
}

function popcount(word: number): number {
  let v = word - ((word >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

function toBitmap(slots: Int32Array, size: number): Uint32Array {
  const bits = new Uint32Array(Math.ceil(size / 32));
  for (let i = 0; i < slots.length; i++) bits[slots[i]! >>> 5]! |= 1 << (slots[i]! & 31);
  return bits;
}

/**
 * Counts the values present in every list and set in every bitmap, writing the first ones (as many
 * as `out` holds) ascending; without `countAll` it stops once `out` is full. Lists are sorted
 * ascending, shortest first: each value of the shortest is sought in the other lists by galloping
 * and tested in the bitmaps, so the cost follows the rarest key, not the commonest.
 */
function intersectInto(
  lists: Int32Array[],
  bitmaps: Uint32Array[],
  out: Int32Array,
  countAll: boolean,
): number {
  const driver = lists[0]!;
  let n = 0;
  const cursors = new Int32Array(lists.length);
  candidates: for (let i = 0; i < driver.length; i++) {
    const v = driver[i]!;
    for (let b = 0; b < bitmaps.length; b++)
      if ((bitmaps[b]![v >>> 5]! & (1 << (v & 31))) === 0) continue candidates;
    for (let j = 1; j < lists.length; j++) {
      const list = lists[j]!;
      let lo = cursors[j]!;
      if (lo >= list.length) break candidates;
      if (list[lo]! < v) {
        // Gallop: double the step until past v, then binary search the last step.
        let step = 1;
        let hi = lo + 1;
        while (hi < list.length && list[hi]! < v) {
          lo = hi;
          step *= 2;
          hi = lo + step;
        }
        if (hi > list.length) hi = list.length;
        lo++;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (list[mid]! < v) lo = mid + 1;
          else hi = mid;
        }
      }
      cursors[j] = lo;
      if (lo >= list.length) break candidates;
      if (list[lo] !== v) continue candidates;
    }
    if (n < out.length) out[n] = v;
    n++;
    if (n >= out.length && !countAll) break;
  }
  return n;
}

/**
 * Counts the slots below `size` set in every bitmap, writing the first ones (as many as `out`
 * holds) ascending: a word-by-word AND, with bits read out only while `out` has room; without
 * `countAll` it stops once `out` is full.
 */
function intersectBitmaps(bitmaps: Uint32Array[], out: Int32Array, size: number, countAll: boolean): number {
  let n = 0;
  const words = Math.ceil(size / 32);
  for (let w = 0; w < words; w++) {
    if (n >= out.length && !countAll) break;
    let word = bitmaps[0]![w]!;
    for (let b = 1; b < bitmaps.length && word !== 0; b++) word &= bitmaps[b]![w]!;
    if (word === 0) continue;
    if (w === words - 1 && size % 32 !== 0) word &= (1 << (size % 32)) - 1;
    if (n >= out.length) {
      n += popcount(word);
      continue;
    }
    while (word !== 0) {
      const bit = 31 - Math.clz32(word & -word);
      word &= word - 1;
      if (n < out.length) out[n] = (w << 5) | bit;
      n++;
    }
  }
  return n;
}

function unionSorted(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i]! < b[j]!)) out[n++] = a[i++]!;
    else if (i >= a.length || b[j]! < a[i]!) out[n++] = b[j++]!;
    else {
      out[n++] = a[i++]!;
      j++;
    }
  }
  return out.subarray(0, n);
}
