import { sql } from 'kysely';
import type { Agency, AgencyKind, AgencyLevel } from '../../core/agency/index.ts';
import type { AgencyCodeKind } from '../../core/shared/identity-codes.ts';
import type { AgencyScope } from '../../core/staff/index.ts';
import { agencySubtreeIds, type Executor } from './executor.ts';

export type AgencyFields = Omit<Agency, 'id' | 'version'>;

const COLUMNS = [
  'id',
  'code',
  'codeKind',
  'name',
  'shortName',
  'level',
  'kind',
  'parentId',
  'address',
  'postalCode',
  'officeHours',
  'phone',
  'fax',
  'email',
  'website',
  'disclosureOffice',
  'guideIntro',
  'version',
] as const;

type AgencyRow = { [K in (typeof COLUMNS)[number]]: unknown };

function toAgency(row: AgencyRow): Agency {
  return {
    ...(row as Agency),
    codeKind: row.codeKind as AgencyCodeKind,
    level: row.level as AgencyLevel,
    kind: row.kind as AgencyKind,
  };
}

export function agencyRepository(db: Executor) {
  return {
    async findById(id: string): Promise<Agency | undefined> {
      const row = await db.selectFrom('agency').select(COLUMNS).where('id', '=', id).executeTakeFirst();
      return row ? toAgency(row) : undefined;
    },

    async findByCode(code: string): Promise<Agency | undefined> {
      const row = await db.selectFrom('agency').select(COLUMNS).where('code', '=', code).executeTakeFirst();
      return row ? toAgency(row) : undefined;
    },

    /** The CLI and imports accept an agency by its code or by its exact name. */
    async findByCodeOrName(codeOrName: string): Promise<Agency | undefined> {
      const row = await db
        .selectFrom('agency')
        .select(COLUMNS)
        .where((eb) => eb.or([eb('code', '=', codeOrName.toUpperCase()), eb('name', '=', codeOrName)]))
        .executeTakeFirst();
      return row ? toAgency(row) : undefined;
    },

    async listInScope(scope: AgencyScope): Promise<Agency[]> {
      let query = db.selectFrom('agency').select(COLUMNS).orderBy('name');
      if (scope.kind === 'own') query = query.where('id', '=', scope.agencyId);
      if (scope.kind === 'subtree') query = query.where('id', 'in', agencySubtreeIds(scope.rootAgencyId));
      return (await query.execute()).map(toAgency);
    },

    async listAll(): Promise<Agency[]> {
      return (await db.selectFrom('agency').select(COLUMNS).orderBy('name').execute()).map(toAgency);
    },

    async isInScope(scope: AgencyScope, agencyId: string): Promise<boolean> {
      if (scope.kind === 'all') return true;
      if (scope.kind === 'own') return scope.agencyId === agencyId;
      const hit = await db
        .selectFrom('agency')
        .select('id')
        .where('id', '=', agencyId)
        .where('id', 'in', agencySubtreeIds(scope.rootAgencyId))
        .executeTakeFirst();
      return hit !== undefined;
    },

    /** Ancestors from the parent up to the root, nearest first. */
    async listAncestors(agencyId: string): Promise<Agency[]> {
      const result = await sql<{ id: string; depth: number }>`
        WITH RECURSIVE up(id, parent_id, depth) AS (
          SELECT id, parent_id, 0 FROM agency WHERE id = ${agencyId}
          UNION ALL
          SELECT a.id, a.parent_id, up.depth + 1 FROM agency a JOIN up ON a.id = up.parent_id
        ) SELECT id, depth FROM up WHERE depth > 0 ORDER BY depth`.execute(db);
      const agencies = await Promise.all(result.rows.map((r) => this.findById(r.id)));
      return agencies.filter((a): a is Agency => a !== undefined);
    },

    async insert(fields: AgencyFields): Promise<Agency> {
      const row = await db.insertInto('agency').values(fields).returning(COLUMNS).executeTakeFirstOrThrow();
      return toAgency(row);
    },

    /** Optimistic locking: the update applies only to the version the editor saw. */
    async update(
      id: string,
      expectedVersion: number,
      fields: Partial<AgencyFields>,
    ): Promise<Agency | undefined> {
      const row = await db
        .updateTable('agency')
        .set({ ...fields, updatedAt: new Date(), version: sql`version + 1` })
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .returning(COLUMNS)
        .executeTakeFirst();
      return row ? toAgency(row) : undefined;
    },

    async count(): Promise<number> {
      const row = await db
        .selectFrom('agency')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
  };
}

export type AgencyRepository = ReturnType<typeof agencyRepository>;
