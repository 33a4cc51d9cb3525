import type { AgencyScope } from '../../core/staff/index.ts';
import { agencySubtreeIds, type Executor } from './executor.ts';

export interface AuditEntry {
  actorStaffId: string | null;
  actorLabel: string;
  agencyId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  oldValue?: unknown;
  newValue?: unknown;
  ip?: string | null;
}

export function auditLogRepository(db: Executor) {
  return {
    /** Append only: the table refuses updates and deletes (trigger in the first migration). */
    async append(entry: AuditEntry): Promise<void> {
      await db
        .insertInto('auditLog')
        .values({
          actorStaffId: entry.actorStaffId,
          actorLabel: entry.actorLabel,
          agencyId: entry.agencyId,
          action: entry.action,
          entityType: entry.entityType,
          entityId: entry.entityId,
          oldValue: entry.oldValue === undefined ? null : JSON.stringify(entry.oldValue),
          newValue: entry.newValue === undefined ? null : JSON.stringify(entry.newValue),
          ip: entry.ip ?? null,
        })
        .execute();
    },

    async list(options: {
      scope: AgencyScope;
      entityType?: string;
      entityId?: string;
      limit: number;
      offset: number;
    }) {
      let query = db
        .selectFrom('auditLog')
        .leftJoin('agency', 'agency.id', 'auditLog.agencyId')
        .select([
          'auditLog.id',
          'auditLog.at',
          'auditLog.actorLabel',
          'auditLog.agencyId',
          'agency.name as agencyName',
          'auditLog.action',
          'auditLog.entityType',
          'auditLog.entityId',
          'auditLog.oldValue',
          'auditLog.newValue',
        ])
        .orderBy('auditLog.id', 'desc')
        .limit(options.limit)
        .offset(options.offset);
      if (options.entityType) query = query.where('auditLog.entityType', '=', options.entityType);
      if (options.entityId) query = query.where('auditLog.entityId', '=', options.entityId);
      const { scope } = options;
      if (scope.kind === 'own') query = query.where('auditLog.agencyId', '=', scope.agencyId);
      if (scope.kind === 'subtree') {
        query = query.where('auditLog.agencyId', 'in', agencySubtreeIds(scope.rootAgencyId));
      }
      return query.execute();
    },
  };
}

export type AuditLogRepository = ReturnType<typeof auditLogRepository>;
