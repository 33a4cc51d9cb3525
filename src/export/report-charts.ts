import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import {
  APPLICANT_TYPE_LABELS,
  APPLICANT_TYPES,
  OUTCOME_CODES,
  type OutcomeGroup,
  type ReportTables,
  type Section3Column,
} from '../core/annual-report/index.ts';
import { formatCount } from './report-layout.ts';

/**
 * Figures for the "vivid" (图解) edition of the published page, drawn on the server as SVG so the page
 * needs no script and shows the same picture in every browser, in print, and with scripts disabled.
 */

echarts.use([BarChart, PieChart, GridComponent, LegendComponent, TitleComponent, SVGRenderer]);

export interface ChartFigure {
  id: string;
  caption: string;
  /** The figure in words, for readers who cannot see it (the SVG's aria-label). */
  description: string;
  svg: string;
}

/** Single quotes only: ECharts writes the family into a double-quoted style attribute. */
export const CHART_FONT_FAMILY =
  "'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', sans-serif";
const PALETTE = ['#1f5fa8', '#d9822b', '#3a9d5d', '#b83b3b', '#7a5ea8', '#8c8c8c'];
const WIDTH = 720;
/** Figures shown two abreast on wide screens. */
const HALF_WIDTH = 460;

type Num = number | null;
const sum = (values: Num[]): Num =>
  values.every((v) => v === null) ? null : values.reduce<number>((total, v) => total + (v ?? 0), 0);
const words = (value: Num) => (value === null ? '未填报' : `${formatCount(value)}件`);
const escapeAttribute = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function renderSvg(
  option: echarts.EChartsCoreOption,
  height: number,
  description: string,
  width = WIDTH,
): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({
      animation: false,
      color: PALETTE,
      textStyle: { fontFamily: CHART_FONT_FAMILY, fontSize: 13, color: '#333' },
      ...option,
    });
    const svg = chart.renderToSVGString();
    return svg.replace(
      /^<svg /,
      `<svg role="img" aria-label="${escapeAttribute(description)}" focusable="false" `,
    );
  } finally {
    chart.dispose();
  }
}

const yearLabel = (tables: ReportTables) => `${tables.year}年`;

/** Bars for one or two years over the same categories (the second year only when given). */
function barChart(
  categories: string[],
  series: { name: string; values: Num[] }[],
  options: { horizontal?: boolean; height?: number; width?: number } = {},
): { option: echarts.EChartsCoreOption; height: number } {
  const height =
    options.height ?? (options.horizontal ? 60 + categories.length * (series.length > 1 ? 52 : 40) : 340);
  // Long category names wrap inside their slot instead of running into the next one.
  const slot = Math.floor(((options.width ?? WIDTH) - 72) / categories.length) - 6;
  const categoryAxis = {
    type: 'category',
    data: categories,
    inverse: options.horizontal === true,
    axisTick: { show: false },
    axisLabel: {
      interval: 0,
      fontSize: 13,
      ...(options.horizontal ? {} : { width: slot, overflow: 'break', lineHeight: 16 }),
    },
  };
  const valueAxis = { type: 'value', minInterval: 1, axisLabel: { fontSize: 12 } };
  return {
    height,
    option: {
      legend: series.length > 1 ? { top: 0, data: series.map((s) => s.name) } : undefined,
      grid: {
        left: options.horizontal ? 130 : 48,
        right: options.horizontal ? 72 : 24,
        top: series.length > 1 ? 36 : 16,
        bottom: options.horizontal ? 24 : 56,
      },
      xAxis: options.horizontal ? valueAxis : categoryAxis,
      yAxis: options.horizontal ? categoryAxis : valueAxis,
      series: series.map((s) => ({
        name: s.name,
        type: 'bar',
        barMaxWidth: 36,
        data: s.values.map((v) => (v === null ? '-' : v)),
        label: { show: true, position: options.horizontal ? 'right' : 'top', fontSize: 12 },
      })),
    },
  };
}

// ── 二: proactive disclosure volume ─────────────────────────────────────────────────────────────────

/**
 * The 2019 layout counts documents differently (本年新制作数量 is not 本年制发件数), so those bars are
 * left empty for a 2019-format year; 处理决定数量 means the same in both layouts.
 */
const PROACTIVE_ITEMS: { label: string; pick: (t: ReportTables) => Num }[] = [
  { label: '规章（本年制发）', pick: (t) => (isFormat2019(t) ? null : t.section2.rule.issued) },
  {
    label: '行政规范性文件（本年制发）',
    pick: (t) => (isFormat2019(t) ? null : t.section2.normative_document.issued),
  },
  {
    label: '行政许可决定',
    pick: (t) => (isFormat2019(t) ? t.section2_2019!.licensing.decisions : t.section2.licensing.decisions),
  },
  {
    label: '行政处罚决定',
    pick: (t) => (isFormat2019(t) ? t.section2_2019!.penalty.decisions : t.section2.penalty.decisions),
  },
  {
    label: '行政强制决定',
    pick: (t) => (isFormat2019(t) ? t.section2_2019!.coercion.decisions : t.section2.coercion.decisions),
  },
];

function isFormat2019(tables: ReportTables): boolean {
  return tables.formatVersion === '2019' && tables.section2_2019 !== undefined;
}

function proactiveChart(tables: ReportTables, previous?: ReportTables): ChartFigure {
  const categories = PROACTIVE_ITEMS.map((item) => item.label);
  const series = [{ name: yearLabel(tables), values: PROACTIVE_ITEMS.map((item) => item.pick(tables)) }];
  if (previous)
    series.push({ name: yearLabel(previous), values: PROACTIVE_ITEMS.map((item) => item.pick(previous)) });
  const { option, height } = barChart(categories, series, { horizontal: true });
  const description = describeSeries('主动公开政府信息数量', categories, series);
  return {
    id: 'figure-proactive',
    caption: previous ? '主动公开政府信息数量（与上年对比）' : '主动公开政府信息数量',
    description,
    svg: renderSvg({ ...option, grid: { ...(option.grid as object), left: 190 } }, height, description),
  };
}

// ── 三: requests by applicant type, outcomes ────────────────────────────────────────────────────────

function applicantChart(tables: ReportTables, previous?: ReportTables): ChartFigure {
  const categories = APPLICANT_TYPES.map((type) => APPLICANT_TYPE_LABELS[type]);
  const pick = (t: ReportTables) => APPLICANT_TYPES.map((type) => t.section3.new[type]);
  const series = [{ name: yearLabel(tables), values: pick(tables) }];
  if (previous) series.push({ name: yearLabel(previous), values: pick(previous) });
  const { option, height } = barChart(categories, series, { height: 340, width: HALF_WIDTH });
  const description = describeSeries('本年新收政府信息公开申请，按申请人类型', categories, series);
  return {
    id: 'figure-applicants',
    caption: previous ? '新收申请按申请人类型（与上年对比）' : '新收申请按申请人类型',
    description,
    svg: renderSvg(option, height, description, HALF_WIDTH),
  };
}

const OUTCOME_SHARES: { label: string; group: OutcomeGroup | 'disclosed' | 'partially_disclosed' }[] = [
  { label: '予以公开', group: 'disclosed' },
  { label: '部分公开', group: 'partially_disclosed' },
  { label: '不予公开', group: 'withheld' },
  { label: '无法提供', group: 'unavailable' },
  { label: '不予处理', group: 'not_processed' },
  { label: '其他处理', group: 'other' },
];

/** Closed requests per outcome group (column 总计), counting a group printed as one merged row. */
export function outcomeGroupTotals(
  tables: ReportTables,
  column: Section3Column = 'total',
): { label: string; value: Num }[] {
  return OUTCOME_SHARES.map(({ label, group }) => {
    if (group === 'disclosed' || group === 'partially_disclosed') {
      return { label, value: tables.section3[group][column] };
    }
    const merged = tables.section3_merged?.[group];
    if (merged) return { label, value: merged[column] };
    return {
      label,
      value: sum(
        OUTCOME_CODES.filter((c) => c.startsWith(`${group}.`)).map((c) => tables.section3[c][column]),
      ),
    };
  });
}

function outcomeChart(tables: ReportTables, previous?: ReportTables): ChartFigure {
  const shares = outcomeGroupTotals(tables);
  const total = tables.section3.outcome_total.total;
  const description =
    `本年度办理结果，共办结${words(total)}：` +
    shares.map((s) => `${s.label}${words(s.value)}`).join('，') +
    (previous
      ? `。上年：${outcomeGroupTotals(previous)
          .map((s) => `${s.label}${words(s.value)}`)
          .join('，')}`
      : '');
  if (previous) {
    const categories = shares.map((s) => s.label);
    const { option, height } = barChart(
      categories,
      [
        { name: yearLabel(tables), values: shares.map((s) => s.value) },
        { name: yearLabel(previous), values: outcomeGroupTotals(previous).map((s) => s.value) },
      ],
      { height: 340, width: HALF_WIDTH },
    );
    return {
      id: 'figure-outcomes',
      caption: '办理结果（与上年对比）',
      description,
      svg: renderSvg(option, height, description, HALF_WIDTH),
    };
  }
  const slices = shares.filter((s) => (s.value ?? 0) > 0).map((s) => ({ name: s.label, value: s.value }));
  const option: echarts.EChartsCoreOption = {
    title: {
      text: formatCount(total) === '' ? '—' : `${formatCount(total)}件`,
      subtext: '办结',
      left: 'center',
      top: '42%',
      textStyle: { fontSize: 22, fontWeight: 'bold', color: '#333' },
      subtextStyle: { fontSize: 13, color: '#555' },
      itemGap: 4,
    },
    series: [
      {
        type: 'pie',
        radius: ['30%', '52%'],
        center: ['50%', '50%'],
        avoidLabelOverlap: true,
        percentPrecision: 1,
        // Without a canvas the label width is estimated; never cut a figure short with an ellipsis.
        label: {
          show: true,
          formatter: '{b}\n{c}件（{d}%）',
          fontSize: 13,
          lineHeight: 18,
          overflow: 'none',
        },
        data: slices,
      },
    ],
  };
  return {
    id: 'figure-outcomes',
    caption: '办理结果构成',
    description,
    svg: renderSvg(option, 340, description, HALF_WIDTH),
  };
}

// ── year over year: requests and reviews ────────────────────────────────────────────────────────────

const FLOW_ITEMS: { label: string; pick: (t: ReportTables) => Num }[] = [
  { label: '本年新收', pick: (t) => t.section3.new.total },
  { label: '上年结转', pick: (t) => t.section3.carried_over.total },
  { label: '办结', pick: (t) => t.section3.outcome_total.total },
  { label: '结转下年', pick: (t) => t.section3.carried_forward.total },
  { label: '行政复议', pick: (t) => t.section4.reconsideration.total },
  {
    label: '行政诉讼',
    pick: (t) => sum([t.section4.litigation_direct.total, t.section4.litigation_after_reconsideration.total]),
  },
];

function flowChart(tables: ReportTables, previous: ReportTables): ChartFigure {
  const categories = FLOW_ITEMS.map((item) => item.label);
  const series = [
    { name: yearLabel(tables), values: FLOW_ITEMS.map((item) => item.pick(tables)) },
    { name: yearLabel(previous), values: FLOW_ITEMS.map((item) => item.pick(previous)) },
  ];
  const { option, height } = barChart(categories, series);
  const description = describeSeries('依申请公开及复议、诉讼数量与上年对比', categories, series);
  return {
    id: 'figure-year-over-year',
    caption: '依申请公开、行政复议和行政诉讼数量与上年对比',
    description,
    svg: renderSvg(option, height, description),
  };
}

function describeSeries(
  subject: string,
  categories: string[],
  series: { name: string; values: Num[] }[],
): string {
  return `${subject}。${series
    .map((s) => `${s.name}：${categories.map((c, i) => `${c}${words(s.values[i] ?? null)}`).join('，')}`)
    .join('；')}。`;
}

export interface ReportCharts {
  proactive: ChartFigure;
  applicants: ChartFigure;
  outcomes: ChartFigure;
  yearOverYear: ChartFigure | null;
}

export function buildReportCharts(tables: ReportTables, previous?: ReportTables): ReportCharts {
  return {
    proactive: proactiveChart(tables, previous),
    applicants: applicantChart(tables, previous),
    outcomes: outcomeChart(tables, previous),
    yearOverYear: previous ? flowChart(tables, previous) : null,
  };
}

/** Key figures of the year, with the change from last year when it is known. */
export interface KeyFigure {
  label: string;
  value: Num;
  unit: string;
  previous?: Num;
}

export function keyFigures(tables: ReportTables, previous?: ReportTables): KeyFigure[] {
  const items: { label: string; unit: string; pick: (t: ReportTables) => Num }[] = [
    { label: '行政许可决定公开', unit: '件', pick: PROACTIVE_ITEMS[2]!.pick },
    {
      label: '行政处罚、强制决定公开',
      unit: '件',
      pick: (t) => sum([PROACTIVE_ITEMS[3]!.pick(t), PROACTIVE_ITEMS[4]!.pick(t)]),
    },
    { label: '新收公开申请', unit: '件', pick: (t) => t.section3.new.total },
    { label: '办结公开申请', unit: '件', pick: (t) => t.section3.outcome_total.total },
    ...FLOW_ITEMS.slice(4).map((item) => ({ ...item, unit: '件' })),
  ];
  return items.map((item) => ({
    label: item.label,
    unit: item.unit,
    value: item.pick(tables),
    ...(previous ? { previous: item.pick(previous) } : {}),
  }));
}
