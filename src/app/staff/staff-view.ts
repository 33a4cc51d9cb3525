import type { StaffView } from '../../contract/staff.ts';
import { maskPhone } from '../../core/shared/masking.ts';
import type { StaffRecord } from '../../db/repositories/index.ts';

/** What leaves the server about a member of staff: no hash, a masked phone. */
export function toStaffView(staff: StaffRecord & { agencyName?: string }, now: Date): StaffView {
  return {
    id: staff.id,
    agencyId: staff.agencyId,
    ...(staff.agencyName ? { agencyName: staff.agencyName } : {}),
    username: staff.username,
    displayName: staff.displayName,
    roles: staff.roles,
    phone: staff.phone ? maskPhone(staff.phone) : null,
    isActive: staff.isActive,
    isLocked: staff.lockedUntil !== null && new Date(staff.lockedUntil) > now,
    lastLoginAt: staff.lastLoginAt ? new Date(staff.lastLoginAt).toISOString() : null,
    version: staff.version,
  };
}

/** Audit values never carry the phone in full either. */
export function auditableStaff(staff: StaffRecord) {
  return { ...staff, phone: staff.phone ? maskPhone(staff.phone) : null };
}
