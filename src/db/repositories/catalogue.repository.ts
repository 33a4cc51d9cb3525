import { sql } from 'kysely';
import {
  type CatalogueEntry,
  type DocumentType,
  type EntryContentFields,
  type EntryStatus,
  type LinkKind,
  normaliseDocumentNumber,
  type Validity,
} from '../../core/catalogue/index.ts';
import type { AgencyScope } from '../../core/staff/index.ts';
import { agencySubtreeIds, type Executor } from './executor.ts';

const ENTRY_COLUMNS = [
  'catalogueEntry.id',
  'catalogueEntry.agencyId',
  'catalogueEntry.indexNumber',
  'catalogueEntry.title',
  'catalogueEntry.summary',
  'catalogueEntry.body',
  'catalogueEntry.issuingAgencyName',
  'catalogueEntry.documentNumber',
  'catalogueEntry.formedOn',
  'catalogueEntry.publishedOn',
  'catalogueEntry.category',
  'catalogueEntry.documentType',
  'catalogueEntry.topic',
  'catalogueEntry.validity',
  'catalogueEntry.validityChangedOn',
  'catalogueEntry.repealedBy',
  'catalogueEntry.status',
  'catalogueEntry.reviewNote',
  'catalogueEntry.withdrawnOn',
  'catalogueEntry.withdrawalReason',
  'catalogueEntry.createdBy',
  'catalogueEntry.version',
] as const;

type EntryRow = Omit<CatalogueEntry, 'documentType' | 'validity' | 'status'> & {
  documentType: string;
  validity: string;
  status: string;
};

function toEntry(row: EntryRow): CatalogueEntry {
  return {
    ...row,
    documentType: row.documentType as DocumentType,
    validity: row.validity as Validity,
    status: row.status as EntryStatus,
  };
}

/** A tsvector from jieba tokens, without any text-search parser in between. */
function tokensVector(tokens: readonly string[]) {
  return sql`array_to_tsvector(${[...new Set(tokens)]}::text[])`;
}

export interface EntryListFilter {
  scope: AgencyScope;
  agencyId?: string | undefined;
  status?: EntryStatus | undefined;
  /** Year of the 成文日期. */
  year?: number | undefined;
  category?: string | undefined;
  documentType?: DocumentType | undefined;
  /** A word of the title or 文号. */
  text?: string | undefined;
  ids?: readonly string[] | undefined;
  limit: number;
  offset: number;
}

export interface PublicEntryFilter {
  agencyId: string;
  /** Year of publication. */
  year?: number | undefined;
  category?: string | undefined;
  validity?: Validity | undefined;
  limit: number;
  offset: number;
}

export interface EntryAttachmentInfo {
  id: string;
  entryId: string;
  fileName: string;
  mediaType: string;
  byteSize: number;
  sha256: string;
  createdAt: Date;
}

export interface LinkedEntry {
  id: string;
  kind: LinkKind;
  /** 'interprets' = this entry explains the other; 'interpreted_by' = the other explains this one. */
  direction: 'interprets' | 'interpreted_by';
  title: string;
  indexNumber: string | null;
  status: EntryStatus;
  agencyCode: string;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function catalogueRepository(db: Executor) {
  return {
    async findIndexNumberPattern(
      agencyId: string,
    ): Promise<{ pattern: string; version: number } | undefined> {
      const row = await db
        .selectFrom('catalogueSetting')
        .select(['indexNumberPattern', 'version'])
        .where('agencyId', '=', agencyId)
        .executeTakeFirst();
      return row ? { pattern: row.indexNumberPattern, version: row.version } : undefined;
    },

    async saveIndexNumberPattern(agencyId: string, pattern: string): Promise<void> {
      await db
        .insertInto('catalogueSetting')
        .values({ agencyId, indexNumberPattern: pattern })
        .onConflict((oc) =>
          oc.column('agencyId').doUpdateSet({
            indexNumberPattern: pattern,
            updatedAt: new Date(),
            version: sql`catalogue_setting.version + 1`,
          }),
        )
        .execute();
    },

    /**
     * The next serial of a period, drawn under the row lock of the counter: two publications at once
     * never get the same serial, and a serial is never handed out twice. `count` draws a run of
     * serials at once (a bulk import): the last of the run is returned.
     */
    async drawSerial(agencyId: string, period: string, count = 1): Promise<number> {
      const row = await db
        .insertInto('indexNumberCounter')
        .values({ agencyId, period, lastSerial: count })
        .onConflict((oc) =>
          oc.columns(['agencyId', 'period']).doUpdateSet({
            lastSerial: sql`index_number_counter.last_serial + ${count}`,
          }),
        )
        .returning('lastSerial')
        .executeTakeFirstOrThrow();
      return row.lastSerial;
    },

    /** After loading numbered entries from elsewhere: the counter never falls behind the numbers in use. */
    async raiseSerialTo(agencyId: string, period: string, atLeast: number): Promise<void> {
      await db
        .insertInto('indexNumberCounter')
        .values({ agencyId, period, lastSerial: atLeast })
        .onConflict((oc) =>
          oc.columns(['agencyId', 'period']).doUpdateSet({
            lastSerial: sql`greatest(index_number_counter.last_serial, excluded.last_serial)`,
          }),
        )
        .execute();
    },

    async isIndexNumberTaken(indexNumber: string): Promise<boolean> {
      const row = await db
        .selectFrom('catalogueEntry')
        .select('id')
        .where('indexNumber', '=', indexNumber)
        .executeTakeFirst();
      return row !== undefined;
    },

    async insertEntry(
      agencyId: string,
      fields: EntryContentFields,
      tokens: readonly string[],
      createdBy: string | null,
      published?: { indexNumber: string; publishedOn: string },
    ): Promise<CatalogueEntry> {
      const row = await db
        .insertInto('catalogueEntry')
        .values({
          agencyId,
          ...fields,
          createdBy,
          searchTokens: tokensVector(tokens),
          ...(published
            ? { status: 'published', indexNumber: published.indexNumber, publishedOn: published.publishedOn }
            : {}),
        })
        .returning(ENTRY_COLUMNS)
        .executeTakeFirstOrThrow();
      return toEntry(row);
    },

    /**
     * Entries in one multi-row statement (demo seed, benchmarks): fields, tokens and, when given,
     * the publication.
     */
    async insertPublishedEntries(
      rows: {
        agencyId: string;
        fields: EntryContentFields;
        tokens: readonly string[];
        indexNumber: string;
        publishedOn: string;
      }[],
    ): Promise<void> {
      if (rows.length === 0) return;
      await db
        .insertInto('catalogueEntry')
        .values(
          rows.map((r) => ({
            agencyId: r.agencyId,
            ...r.fields,
            status: 'published',
            indexNumber: r.indexNumber,
            publishedOn: r.publishedOn,
            searchTokens: tokensVector(r.tokens),
          })),
        )
        .execute();
    },

    async findById(id: string): Promise<CatalogueEntry | undefined> {
      const row = await db
        .selectFrom('catalogueEntry')
        .select(ENTRY_COLUMNS)
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? toEntry(row) : undefined;
    },

    async findPublishedByIndexNumber(
      agencyId: string,
      indexNumber: string,
    ): Promise<CatalogueEntry | undefined> {
      const row = await db
        .selectFrom('catalogueEntry')
        .select(ENTRY_COLUMNS)
        .where('agencyId', '=', agencyId)
        .where('indexNumber', '=', indexNumber)
        .where('status', 'in', ['published', 'withdrawn'])
        .executeTakeFirst();
      return row ? toEntry(row) : undefined;
    },

    /** Optimistic locking: content changes apply only to the version the editor saw. */
    async updateContent(
      id: string,
      expectedVersion: number,
      fields: EntryContentFields,
      tokens: readonly string[],
    ): Promise<CatalogueEntry | undefined> {
      const row = await db
        .updateTable('catalogueEntry')
        .set({
          ...fields,
          searchTokens: tokensVector(tokens),
          updatedAt: new Date(),
          version: sql`version + 1`,
        })
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .returning(ENTRY_COLUMNS)
        .executeTakeFirst();
      return row ? toEntry(row) : undefined;
    },

    async updateValidity(
      id: string,
      expectedVersion: number,
      fields: { validity: Validity; validityChangedOn: string | null; repealedBy: string | null },
      tokens: readonly string[],
    ): Promise<CatalogueEntry | undefined> {
      const row = await db
        .updateTable('catalogueEntry')
        .set({
          ...fields,
          searchTokens: tokensVector(tokens),
          updatedAt: new Date(),
          version: sql`version + 1`,
        })
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .returning(ENTRY_COLUMNS)
        .executeTakeFirst();
      return row ? toEntry(row) : undefined;
    },

    /** The only writer of `status` (the transition is decided in core). */
    async changeStatus(
      id: string,
      expectedVersion: number,
      change: {
        status: EntryStatus;
        reviewNote?: string | null;
        indexNumber?: string;
        publishedOn?: string;
        withdrawnOn?: string;
        withdrawalReason?: string;
      },
      tokens?: readonly string[],
    ): Promise<CatalogueEntry | undefined> {
      const row = await db
        .updateTable('catalogueEntry')
        .set({
          ...change,
          ...(tokens ? { searchTokens: tokensVector(tokens) } : {}),
          updatedAt: new Date(),
          version: sql`version + 1`,
        })
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .returning(ENTRY_COLUMNS)
        .executeTakeFirst();
      return row ? toEntry(row) : undefined;
    },

    async list(filter: EntryListFilter): Promise<{ entries: CatalogueEntry[]; total: number }> {
      let query = db.selectFrom('catalogueEntry');
      const { scope } = filter;
      if (scope.kind === 'own') query = query.where('catalogueEntry.agencyId', '=', scope.agencyId);
      if (scope.kind === 'subtree')
        query = query.where('catalogueEntry.agencyId', 'in', agencySubtreeIds(scope.rootAgencyId));
      if (filter.agencyId) query = query.where('catalogueEntry.agencyId', '=', filter.agencyId);
      if (filter.status) query = query.where('catalogueEntry.status', '=', filter.status);
      if (filter.ids) {
        if (filter.ids.length === 0) return { entries: [], total: 0 };
        query = query.where('catalogueEntry.id', 'in', [...filter.ids]);
      }
      if (filter.category) query = query.where('catalogueEntry.category', '=', filter.category);
      if (filter.documentType) query = query.where('catalogueEntry.documentType', '=', filter.documentType);
      if (filter.year !== undefined) {
        query = query
          .where('catalogueEntry.formedOn', '>=', `${filter.year}-01-01`)
          .where('catalogueEntry.formedOn', '<=', `${filter.year}-12-31`);
      }
      if (filter.text) {
        const like = `%${escapeLike(filter.text)}%`;
        const numberLike = `%${escapeLike(normaliseDocumentNumber(filter.text))}%`;
        query = query.where((eb) =>
          eb.or([
            eb('catalogueEntry.title', 'like', like),
            eb('catalogueEntry.documentNumber', 'like', numberLike),
            eb('catalogueEntry.indexNumber', 'like', like),
          ]),
        );
      }
      const [rows, count] = await Promise.all([
        query
          .select(ENTRY_COLUMNS)
          .orderBy('catalogueEntry.formedOn', 'desc')
          .orderBy('catalogueEntry.id', 'desc')
          .limit(filter.limit)
          .offset(filter.offset)
          .execute(),
        query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
      ]);
      return { entries: rows.map(toEntry), total: Number(count?.n ?? 0) };
    },

    /** Published entries of an agency, newest first: the portal's catalogue pages. */
    async listPublished(filter: PublicEntryFilter): Promise<{ entries: CatalogueEntry[]; total: number }> {
      let query = db
        .selectFrom('catalogueEntry')
        .where('catalogueEntry.agencyId', '=', filter.agencyId)
        .where('catalogueEntry.status', '=', 'published');
      if (filter.category) query = query.where('catalogueEntry.category', '=', filter.category);
      if (filter.validity) query = query.where('catalogueEntry.validity', '=', filter.validity);
      if (filter.year !== undefined) {
        query = query
          .where('catalogueEntry.publishedOn', '>=', `${filter.year}-01-01`)
          .where('catalogueEntry.publishedOn', '<=', `${filter.year}-12-31`);
      }
      const [rows, count] = await Promise.all([
        query
          .select(ENTRY_COLUMNS)
          .orderBy('catalogueEntry.publishedOn', 'desc')
          .orderBy('catalogueEntry.id', 'desc')
          .limit(filter.limit)
          .offset(filter.offset)
          .execute(),
        query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
      ]);
      return { entries: rows.map(toEntry), total: Number(count?.n ?? 0) };
    },

    /** Counts for the portal's browse facets: published entries by year, category and validity. */
    async publishedFacets(agencyId: string): Promise<{
      years: { year: number; count: number }[];
      categories: { category: string; count: number }[];
      validities: { validity: Validity; count: number }[];
    }> {
      const base = db
        .selectFrom('catalogueEntry')
        .where('agencyId', '=', agencyId)
        .where('status', '=', 'published');
      const [years, categories, validities] = await Promise.all([
        base
          .select([
            sql<number>`extract(year FROM published_on)::int`.as('year'),
            (eb) => eb.fn.countAll<number>().as('count'),
          ])
          .groupBy(sql`1`)
          .orderBy(sql`1`, 'desc')
          .execute(),
        base
          .select(['category', (eb) => eb.fn.countAll<number>().as('count')])
          .groupBy('category')
          .orderBy('category')
          .execute(),
        base
          .select(['validity', (eb) => eb.fn.countAll<number>().as('count')])
          .groupBy('validity')
          .execute(),
      ]);
      return {
        years: years.map((r) => ({ year: Number(r.year), count: Number(r.count) })),
        categories: categories.map((r) => ({ category: r.category, count: Number(r.count) })),
        validities: validities.map((r) => ({ validity: r.validity as Validity, count: Number(r.count) })),
      };
    },

    async countPublishedByAgency(): Promise<Map<string, number>> {
      const rows = await db
        .selectFrom('catalogueEntry')
        .select(['agencyId', (eb) => eb.fn.countAll<number>().as('n')])
        .where('status', '=', 'published')
        .groupBy('agencyId')
        .execute();
      return new Map(rows.map((r) => [r.agencyId, Number(r.n)]));
    },

    /** Entries formed in a year (any status but withdrawn-before-publication, which cannot happen). */
    async listForTimeliness(agencyId: string, year: number) {
      return db
        .selectFrom('catalogueEntry')
        .select([
          'id',
          'title',
          'indexNumber',
          'documentNumber',
          'formedOn',
          'publishedOn',
          'status',
          'category',
          'documentType',
        ])
        .where('agencyId', '=', agencyId)
        .where('formedOn', '>=', `${year}-01-01`)
        .where('formedOn', '<=', `${year}-12-31`)
        .orderBy('formedOn')
        .orderBy('id')
        .execute();
    },

    /** 规章 and 行政规范性文件 published (not withdrawn) and formed by the end of the year. */
    async listSection2Documents(agencyId: string, year: number) {
      const rows = await db
        .selectFrom('catalogueEntry')
        .select(['id', 'documentType', 'formedOn', 'validity', 'validityChangedOn'])
        .where('agencyId', '=', agencyId)
        .where('status', '=', 'published')
        .where('documentType', 'in', ['rule', 'normative_document'])
        .where('formedOn', '<=', `${year}-12-31`)
        .orderBy('formedOn')
        .orderBy('id')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        documentType: r.documentType as 'rule' | 'normative_document',
        formedOn: r.formedOn,
        validity: r.validity as Validity,
        validityChangedOn: r.validityChangedOn,
      }));
    },

    async listByIds(ids: readonly string[]): Promise<CatalogueEntry[]> {
      if (ids.length === 0) return [];
      const rows = await db
        .selectFrom('catalogueEntry')
        .select(ENTRY_COLUMNS)
        .where('id', 'in', [...ids])
        .orderBy('formedOn')
        .execute();
      return rows.map(toEntry);
    },

    // ── Attachments ──────────────────────────────────────────────────────────────────────────────

    async insertAttachment(attachment: {
      agencyId: string;
      entryId: string;
      fileName: string;
      mediaType: string;
      content: Buffer;
      sha256: string;
      createdBy: string | null;
    }): Promise<EntryAttachmentInfo> {
      return db
        .insertInto('catalogueAttachment')
        .values({ ...attachment, byteSize: attachment.content.length })
        .returning(['id', 'entryId', 'fileName', 'mediaType', 'byteSize', 'sha256', 'createdAt'])
        .executeTakeFirstOrThrow();
    },

    async listAttachments(entryId: string): Promise<EntryAttachmentInfo[]> {
      return db
        .selectFrom('catalogueAttachment')
        .select(['id', 'entryId', 'fileName', 'mediaType', 'byteSize', 'sha256', 'createdAt'])
        .where('entryId', '=', entryId)
        .orderBy('createdAt')
        .execute();
    },

    async findAttachment(entryId: string, attachmentId: string) {
      return db
        .selectFrom('catalogueAttachment')
        .select(['id', 'entryId', 'agencyId', 'fileName', 'mediaType', 'byteSize', 'sha256', 'content'])
        .where('entryId', '=', entryId)
        .where('id', '=', attachmentId)
        .executeTakeFirst();
    },

    async deleteAttachment(entryId: string, attachmentId: string): Promise<boolean> {
      const result = await db
        .deleteFrom('catalogueAttachment')
        .where('entryId', '=', entryId)
        .where('id', '=', attachmentId)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    // ── Links between documents and their interpretations ────────────────────────────────────────

    async insertLink(link: {
      agencyId: string;
      entryId: string;
      interpretationId: string;
      kind: LinkKind;
    }): Promise<boolean> {
      const result = await db
        .insertInto('catalogueLink')
        .values(link)
        .onConflict((oc) => oc.doNothing())
        .execute();
      return Number(result[0]?.numInsertedOrUpdatedRows ?? 0) > 0;
    },

    async deleteLink(entryId: string, interpretationId: string): Promise<boolean> {
      const result = await db
        .deleteFrom('catalogueLink')
        .where('entryId', '=', entryId)
        .where('interpretationId', '=', interpretationId)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async listLinks(entryId: string): Promise<LinkedEntry[]> {
      const [interpretedBy, interprets] = await Promise.all([
        db
          .selectFrom('catalogueLink')
          .innerJoin('catalogueEntry', 'catalogueEntry.id', 'catalogueLink.interpretationId')
          .innerJoin('agency', 'agency.id', 'catalogueEntry.agencyId')
          .select([
            'catalogueEntry.id',
            'catalogueLink.kind',
            'catalogueEntry.title',
            'catalogueEntry.indexNumber',
            'catalogueEntry.status',
            'agency.code as agencyCode',
          ])
          .where('catalogueLink.entryId', '=', entryId)
          .orderBy('catalogueEntry.formedOn')
          .execute(),
        db
          .selectFrom('catalogueLink')
          .innerJoin('catalogueEntry', 'catalogueEntry.id', 'catalogueLink.entryId')
          .innerJoin('agency', 'agency.id', 'catalogueEntry.agencyId')
          .select([
            'catalogueEntry.id',
            'catalogueLink.kind',
            'catalogueEntry.title',
            'catalogueEntry.indexNumber',
            'catalogueEntry.status',
            'agency.code as agencyCode',
          ])
          .where('catalogueLink.interpretationId', '=', entryId)
          .orderBy('catalogueEntry.formedOn')
          .execute(),
      ]);
      const map = (direction: LinkedEntry['direction']) => (r: (typeof interprets)[number]) => ({
        id: r.id,
        kind: r.kind as LinkKind,
        direction,
        title: r.title,
        indexNumber: r.indexNumber,
        status: r.status as EntryStatus,
        agencyCode: r.agencyCode,
      });
      return [...interpretedBy.map(map('interpreted_by')), ...interprets.map(map('interprets'))];
    },
  };
}

export type CatalogueRepository = ReturnType<typeof catalogueRepository>;
