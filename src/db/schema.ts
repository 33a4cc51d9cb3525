import type { ColumnType, Generated, JSONColumnType } from 'kysely';

/**
 * The database as Kysely sees it (camelCase through CamelCasePlugin; SQL is snake_case with singular
 * table names). Dates are 'YYYY-MM-DD' strings, instants are Date.
 */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = JSONColumnType<object, string, string>;

export interface AgencyTable {
  id: Generated<string>;
  code: string;
  codeKind: string;
  name: string;
  shortName: string | null;
  level: string;
  kind: string;
  parentId: string | null;
  address: string | null;
  postalCode: string | null;
  officeHours: string | null;
  phone: string | null;
  fax: string | null;
  email: string | null;
  website: string | null;
  disclosureOffice: string | null;
  guideIntro: string | null;
  createdAt: GeneratedTimestamp;
  updatedAt: GeneratedTimestamp;
  version: Generated<number>;
}

export interface StaffTable {
  id: Generated<string>;
  agencyId: string;
  username: string;
  displayName: string;
  passwordHash: string;
  roles: string[];
  phone: string | null;
  isActive: Generated<boolean>;
  failedLoginCount: Generated<number>;
  lockedUntil: Timestamp | null;
  lastLoginAt: Timestamp | null;
  passwordChangedAt: GeneratedTimestamp;
  createdAt: GeneratedTimestamp;
  updatedAt: GeneratedTimestamp;
  version: Generated<number>;
}

export interface SessionTable {
  id: string;
  staffId: string;
  csrfToken: string;
  createdAt: GeneratedTimestamp;
  expiresAt: Timestamp;
  lastSeenAt: GeneratedTimestamp;
  ip: string | null;
  userAgent: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: GeneratedTimestamp;
  actorStaffId: string | null;
  actorLabel: string;
  agencyId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  oldValue: Json | null;
  newValue: Json | null;
  ip: string | null;
}

export interface CalendarYearTable {
  year: number;
  source: string;
  loadedAt: GeneratedTimestamp;
  loadedBy: string | null;
}

export interface CalendarDayTable {
  date: string;
  year: number;
  kind: string;
  name: string;
}

export interface DB {
  agency: AgencyTable;
  staff: StaffTable;
  session: SessionTable;
  auditLog: AuditLogTable;
  calendarYear: CalendarYearTable;
  calendarDay: CalendarDayTable;
  annualReport: AnnualReportTable;
  annualReportCellEntry: AnnualReportCellEntryTable;
}

export interface AnnualReportTable {
  id: Generated<string>;
  agencyId: string;
  year: number;
  formatVersion: string;
  status: string;
  source: string;
  tables: Json;
  prose: Json;
  provenance: Json | null;
  returnReason: string | null;
  submittedAt: Timestamp | null;
  submittedBy: string | null;
  returnedAt: Timestamp | null;
  returnedBy: string | null;
  acceptedAt: Timestamp | null;
  acceptedBy: string | null;
  publishedAt: Timestamp | null;
  publishedBy: string | null;
  publishedOn: string | null;
  createdBy: string | null;
  createdAt: GeneratedTimestamp;
  updatedAt: GeneratedTimestamp;
  version: Generated<number>;
}

export interface AnnualReportCellEntryTable {
  id: Generated<number>;
  reportId: string;
  agencyId: string;
  cellId: string;
  value: number | null;
  origin: string;
  enteredBy: string | null;
  enteredByLabel: string;
  enteredAt: GeneratedTimestamp;
}
