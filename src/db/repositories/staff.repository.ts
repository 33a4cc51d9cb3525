import { sql } from 'kysely';
import type { AgencyScope, StaffRole } from '../../core/staff/index.ts';
import { agencySubtreeIds, type Executor } from './executor.ts';

export interface StaffRecord {
  id: string;
  agencyId: string;
  username: string;
  displayName: string;
  roles: StaffRole[];
  phone: string | null;
  isActive: boolean;
  failedLoginCount: number;
  lockedUntil: Date | null;
  lastLoginAt: Date | null;
  version: number;
}

const COLUMNS = [
  'staff.id',
  'staff.agencyId',
  'staff.username',
  'staff.displayName',
  'staff.roles',
  'staff.phone',
  'staff.isActive',
  'staff.failedLoginCount',
  'staff.lockedUntil',
  'staff.lastLoginAt',
  'staff.version',
] as const;

const toStaff = (row: Record<string, unknown>): StaffRecord => row as unknown as StaffRecord;

export function staffRepository(db: Executor) {
  return {
    async findById(id: string): Promise<StaffRecord | undefined> {
      const row = await db.selectFrom('staff').select(COLUMNS).where('id', '=', id).executeTakeFirst();
      return row ? toStaff(row) : undefined;
    },

    /** For login only: the one place the password hash leaves the table. */
    async findCredentialsByUsername(
      username: string,
    ): Promise<(StaffRecord & { passwordHash: string }) | undefined> {
      const row = await db
        .selectFrom('staff')
        .select([...COLUMNS, 'staff.passwordHash'])
        .where('username', '=', username)
        .executeTakeFirst();
      return row ? (row as unknown as StaffRecord & { passwordHash: string }) : undefined;
    },

    async listInScope(
      scope: AgencyScope,
      agencyId?: string,
    ): Promise<(StaffRecord & { agencyName: string })[]> {
      let query = db
        .selectFrom('staff')
        .innerJoin('agency', 'agency.id', 'staff.agencyId')
        .select([...COLUMNS, 'agency.name as agencyName'])
        .orderBy('agency.name')
        .orderBy('staff.username');
      if (agencyId) query = query.where('staff.agencyId', '=', agencyId);
      if (scope.kind === 'own') query = query.where('staff.agencyId', '=', scope.agencyId);
      if (scope.kind === 'subtree') {
        query = query.where('staff.agencyId', 'in', agencySubtreeIds(scope.rootAgencyId));
      }
      return (await query.execute()) as unknown as (StaffRecord & { agencyName: string })[];
    },

    async insert(fields: {
      agencyId: string;
      username: string;
      displayName: string;
      passwordHash: string;
      roles: StaffRole[];
      phone: string | null;
    }): Promise<StaffRecord> {
      const row = await db.insertInto('staff').values(fields).returning(COLUMNS).executeTakeFirstOrThrow();
      return toStaff(row);
    },

    async update(
      id: string,
      expectedVersion: number,
      fields: Partial<{ displayName: string; roles: StaffRole[]; phone: string | null; isActive: boolean }>,
    ): Promise<StaffRecord | undefined> {
      const row = await db
        .updateTable('staff')
        .set({ ...fields, updatedAt: new Date(), version: sql`version + 1` })
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .returning(COLUMNS)
        .executeTakeFirst();
      return row ? toStaff(row) : undefined;
    },

    async setPassword(id: string, passwordHash: string): Promise<void> {
      await db
        .updateTable('staff')
        .set({
          passwordHash,
          passwordChangedAt: new Date(),
          updatedAt: new Date(),
          failedLoginCount: 0,
          lockedUntil: null,
        })
        .where('id', '=', id)
        .execute();
    },

    /** Counts a wrong password atomically and locks the account when the limit is reached. */
    async recordLoginFailure(id: string, maxFailures: number, lockUntil: Date): Promise<{ locked: boolean }> {
      const row = await db
        .updateTable('staff')
        .set({
          failedLoginCount: sql`CASE WHEN failed_login_count + 1 >= ${maxFailures} THEN 0 ELSE failed_login_count + 1 END`,
          lockedUntil: sql`CASE WHEN failed_login_count + 1 >= ${maxFailures} THEN ${lockUntil}::timestamptz ELSE locked_until END`,
        })
        .where('id', '=', id)
        .returning(['lockedUntil'])
        .executeTakeFirst();
      return { locked: row?.lockedUntil != null && new Date(row.lockedUntil) >= lockUntil };
    },

    async recordLoginSuccess(id: string, at: Date): Promise<void> {
      await db
        .updateTable('staff')
        .set({ failedLoginCount: 0, lockedUntil: null, lastLoginAt: at })
        .where('id', '=', id)
        .execute();
    },

    async count(): Promise<number> {
      const row = await db
        .selectFrom('staff')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
  };
}

export type StaffRepository = ReturnType<typeof staffRepository>;
