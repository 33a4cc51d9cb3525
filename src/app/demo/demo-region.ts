import type { AgencyKind, AgencyLevel } from '../../core/agency/index.ts';
import type { StaffRole } from '../../core/staff/index.ts';

/**
 * The demo region, modelled on the seed report (张家港市行政审批局 2021): 张家港市 under 苏州市, its
 * 行政审批局, one town (塘桥镇) with its 为民服务中心, and one village 便民服务中心. Codes are made up
 * but carry valid check characters; addresses and phones are placeholders marked as demo data.
 */
export interface DemoAgency {
  key: string;
  parentKey: string | null;
  code: string;
  name: string;
  shortName: string;
  level: AgencyLevel;
  kind: AgencyKind;
  address: string;
  postalCode: string;
  officeHours: string;
  phone: string;
  fax: string | null;
  email: string | null;
  website: string | null;
  disclosureOffice: string;
}

const WEEKDAY_HOURS = '工作日上午 9:00—12:00，下午 13:30—17:00（法定节假日除外）';

export const DEMO_AGENCIES: DemoAgency[] = [
  {
    key: 'suzhou',
    parentKey: null,
    code: '113205000140000790',
    name: '苏州市人民政府',
    shortName: '苏州市政府',
    level: 'city',
    kind: 'government',
    address: '江苏省苏州市（演示数据）',
    postalCode: '215000',
    officeHours: WEEKDAY_HOURS,
    phone: '0512-12345000',
    fax: null,
    email: null,
    website: null,
    disclosureOffice: '苏州市人民政府办公室（市政务公开办）',
  },
  {
    key: 'zhangjiagang',
    parentKey: 'suzhou',
    code: '1132058201400001XG',
    name: '张家港市人民政府',
    shortName: '张家港市政府',
    level: 'county',
    kind: 'government',
    address: '江苏省张家港市杨舍镇（演示数据）',
    postalCode: '215600',
    officeHours: WEEKDAY_HOURS,
    phone: '0512-58680001',
    fax: '0512-58680002',
    email: 'gongkai@zjg.example.cn',
    website: null,
    disclosureOffice: '张家港市人民政府办公室（市政务公开办）',
  },
  {
    key: 'approval_bureau',
    parentKey: 'zhangjiagang',
    code: '11320582014000028G',
    name: '张家港市行政审批局',
    shortName: '市行政审批局',
    level: 'county',
    kind: 'department',
    address: '江苏省张家港市政务服务中心（演示数据）',
    postalCode: '215600',
    officeHours: WEEKDAY_HOURS,
    phone: '0512-58680100',
    fax: '0512-58680101',
    email: 'spj@zjg.example.cn',
    website: null,
    disclosureOffice: '张家港市行政审批局办公室',
  },
  {
    key: 'tangqiao',
    parentKey: 'zhangjiagang',
    code: '11320582014000036B',
    name: '张家港市塘桥镇人民政府',
    shortName: '塘桥镇政府',
    level: 'township',
    kind: 'government',
    address: '江苏省张家港市塘桥镇（演示数据）',
    postalCode: '215611',
    officeHours: WEEKDAY_HOURS,
    phone: '0512-58690001',
    fax: null,
    email: null,
    website: null,
    disclosureOffice: '塘桥镇党政办公室',
  },
  {
    key: 'tangqiao_centre',
    parentKey: 'tangqiao',
    code: '113205820140000446',
    name: '张家港市塘桥镇为民服务中心',
    shortName: '塘桥镇为民服务中心',
    level: 'township',
    kind: 'service_centre',
    address: '江苏省张家港市塘桥镇为民服务中心大厅（演示数据）',
    postalCode: '215611',
    officeHours: '周一至周六 8:30—17:00（法定节假日除外）',
    phone: '0512-58690100',
    fax: null,
    email: null,
    website: null,
    disclosureOffice: '塘桥镇为民服务中心综合窗口',
  },
  {
    key: 'hanshan_centre',
    parentKey: 'tangqiao',
    code: '54320582MA1ABCD03F',
    name: '张家港市塘桥镇韩山村便民服务中心',
    shortName: '韩山村便民服务中心',
    level: 'township',
    kind: 'service_centre',
    address: '江苏省张家港市塘桥镇韩山村（演示数据）',
    postalCode: '215611',
    officeHours: WEEKDAY_HOURS,
    phone: '0512-58690200',
    fax: null,
    email: null,
    website: null,
    disclosureOffice: '韩山村便民服务中心',
  },
];

/** One password for every demo account, printed at start; not for production use. */
export const DEMO_PASSWORD = 'Gongkai2026demo';

export interface DemoAccount {
  username: string;
  displayName: string;
  agencyKey: string;
  roles: StaffRole[];
  phone: string | null;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    username: 'admin',
    displayName: '系统管理员',
    agencyKey: 'zhangjiagang',
    roles: ['system_admin'],
    phone: null,
  },
  {
    username: 'zjg.supervisor',
    displayName: '周政公',
    agencyKey: 'zhangjiagang',
    roles: ['supervisor'],
    phone: '13912345601',
  },
  {
    username: 'spj.admin',
    displayName: '沈管理',
    agencyKey: 'approval_bureau',
    roles: ['agency_admin'],
    phone: '13912345602',
  },
  {
    username: 'spj.clerk',
    displayName: '陈承办',
    agencyKey: 'approval_bureau',
    roles: ['clerk'],
    phone: '13912345603',
  },
  {
    username: 'spj.reviewer',
    displayName: '邵审核',
    agencyKey: 'approval_bureau',
    roles: ['reviewer'],
    phone: '13912345604',
  },
  {
    username: 'tq.clerk',
    displayName: '唐承办',
    agencyKey: 'tangqiao',
    roles: ['clerk'],
    phone: '13912345605',
  },
];
