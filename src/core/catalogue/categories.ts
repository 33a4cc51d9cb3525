import { type AgencyLevel, extraCategoryLevel } from '../agency/agency.ts';

/**
 * What an agency must publish proactively (主动公开): the fifteen items of 条例第二十条 for every
 * agency, plus the items 第二十一条 adds for governments of 设区的市 and 县, and for 乡镇.
 */
export interface DisclosureCategory {
  code: string;
  label: string;
  article: string;
}

export const ARTICLE_20_CATEGORIES: readonly DisclosureCategory[] = [
  { code: 'a20_01', article: '第二十条第（一）项', label: '行政法规、规章和规范性文件' },
  {
    code: 'a20_02',
    article: '第二十条第（二）项',
    label: '机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名',
  },
  {
    code: 'a20_03',
    article: '第二十条第（三）项',
    label: '国民经济和社会发展规划、专项规划、区域规划及相关政策',
  },
  { code: 'a20_04', article: '第二十条第（四）项', label: '国民经济和社会发展统计信息' },
  {
    code: 'a20_05',
    article: '第二十条第（五）项',
    label: '行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果',
  },
  {
    code: 'a20_06',
    article: '第二十条第（六）项',
    label: '行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定',
  },
  { code: 'a20_07', article: '第二十条第（七）项', label: '财政预算、决算信息' },
  { code: 'a20_08', article: '第二十条第（八）项', label: '行政事业性收费项目及其依据、标准' },
  { code: 'a20_09', article: '第二十条第（九）项', label: '政府集中采购项目的目录、标准及实施情况' },
  { code: 'a20_10', article: '第二十条第（十）项', label: '重大建设项目的批准和实施情况' },
  {
    code: 'a20_11',
    article: '第二十条第（十一）项',
    label: '扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况',
  },
  { code: 'a20_12', article: '第二十条第（十二）项', label: '突发公共事件的应急预案、预警信息及应对情况' },
  {
    code: 'a20_13',
    article: '第二十条第（十三）项',
    label: '环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况',
  },
  {
    code: 'a20_14',
    article: '第二十条第（十四）项',
    label: '公务员招考的职位、名额、报考条件等事项以及录用结果',
  },
  {
    code: 'a20_15',
    article: '第二十条第（十五）项',
    label: '法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息',
  },
];

/** 第二十一条: 设区的市级、县级人民政府及其部门 add these. */
export const ARTICLE_21_CITY_COUNTY_CATEGORIES: readonly DisclosureCategory[] = [
  '市政建设',
  '公共服务',
  '公益事业',
  '土地征收',
  '房屋征收',
  '治安管理',
  '社会救助',
].map((label, i) => ({ code: `a21_c${String(i + 1).padStart(2, '0')}`, article: '第二十一条', label }));

/** 第二十一条: 乡（镇）人民政府 add these. */
export const ARTICLE_21_TOWNSHIP_CATEGORIES: readonly DisclosureCategory[] = [
  '贯彻落实农业农村政策措施',
  '农田水利工程建设运营',
  '农村土地承包经营权流转',
  '宅基地使用情况审核',
  '土地征收',
  '房屋征收',
  '筹资筹劳',
  '社会救助',
].map((label, i) => ({ code: `a21_t${String(i + 1).padStart(2, '0')}`, article: '第二十一条', label }));

export function categoriesForLevel(level: AgencyLevel): DisclosureCategory[] {
  const extra = extraCategoryLevel(level);
  return [
    ...ARTICLE_20_CATEGORIES,
    ...(extra === 'city_county' ? ARTICLE_21_CITY_COUNTY_CATEGORIES : []),
    ...(extra === 'township' ? ARTICLE_21_TOWNSHIP_CATEGORIES : []),
  ];
}
