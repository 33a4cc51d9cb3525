import { sql } from 'kysely';
import type { RequestEvent, RequestEventKind } from '../../core/disclosure-request/index.ts';
import type { PieceRecord } from '../../core/fees/index.ts';
import type { AgencyScope } from '../../core/staff/index.ts';
import { agencySubtreeIds, type Executor } from './executor.ts';

/** The application as stored (what the applicant or the clerk entered), without the cache. */
export interface DisclosureRequestFields {
  agencyId: string;
  trackingCode: string;
  lookupSecretHash: string;
  applicantType: string;
  applicantName: string;
  identityDocumentKind: string;
  identityDocumentName: string | null;
  identityNumber: string;
  contactPerson: string | null;
  phone: string;
  email: string | null;
  postalAddress: string | null;
  postalCode: string | null;
  description: string;
  documentNumber: string | null;
  formWanted: string;
  delivery: string;
  needsAssistance: boolean;
  pieces: number;
  channel: string;
  submittedAt: Date | null;
  note: string | null;
  assignedStaffId: string | null;
  repeatHints: unknown[];
}

/** The query cache folded from the events (never written from anywhere but the use cases' fold). */
export interface DisclosureRequestCache {
  status: string;
  clockPhase: string;
  receivedOn: string | null;
  dueOn: string | null;
  baseDueOn: string | null;
  totalWorkdays: number | null;
  paused: boolean;
  pauseReason: string | null;
  pauseLatestEndOn: string | null;
  correctBy: string | null;
  feePayBy: string | null;
  extensionStatus: string;
  outcome: string | null;
  closedOn: string | null;
  firstClosedOn: string | null;
  firstOutcome: string | null;
  lastEventOn: string | null;
  eventCount: number;
  deadlineComputedOn: string | null;
}

export interface DisclosureRequestRecord extends DisclosureRequestFields, DisclosureRequestCache {
  id: string;
  agencyName: string;
  assignedStaffName: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export interface StoredRequestEvent {
  seq: number;
  event: RequestEvent;
  actorName: string | null;
  recordedAt: Date;
}

export const CLOSED_REQUEST_STATUSES = ['replied', 'withdrawn', 'lapsed'] as const;

export interface RequestListQuery {
  scope: AgencyScope;
  agencyId?: string | undefined;
  statuses?: readonly string[] | undefined;
  openOnly?: boolean | undefined;
  assignedStaffId?: string | undefined;
  /** Tracking code, applicant name or words of the description. */
  search?: string | undefined;
  receivedFrom?: string | undefined;
  receivedTo?: string | undefined;
  ids?: readonly string[] | undefined;
  limit: number;
  offset: number;
}

export interface DashboardRow {
  id: string;
  agencyId: string;
  agencyName: string;
  trackingCode: string;
  applicantName: string;
  description: string;
  assignedStaffId: string | null;
  assignedStaffName: string | null;
  status: string;
  clockPhase: string;
  receivedOn: string | null;
  submittedAt: Date | null;
  dueOn: string | null;
  paused: boolean;
  pauseReason: string | null;
  pauseLatestEndOn: string | null;
  correctBy: string | null;
  extensionStatus: string;
  deadlineComputedOn: string | null;
}

const SELECT_RECORD = [
  'r.id',
  'r.agencyId',
  'agency.name as agencyName',
  'r.trackingCode',
  'r.lookupSecretHash',
  'r.applicantType',
  'r.applicantName',
  'r.identityDocumentKind',
  'r.identityDocumentName',
  'r.identityNumber',
  'r.contactPerson',
  'r.phone',
  'r.email',
  'r.postalAddress',
  'r.postalCode',
  'r.description',
  'r.documentNumber',
  'r.formWanted',
  'r.delivery',
  'r.needsAssistance',
  'r.pieces',
  'r.channel',
  'r.submittedAt',
  'r.note',
  'r.assignedStaffId',
  'staff.displayName as assignedStaffName',
  'r.repeatHints',
  'r.status',
  'r.clockPhase',
  'r.receivedOn',
  'r.dueOn',
  'r.baseDueOn',
  'r.totalWorkdays',
  'r.paused',
  'r.pauseReason',
  'r.pauseLatestEndOn',
  'r.correctBy',
  'r.feePayBy',
  'r.extensionStatus',
  'r.outcome',
  'r.closedOn',
  'r.firstClosedOn',
  'r.firstOutcome',
  'r.lastEventOn',
  'r.eventCount',
  'r.deadlineComputedOn',
  'r.createdAt',
  'r.updatedAt',
  'r.version',
] as const;

function toEvent(row: {
  kind: string;
  occurredOn: string;
  actorStaffId: string | null;
  payload: Record<string, unknown>;
}): RequestEvent {
  return {
    kind: row.kind as RequestEventKind,
    on: row.occurredOn,
    actorId: row.actorStaffId,
    payload: row.payload,
  } as RequestEvent;
}

export function disclosureRequestRepository(db: Executor) {
  const base = () =>
    db
      .selectFrom('disclosureRequest as r')
      .innerJoin('agency', 'agency.id', 'r.agencyId')
      .leftJoin('staff', 'staff.id', 'r.assignedStaffId');

  const scoped = (scope: AgencyScope) => {
    const query = base();
    if (scope.kind === 'own') return query.where('r.agencyId', '=', scope.agencyId);
    if (scope.kind === 'subtree')
      return query.where('r.agencyId', 'in', agencySubtreeIds(scope.rootAgencyId));
    return query;
  };

  return {
    async insert(fields: DisclosureRequestFields): Promise<string> {
      const row = await db
        .insertInto('disclosureRequest')
        .values({ ...fields, repeatHints: JSON.stringify(fields.repeatHints) })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    /** Bulk insert of already folded requests (demo data, benchmarks): one statement per batch. */
    async insertMany(rows: (DisclosureRequestFields & Partial<DisclosureRequestCache>)[]): Promise<string[]> {
      if (rows.length === 0) return [];
      const inserted = await db
        .insertInto('disclosureRequest')
        .values(rows.map((r) => ({ ...r, repeatHints: JSON.stringify(r.repeatHints) })))
        .returning('id')
        .execute();
      return inserted.map((r) => r.id);
    },

    async findById(id: string): Promise<DisclosureRequestRecord | undefined> {
      const row = await base().select(SELECT_RECORD).where('r.id', '=', id).executeTakeFirst();
      return row as DisclosureRequestRecord | undefined;
    },

    async findByTrackingCode(trackingCode: string): Promise<DisclosureRequestRecord | undefined> {
      const row = await base()
        .select(SELECT_RECORD)
        .where('r.trackingCode', '=', trackingCode)
        .executeTakeFirst();
      return row as DisclosureRequestRecord | undefined;
    },

    async trackingCodeExists(trackingCode: string): Promise<boolean> {
      const row = await db
        .selectFrom('disclosureRequest')
        .select('id')
        .where('trackingCode', '=', trackingCode)
        .executeTakeFirst();
      return row !== undefined;
    },

    async list(query: RequestListQuery): Promise<{ rows: DisclosureRequestRecord[]; total: number }> {
      let q = scoped(query.scope);
      if (query.agencyId) q = q.where('r.agencyId', '=', query.agencyId);
      if (query.statuses?.length) q = q.where('r.status', 'in', [...query.statuses]);
      if (query.openOnly) q = q.where('r.status', 'not in', [...CLOSED_REQUEST_STATUSES]);
      if (query.assignedStaffId) q = q.where('r.assignedStaffId', '=', query.assignedStaffId);
      if (query.receivedFrom) q = q.where('r.receivedOn', '>=', query.receivedFrom);
      if (query.receivedTo) q = q.where('r.receivedOn', '<=', query.receivedTo);
      if (query.ids)
        q = query.ids.length ? q.where('r.id', 'in', [...query.ids]) : q.where(sql<boolean>`false`);
      if (query.search?.trim()) {
        const term = `%${query.search.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        q = q.where((eb) =>
          eb.or([
            eb('r.trackingCode', 'ilike', term),
            eb('r.applicantName', 'ilike', term),
            eb('r.description', 'ilike', term),
          ]),
        );
      }
      const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
      const rows = await q
        .select(SELECT_RECORD)
        .orderBy(sql`r.status IN ('replied', 'withdrawn', 'lapsed')`)
        .orderBy(sql`r.due_on ASC NULLS FIRST`)
        .orderBy('r.createdAt', 'desc')
        .limit(query.limit)
        .offset(query.offset)
        .execute();
      return { rows: rows as DisclosureRequestRecord[], total: Number(total?.n ?? 0) };
    },

    /** The open requests in scope with the cache columns the dashboard reads. */
    async listOpenForDashboard(scope: AgencyScope, agencyId?: string): Promise<DashboardRow[]> {
      let q = scoped(scope).where('r.status', 'not in', [...CLOSED_REQUEST_STATUSES]);
      if (agencyId) q = q.where('r.agencyId', '=', agencyId);
      return q
        .select([
          'r.id',
          'r.agencyId',
          'agency.name as agencyName',
          'r.trackingCode',
          'r.applicantName',
          'r.description',
          'r.assignedStaffId',
          'staff.displayName as assignedStaffName',
          'r.status',
          'r.clockPhase',
          'r.receivedOn',
          'r.submittedAt',
          'r.dueOn',
          'r.paused',
          'r.pauseReason',
          'r.pauseLatestEndOn',
          'r.correctBy',
          'r.extensionStatus',
          'r.deadlineComputedOn',
        ])
        .execute();
    },

    /** Open, received requests (those whose clock a change of the calendar may move). */
    async listOpenReceivedIds(options: {
      receivedOnOrBefore: string;
    }): Promise<{ id: string; agencyId: string; dueOn: string | null; version: number }[]> {
      return db
        .selectFrom('disclosureRequest')
        .select(['id', 'agencyId', 'dueOn', 'version'])
        .where('status', 'not in', [...CLOSED_REQUEST_STATUSES])
        .where('receivedOn', 'is not', null)
        .where('receivedOn', '<=', options.receivedOnOrBefore)
        .orderBy('id')
        .execute();
    },

    async listEvents(requestId: string): Promise<StoredRequestEvent[]> {
      const rows = await db
        .selectFrom('requestEvent as e')
        .leftJoin('staff', 'staff.id', 'e.actorStaffId')
        .select([
          'e.seq',
          'e.kind',
          'e.occurredOn',
          'e.actorStaffId',
          'e.payload',
          'e.recordedAt',
          'staff.displayName as actorName',
        ])
        .where('e.requestId', '=', requestId)
        .orderBy('e.seq')
        .execute();
      return rows.map((row) => ({
        seq: row.seq,
        event: toEvent(row),
        actorName: row.actorName,
        recordedAt: row.recordedAt,
      }));
    },

    /** Events of many requests at once, each list in log order. */
    async listEventsOf(requestIds: readonly string[]): Promise<Map<string, RequestEvent[]>> {
      const byRequest = new Map<string, RequestEvent[]>(requestIds.map((id) => [id, []]));
      const chunk = 5000;
      for (let i = 0; i < requestIds.length; i += chunk) {
        const ids = requestIds.slice(i, i + chunk);
        const rows = await db
          .selectFrom('requestEvent')
          .select(['requestId', 'kind', 'occurredOn', 'actorStaffId', 'payload'])
          .where('requestId', 'in', ids)
          .orderBy('requestId')
          .orderBy('seq')
          .execute();
        for (const row of rows) byRequest.get(row.requestId)?.push(toEvent(row));
      }
      return byRequest;
    },

    /**
     * Appends events numbered from `firstSeq`. Two writers that loaded the same log collide on the
     * (request_id, seq) unique index: the second gets a unique violation.
     */
    async appendEvents(
      requestId: string,
      agencyId: string,
      firstSeq: number,
      events: readonly RequestEvent[],
    ): Promise<void> {
      if (events.length === 0) return;
      await db
        .insertInto('requestEvent')
        .values(
          events.map((event, i) => ({
            requestId,
            agencyId,
            seq: firstSeq + i,
            kind: event.kind,
            occurredOn: event.on,
            actorStaffId: event.actorId,
            payload: JSON.stringify(event.payload),
          })),
        )
        .execute();
    },

    /** Bulk append for many requests (demo data, benchmarks). */
    async appendEventsMany(
      rows: { requestId: string; agencyId: string; seq: number; event: RequestEvent }[],
    ): Promise<void> {
      if (rows.length === 0) return;
      await db
        .insertInto('requestEvent')
        .values(
          rows.map(({ requestId, agencyId, seq, event }) => ({
            requestId,
            agencyId,
            seq,
            kind: event.kind,
            occurredOn: event.on,
            actorStaffId: event.actorId,
            payload: JSON.stringify(event.payload),
          })),
        )
        .execute();
    },

    /** Optimistic locking: writes the folded cache only over the version the writer loaded. */
    async updateCache(
      id: string,
      expectedVersion: number,
      cache: DisclosureRequestCache,
      fields: { assignedStaffId?: string | null } = {},
    ): Promise<number | undefined> {
      const row = await db
        .updateTable('disclosureRequest')
        .set({ ...cache, ...fields, updatedAt: new Date(), version: sql`version + 1` })
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .returning('version')
        .executeTakeFirst();
      return row?.version;
    },

    /**
     * Refreshes the cache (a new calendar, a later day) without counting as an edit: the version is
     * kept, and a request changed meanwhile is left to the writer that changed it.
     */
    async refreshCache(
      id: string,
      loadedVersion: number,
      cache: Partial<DisclosureRequestCache>,
    ): Promise<boolean> {
      const result = await db
        .updateTable('disclosureRequest')
        .set(cache)
        .where('id', '=', id)
        .where('version', '=', loadedVersion)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async updateFields(
      id: string,
      expectedVersion: number,
      fields: { assignedStaffId?: string | null; pieces?: number; note?: string | null },
    ): Promise<number | undefined> {
      const row = await db
        .updateTable('disclosureRequest')
        .set({ ...fields, updatedAt: new Date(), version: sql`version + 1` })
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .returning('version')
        .executeTakeFirst();
      return row?.version;
    },

    async setLookupSecretHash(id: string, lookupSecretHash: string): Promise<void> {
      await db.updateTable('disclosureRequest').set({ lookupSecretHash }).where('id', '=', id).execute();
    },

    /** Earlier applications of the same applicant (by document number or name) to one agency. */
    async listRepeatCandidates(options: {
      agencyId: string;
      identityNumber: string;
      applicantName: string;
      since: string;
      excludeId?: string | undefined;
    }) {
      let q = db
        .selectFrom('disclosureRequest')
        .select([
          'id',
          'trackingCode',
          'applicantName',
          'identityNumber',
          'description',
          'receivedOn',
          'submittedAt',
          'createdAt',
          'outcome',
        ])
        .where('agencyId', '=', options.agencyId)
        .where((eb) =>
          eb.or([
            eb('identityNumber', '=', options.identityNumber),
            eb('applicantName', '=', options.applicantName),
          ]),
        )
        .where((eb) => eb.or([eb('receivedOn', '>=', options.since), eb('receivedOn', 'is', null)]))
        .orderBy('createdAt', 'desc')
        .limit(200);
      if (options.excludeId) q = q.where('id', '<>', options.excludeId);
      return q.execute();
    },

    /** Recent requests of an agency, for the 第四十四条 proposals. */
    async listRecentDescriptions(agencyId: string, since: string, limit: number) {
      return db
        .selectFrom('disclosureRequest')
        .select([
          'id',
          'trackingCode',
          'applicantName',
          'identityNumber',
          'description',
          'receivedOn',
          'outcome',
          'status',
        ])
        .where('agencyId', '=', agencyId)
        .where('receivedOn', '>=', since)
        .orderBy('receivedOn', 'desc')
        .limit(limit)
        .execute();
    },

    /** Pieces the applicant applied for at this agency in the natural month of `on` (109号第四条). */
    async listPieceHistory(options: {
      agencyId: string;
      identityNumber: string;
      monthStart: string;
      monthEnd: string;
      excludeId: string;
    }): Promise<PieceRecord[]> {
      const rows = await db
        .selectFrom('disclosureRequest')
        .select(['identityNumber', 'receivedOn', 'pieces'])
        .where('agencyId', '=', options.agencyId)
        .where('identityNumber', '=', options.identityNumber)
        .where('receivedOn', '>=', options.monthStart)
        .where('receivedOn', '<=', options.monthEnd)
        .where('id', '<>', options.excludeId)
        .execute();
      return rows.map((r) => ({
        applicantKey: r.identityNumber,
        receivedOn: r.receivedOn!,
        pieces: r.pieces,
      }));
    },

    /** Requests that can count in a year's report: received by its end, not first closed before it. */
    async listForReport(agencyId: string, yearStart: string, yearEnd: string) {
      return db
        .selectFrom('disclosureRequest')
        .select(['id', 'applicantType'])
        .where('agencyId', '=', agencyId)
        .where('receivedOn', '<=', yearEnd)
        .where((eb) => eb.or([eb('firstClosedOn', 'is', null), eb('firstClosedOn', '>=', yearStart)]))
        .execute();
    },

    async latestEvent(requestId: string): Promise<StoredRequestEvent | undefined> {
      const events = await this.listEvents(requestId);
      return events.at(-1);
    },

    // ── Due dates moved by the calendar ─────────────────────────────────────────────────────────

    async recordDueDateChanges(
      rows: {
        requestId: string;
        agencyId: string;
        calendarYear: number;
        oldDueOn: string | null;
        newDueOn: string | null;
      }[],
    ): Promise<void> {
      if (rows.length === 0) return;
      for (let i = 0; i < rows.length; i += 1000) {
        await db
          .insertInto('dueDateChange')
          .values(rows.slice(i, i + 1000))
          .execute();
      }
    },

    async listDueDateChanges(scope: AgencyScope, options: { unacknowledgedOnly: boolean; limit: number }) {
      let q = db
        .selectFrom('dueDateChange as c')
        .innerJoin('disclosureRequest as r', 'r.id', 'c.requestId')
        .innerJoin('agency', 'agency.id', 'c.agencyId')
        .leftJoin('staff', 'staff.id', 'r.assignedStaffId')
        .select([
          'c.id',
          'c.requestId',
          'r.trackingCode',
          'c.agencyId',
          'agency.name as agencyName',
          'staff.displayName as assignedStaffName',
          'c.calendarYear',
          'c.oldDueOn',
          'c.newDueOn',
          'c.changedAt',
          'c.acknowledgedAt',
        ])
        .orderBy('c.id', 'desc')
        .limit(options.limit);
      if (options.unacknowledgedOnly) q = q.where('c.acknowledgedAt', 'is', null);
      if (scope.kind === 'own') q = q.where('c.agencyId', '=', scope.agencyId);
      if (scope.kind === 'subtree') q = q.where('c.agencyId', 'in', agencySubtreeIds(scope.rootAgencyId));
      return q.execute();
    },

    async acknowledgeDueDateChanges(
      agencyId: string,
      staffId: string,
      ids: readonly number[],
    ): Promise<number> {
      if (ids.length === 0) return 0;
      const result = await db
        .updateTable('dueDateChange')
        .set({ acknowledgedAt: new Date(), acknowledgedBy: staffId })
        .where('agencyId', '=', agencyId)
        .where('id', 'in', [...ids])
        .where('acknowledgedAt', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    // ── Attachments ─────────────────────────────────────────────────────────────────────────────

    async insertAttachment(attachment: {
      requestId: string;
      agencyId: string;
      kind: string;
      fileName: string;
      mediaType: string;
      sha256: string;
      content: Buffer;
      visibleToApplicant: boolean;
      note: string | null;
      uploadedBy: string | null;
    }): Promise<string> {
      const row = await db
        .insertInto('requestAttachment')
        .values({ ...attachment, sizeBytes: attachment.content.byteLength })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async listAttachments(requestId: string) {
      return db
        .selectFrom('requestAttachment as a')
        .leftJoin('staff', 'staff.id', 'a.uploadedBy')
        .select([
          'a.id',
          'a.kind',
          'a.fileName',
          'a.mediaType',
          'a.sizeBytes',
          'a.sha256',
          'a.visibleToApplicant',
          'a.note',
          'a.uploadedAt',
          'staff.displayName as uploadedByName',
        ])
        .where('a.requestId', '=', requestId)
        .orderBy('a.uploadedAt')
        .execute();
    },

    async findAttachment(requestId: string, attachmentId: string) {
      return db
        .selectFrom('requestAttachment')
        .selectAll()
        .where('requestId', '=', requestId)
        .where('id', '=', attachmentId)
        .executeTakeFirst();
    },

    // ── Letters ─────────────────────────────────────────────────────────────────────────────────

    async insertLetter(letter: {
      requestId: string;
      agencyId: string;
      kind: string;
      templateKey: string;
      templateVersion: string;
      title: string;
      body: string;
      createdBy: string | null;
    }): Promise<string> {
      const row = await db
        .insertInto('requestLetter')
        .values(letter)
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async listLetters(requestId: string) {
      return db
        .selectFrom('requestLetter as l')
        .leftJoin('staff as author', 'author.id', 'l.createdBy')
        .leftJoin('staff as issuer', 'issuer.id', 'l.issuedBy')
        .select([
          'l.id',
          'l.kind',
          'l.templateKey',
          'l.templateVersion',
          'l.title',
          'l.body',
          'l.status',
          'l.attachmentId',
          'l.createdAt',
          'l.updatedAt',
          'l.issuedAt',
          'l.version',
          'author.displayName as createdByName',
          'issuer.displayName as issuedByName',
        ])
        .where('l.requestId', '=', requestId)
        .orderBy('l.createdAt')
        .execute();
    },

    async findLetter(requestId: string, letterId: string) {
      return db
        .selectFrom('requestLetter')
        .selectAll()
        .where('requestId', '=', requestId)
        .where('id', '=', letterId)
        .executeTakeFirst();
    },

    async updateLetterDraft(
      letterId: string,
      expectedVersion: number,
      fields: { title: string; body: string },
    ): Promise<number | undefined> {
      const row = await db
        .updateTable('requestLetter')
        .set({ ...fields, updatedAt: new Date(), version: sql`version + 1` })
        .where('id', '=', letterId)
        .where('status', '=', 'draft')
        .where('version', '=', expectedVersion)
        .returning('version')
        .executeTakeFirst();
      return row?.version;
    },

    async markLetterIssued(
      letterId: string,
      expectedVersion: number,
      fields: { attachmentId: string; issuedBy: string },
    ): Promise<boolean> {
      const row = await db
        .updateTable('requestLetter')
        .set({
          status: 'issued',
          attachmentId: fields.attachmentId,
          issuedBy: fields.issuedBy,
          issuedAt: new Date(),
          updatedAt: new Date(),
          version: sql`version + 1`,
        })
        .where('id', '=', letterId)
        .where('status', '=', 'draft')
        .where('version', '=', expectedVersion)
        .returning('id')
        .executeTakeFirst();
      return row !== undefined;
    },
  };
}

export type DisclosureRequestRepository = ReturnType<typeof disclosureRequestRepository>;
