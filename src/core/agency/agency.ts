import { type AgencyCodeKind, classifyAgencyCode } from '../shared/identity-codes.ts';

export const AGENCY_LEVELS = ['province', 'city', 'county', 'township'] as const;
export type AgencyLevel = (typeof AGENCY_LEVELS)[number];

export const AGENCY_LEVEL_LABELS: Record<AgencyLevel, string> = {
  province: '省级',
  city: '市级',
  county: '县级',
  township: '乡镇级',
};

/**
 * A government (人民政府) publishes its own report and compiles its departments'; a department
 * (工作部门) reports to it; a service centre (为民/便民服务中心) sits under a government and serves
 * the public on its behalf.
 */
export const AGENCY_KINDS = ['government', 'department', 'service_centre'] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

export const AGENCY_KIND_LABELS: Record<AgencyKind, string> = {
  government: '人民政府',
  department: '政府工作部门',
  service_centre: '政务服务中心',
};

export interface Agency {
  id: string;
  code: string;
  codeKind: AgencyCodeKind;
  name: string;
  shortName: string | null;
  level: AgencyLevel;
  kind: AgencyKind;
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
  version: number;
}

const LEVEL_ORDER: Record<AgencyLevel, number> = { province: 0, city: 1, county: 2, township: 3 };

/** A child never sits above its parent: a county department cannot be the parent of a city one. */
export function isValidParentLevel(parent: AgencyLevel, child: AgencyLevel): boolean {
  return LEVEL_ORDER[child] >= LEVEL_ORDER[parent];
}

export { classifyAgencyCode };

/**
 * 条例第四十九条: a government department publishes its report by 31 January of the next year; a
 * local government publishes its (compiled) report by 31 March.
 */
export function annualReportDeadline(kind: AgencyKind, reportYear: number): string {
  return kind === 'government' ? `${reportYear + 1}-03-31` : `${reportYear + 1}-01-31`;
}

/**
 * 条例第二十一条: governments of 设区的市 and 县 add categories; 乡镇 governments add their own.
 * Used by the catalogue to offer the categories that apply to an agency.
 */
export function extraCategoryLevel(level: AgencyLevel): 'city_county' | 'township' | null {
  if (level === 'city' || level === 'county') return 'city_county';
  if (level === 'township') return 'township';
  return null;
}
