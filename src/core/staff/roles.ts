/**
 * Staff roles. A person may hold several. Permissions are checked on the server for every route;
 * the console only hides what the server would refuse anyway.
 */
export const STAFF_ROLES = ['clerk', 'reviewer', 'agency_admin', 'supervisor', 'system_admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const STAFF_ROLE_LABELS: Record<StaffRole, string> = {
  clerk: '承办人',
  reviewer: '审核人',
  agency_admin: '单位管理员',
  supervisor: '政务公开主管部门',
  system_admin: '系统管理员',
};

export const PERMISSIONS = [
  'agency.read',
  'agency.manage',
  'agency.create_child',
  'staff.read',
  'staff.manage',
  'calendar.read',
  'calendar.manage',
  'audit.read',
  'case.read',
  'case.handle',
  'case.review',
  'report.read',
  'report.edit',
  'report.review',
  'report.compile',
  'report.submit',
  'report.publish',
  'catalogue.read',
  'catalogue.edit',
  'catalogue.review',
  'catalogue.import',
  'catalogue.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const ROLE_PERMISSIONS: Record<StaffRole, readonly Permission[]> = {
  clerk: [
    'agency.read',
    'calendar.read',
    'case.read',
    'case.handle',
    'report.read',
    'report.edit',
    'catalogue.read',
    'catalogue.edit',
    'catalogue.import',
  ],
  reviewer: [
    'agency.read',
    'calendar.read',
    'case.read',
    'case.handle',
    'case.review',
    'report.read',
    'report.edit',
    // Submits its agency's report; reviews the reports of agencies directly under its own.
    'report.submit',
    'report.review',
    // 保密审查 of proactive disclosure (条例第十七条).
    'catalogue.read',
    'catalogue.edit',
    'catalogue.review',
    'catalogue.import',
  ],
  agency_admin: [
    'agency.read',
    'agency.manage',
    'staff.read',
    'staff.manage',
    'calendar.read',
    'audit.read',
    'case.read',
    'report.read',
    'report.edit',
    'report.submit',
    'report.publish',
    'catalogue.read',
    'catalogue.import',
    'catalogue.manage',
  ],
  supervisor: [
    'agency.read',
    'agency.create_child',
    'staff.read',
    'calendar.read',
    'audit.read',
    'case.read',
    'report.read',
    'report.review',
    'report.compile',
    'catalogue.read',
    // The 政务公开 office writes and publishes its own government's (compiled) report.
    'report.edit',
    'report.submit',
    'report.publish',
  ],
  // Separation of duties: the system admin runs the system but handles no case.
  system_admin: PERMISSIONS.filter((p) => p !== 'case.handle' && p !== 'case.review'),
};

export function permissionsOf(roles: readonly StaffRole[]): Set<Permission> {
  return new Set(roles.flatMap((role) => ROLE_PERMISSIONS[role]));
}

export function hasPermission(roles: readonly StaffRole[], permission: Permission): boolean {
  return roles.some((role) => ROLE_PERMISSIONS[role].includes(permission));
}

/**
 * Which agencies a person may see: their own agency; a supervisor the whole subtree under it; a
 * system admin everything. Staff never act on another agency's records.
 */
export type AgencyScope =
  | { kind: 'all' }
  | { kind: 'subtree'; rootAgencyId: string }
  | { kind: 'own'; agencyId: string };

export function agencyScopeOf(roles: readonly StaffRole[], agencyId: string): AgencyScope {
  if (roles.includes('system_admin')) return { kind: 'all' };
  if (roles.includes('supervisor')) return { kind: 'subtree', rootAgencyId: agencyId };
  return { kind: 'own', agencyId };
}

/** Only a system admin grants system_admin or supervisor; an agency admin manages its own staff. */
export function canGrantRoles(granterRoles: readonly StaffRole[], roles: readonly StaffRole[]): boolean {
  if (granterRoles.includes('system_admin')) return true;
  if (granterRoles.includes('agency_admin'))
    return roles.every((r) => r !== 'system_admin' && r !== 'supervisor');
  return false;
}

/** The signed-in person, as every use case receives it. */
export interface Actor {
  staffId: string;
  username: string;
  displayName: string;
  agencyId: string;
  roles: StaffRole[];
}

export const PASSWORD_MIN_LENGTH = 10;

/** Passwords: at least 10 characters with letters and digits; the username is not a password. */
export function checkPasswordStrength(password: string, username: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `密码至少 ${PASSWORD_MIN_LENGTH} 位`;
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) return '密码须同时包含字母和数字';
  if (password.toLowerCase().includes(username.toLowerCase())) return '密码不能包含用户名';
  return null;
}

/** Login throttling: after 5 wrong passwords in a row the account is locked for 15 minutes. */
export const LOGIN_MAX_FAILURES = 5;
export const LOGIN_LOCK_MINUTES = 15;
export const SESSION_IDLE_HOURS = 12;
