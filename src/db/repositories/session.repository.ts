import type { Executor } from './executor.ts';

export function sessionRepository(db: Executor) {
  return {
    async insert(fields: {
      id: string;
      staffId: string;
      csrfToken: string;
      expiresAt: Date;
      ip: string | null;
      userAgent: string | null;
    }): Promise<void> {
      await db.insertInto('session').values(fields).execute();
    },

    async findActive(id: string, now: Date) {
      return db
        .selectFrom('session')
        .innerJoin('staff', 'staff.id', 'session.staffId')
        .select([
          'session.id',
          'session.csrfToken',
          'session.expiresAt',
          'session.lastSeenAt',
          'staff.id as staffId',
          'staff.username',
          'staff.displayName',
          'staff.agencyId',
          'staff.roles',
          'staff.isActive',
        ])
        .where('session.id', '=', id)
        .where('session.expiresAt', '>', now)
        .executeTakeFirst();
    },

    async touch(id: string, now: Date, expiresAt: Date): Promise<void> {
      await db.updateTable('session').set({ lastSeenAt: now, expiresAt }).where('id', '=', id).execute();
    },

    async delete(id: string): Promise<void> {
      await db.deleteFrom('session').where('id', '=', id).execute();
    },

    async deleteForStaff(staffId: string): Promise<void> {
      await db.deleteFrom('session').where('staffId', '=', staffId).execute();
    },

    async deleteExpired(now: Date): Promise<number> {
      const result = await db.deleteFrom('session').where('expiresAt', '<=', now).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

export type SessionRepository = ReturnType<typeof sessionRepository>;
