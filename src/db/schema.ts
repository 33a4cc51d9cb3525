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
  disclosureRequest: DisclosureRequestTable;
  requestEvent: RequestEventTable;
  requestAttachment: RequestAttachmentTable;
  requestLetter: RequestLetterTable;
  reviewCase: ReviewCaseTable;
  dueDateChange: DueDateChangeTable;
  catalogueSetting: CatalogueSettingTable;
  indexNumberCounter: IndexNumberCounterTable;
  catalogueEntry: CatalogueEntryTable;
  catalogueAttachment: CatalogueAttachmentTable;
  catalogueLink: CatalogueLinkTable;
  importJob: ImportJobTable;
  decision: DecisionTable;
  administrativeFee: AdministrativeFeeTable;
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

export interface DisclosureRequestTable {
  id: Generated<string>;
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
  needsAssistance: Generated<boolean>;
  pieces: Generated<number>;
  channel: string;
  submittedAt: Timestamp | null;
  note: string | null;
  assignedStaffId: string | null;
  repeatHints: ColumnType<unknown[], string | undefined, string>;
  status: Generated<string>;
  clockPhase: Generated<string>;
  receivedOn: string | null;
  dueOn: string | null;
  baseDueOn: string | null;
  totalWorkdays: number | null;
  paused: Generated<boolean>;
  pauseReason: string | null;
  pauseLatestEndOn: string | null;
  correctBy: string | null;
  feePayBy: string | null;
  extensionStatus: Generated<string>;
  outcome: string | null;
  closedOn: string | null;
  firstClosedOn: string | null;
  firstOutcome: string | null;
  lastEventOn: string | null;
  eventCount: Generated<number>;
  deadlineComputedOn: string | null;
  createdAt: GeneratedTimestamp;
  updatedAt: GeneratedTimestamp;
  version: Generated<number>;
}

export interface RequestEventTable {
  id: Generated<number>;
  requestId: string;
  agencyId: string;
  seq: number;
  kind: string;
  occurredOn: string;
  actorStaffId: string | null;
  payload: ColumnType<Record<string, unknown>, string, string>;
  recordedAt: GeneratedTimestamp;
}

export interface RequestAttachmentTable {
  id: Generated<string>;
  requestId: string;
  agencyId: string;
  kind: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  content: Buffer;
  visibleToApplicant: Generated<boolean>;
  note: string | null;
  uploadedBy: string | null;
  uploadedAt: GeneratedTimestamp;
}

export interface RequestLetterTable {
  id: Generated<string>;
  requestId: string;
  agencyId: string;
  kind: string;
  templateKey: string;
  templateVersion: string;
  title: string;
  body: string;
  status: Generated<string>;
  attachmentId: string | null;
  createdBy: string | null;
  createdAt: GeneratedTimestamp;
  updatedAt: GeneratedTimestamp;
  issuedBy: string | null;
  issuedAt: Timestamp | null;
  version: Generated<number>;
}

export interface ReviewCaseTable {
  id: Generated<string>;
  requestId: string;
  agencyId: string;
  contestedEventSeq: number | null;
  kind: string;
  route: string | null;
  reconsiderationCaseId: string | null;
  subject: string;
  body: string;
  caseNumber: string | null;
  receivedOn: string;
  decidedOn: string | null;
  result: string | null;
  countedInReport: Generated<boolean>;
  createdBy: string | null;
  createdAt: GeneratedTimestamp;
  updatedAt: GeneratedTimestamp;
  version: Generated<number>;
}

export interface DueDateChangeTable {
  id: Generated<number>;
  requestId: string;
  agencyId: string;
  calendarYear: number;
  oldDueOn: string | null;
  newDueOn: string | null;
  changedAt: GeneratedTimestamp;
  acknowledgedAt: Timestamp | null;
  acknowledgedBy: string | null;
}

export interface CatalogueSettingTable {
  agencyId: string;
  indexNumberPattern: string;
  updatedAt: GeneratedTimestamp;
  version: Generated<number>;
}

export interface IndexNumberCounterTable {
  agencyId: string;
  period: string;
  lastSerial: number;
}

export interface CatalogueEntryTable {
  id: Generated<string>;
  agencyId: string;
  indexNumber: string | null;
  title: string;
  summary: string | null;
  body: string | null;
  issuingAgencyName: string;
  documentNumber: string | null;
  formedOn: string;
  publishedOn: string | null;
  category: string;
  documentType: string;
  topic: string | null;
  validity: Generated<string>;
  validityChangedOn: string | null;
  repealedBy: string | null;
  status: Generated<string>;
  reviewNote: string | null;
  withdrawnOn: string | null;
  withdrawalReason: string | null;
  /** tsvector, written through array_to_tsvector in the repository. */
  searchTokens: ColumnType<string, unknown, unknown>;
  /** xid8 of the transaction that last wrote the entry (set by default and trigger; read as text). */
  changedXid: ColumnType<string, never, never>;
  /** Provenance of an imported entry: its import job and line in the file. */
  importJobId: string | null;
  sourceLine: number | null;
  createdBy: string | null;
  createdAt: GeneratedTimestamp;
  updatedAt: GeneratedTimestamp;
  version: Generated<number>;
}

export interface CatalogueAttachmentTable {
  id: Generated<string>;
  agencyId: string;
  entryId: string;
  fileName: string;
  mediaType: string;
  byteSize: number;
  sha256: string;
  content: Buffer;
  createdBy: string | null;
  createdAt: GeneratedTimestamp;
}

export interface CatalogueLinkTable {
  agencyId: string;
  entryId: string;
  interpretationId: string;
  kind: string;
  createdAt: GeneratedTimestamp;
}

export interface ImportJobTable {
  id: Generated<string>;
  agencyId: string;
  target: string;
  fileName: string;
  byteSize: number;
  status: string;
  phase: string;
  rowsRead: Generated<number>;
  bytesRead: Generated<number>;
  rowsInserted: Generated<number>;
  rowsUnchanged: Generated<number>;
  errorCount: Generated<number>;
  errors: ColumnType<unknown[], string | undefined, string>;
  message: string | null;
  options: ColumnType<Record<string, unknown>, string | undefined, string>;
  startedBy: string | null;
  startedByLabel: string;
  startedAt: GeneratedTimestamp;
  updatedAt: GeneratedTimestamp;
  finishedAt: Timestamp | null;
}

export interface DecisionTable {
  id: Generated<string>;
  agencyId: string;
  kind: string;
  documentNumber: string;
  title: string;
  matterName: string | null;
  matterCategory: string | null;
  counterpartyName: string;
  counterpartyCode: string | null;
  decidedOn: string;
  validFrom: string | null;
  validUntil: string | null;
  publishedOn: string | null;
  content: string | null;
  basis: string | null;
  amountYuan: number | null;
  importJobId: string | null;
  sourceLine: number | null;
  /** xid8 of the transaction that last wrote the decision (default and trigger; read as text). */
  changedXid: ColumnType<string, never, never>;
  createdAt: GeneratedTimestamp;
}

export interface AdministrativeFeeTable {
  id: Generated<string>;
  agencyId: string;
  year: number;
  item: string;
  basis: string | null;
  amountYuan: number;
  note: string | null;
  createdBy: string | null;
  createdAt: GeneratedTimestamp;
  version: Generated<number>;
}
