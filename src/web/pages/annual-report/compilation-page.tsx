import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Dropdown, Empty, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import {
  type AnnualReportView,
  type CompilationOverview,
  type CompilationRow,
  type CompiledReport,
  REPORT_EXPORT_FORMAT_LABELS,
  REPORT_EXPORT_FORMATS,
  REPORT_SOURCE_LABELS,
  TIMELINESS_LABELS,
  type Timeliness,
} from '../../../contract/annual-report-api.ts';
import { describeCell } from '../../../core/annual-report/cell-access.ts';
import { post } from '../../api/client.ts';
import { useSession } from '../../api/session.tsx';
import { useQuery } from '../../api/use-query.ts';
import { errorMessage } from '../../components/errors.ts';
import { AGENCY_KIND_LABELS } from '../../labels.ts';
import { ReportGrid } from './report-grid.tsx';
import { REPORT_STATUS_COLORS, REPORT_STATUS_LABELS } from './report-labels.ts';
import './report-page.css';

const FIRST_YEAR = 2021;
const TIMELINESS_COLORS: Record<Timeliness, string> = {
  on_time: 'success',
  late: 'warning',
  overdue: 'error',
  not_due: 'default',
  unknown: 'default',
};

/** Ready to compile by default: the agencies directly below whose report the office has accepted. */
function defaultSelection(rows: CompilationRow[]): string[] {
  return rows
    .filter((r) => r.depth === 1 && (r.report?.status === 'accepted' || r.report?.status === 'published'))
    .map((r) => r.agencyId);
}

/**
 * 汇总: the supervising office's year — every agency below it with its report's status, breaches and
 * publication against the 条例第四十九条 deadline — and the compiled report built from the chosen ones.
 */
export function CompilationPage() {
  const { can } = useSession();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear - 1);
  const overview = useQuery<CompilationOverview>(`/annual-report-compilations/${year}`);
  const [selected, setSelected] = useState<string[]>([]);
  const [compiled, setCompiled] = useState<CompiledReport | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (overview.data) setSelected(defaultSelection(overview.data.rows));
    setCompiled(null);
  }, [overview.data]);

  const build = async () => {
    setBusy(true);
    try {
      setCompiled(
        await post<CompiledReport>(`/annual-report-compilations/${year}/build`, { agencyIds: selected }),
      );
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  const saveAsOwn = () =>
    modal.confirm({
      title: `保存为${overview.data?.compiler.name ?? ''}${year}年度报告`,
      content: '汇总表格将保存为本机关该年度报告的表格（草稿），正文保持不变，随后可编写正文并报送或发布。',
      okText: '保存',
      onOk: async () => {
        try {
          const view = await post<AnnualReportView>(`/annual-report-compilations/${year}/save`, {
            agencyIds: selected,
          });
          message.success('已保存为本机关年度报告');
          navigate(`/annual-reports/${view.id}`);
        } catch (error) {
          message.error(errorMessage(error));
        }
      },
    });

  const years = Array.from({ length: thisYear - FIRST_YEAR + 1 }, (_, i) => thisYear - i);
  const errors = compiled?.findings.filter((f) => f.severity === 'error') ?? [];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <Typography.Title level={4} style={{ margin: 0 }}>
            年度报告汇总
          </Typography.Title>
        }
        extra={
          <Select
            aria-label="汇总年度"
            value={year}
            onChange={setYear}
            style={{ width: 140 }}
            options={years.map((y) => ({ value: y, label: `${y}年度` }))}
          />
        }
      >
        <Typography.Paragraph type="secondary">
          {overview.data?.compiler.name}
          及其下级机关的年度报告。政府部门应于次年1月31日前、地方人民政府应于次年3月31日前公布年度报告（条例第四十九条）；以今天（
          {overview.data?.today ?? '—'}）计。勾选机关后生成汇总报告：各表逐格相加，并按同一规则核对。
        </Typography.Paragraph>
        <Table<CompilationRow>
          className="compilation-table"
          rowKey="agencyId"
          size="middle"
          loading={overview.loading}
          dataSource={overview.data?.rows}
          pagination={false}
          scroll={{ x: 1000 }}
          rowSelection={{
            selectedRowKeys: selected,
            onChange: (keys) => setSelected(keys as string[]),
            getCheckboxProps: (r) => ({ disabled: r.depth === 0 || r.report === null }),
          }}
          columns={[
            {
              title: '机关',
              render: (_, r) => (
                <span style={{ paddingLeft: r.depth * 20 }}>
                  {r.report ? (
                    <Link to={`/annual-reports/${r.report.id}`}>{r.agencyName}</Link>
                  ) : (
                    r.agencyName
                  )}
                  {r.depth === 0 && <Tag style={{ marginLeft: 8 }}>本级</Tag>}
                </span>
              ),
            },
            { title: '类别', width: 120, render: (_, r) => AGENCY_KIND_LABELS[r.agencyKind] },
            {
              title: '报告状态',
              width: 150,
              render: (_, r) =>
                r.report ? (
                  <Space size={4}>
                    <Tag color={REPORT_STATUS_COLORS[r.report.status]}>
                      {REPORT_STATUS_LABELS[r.report.status]}
                    </Tag>
                    {r.report.source !== 'authored' && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {REPORT_SOURCE_LABELS[r.report.source]}
                      </Typography.Text>
                    )}
                  </Space>
                ) : (
                  <Typography.Text type="secondary">未建立</Typography.Text>
                ),
            },
            {
              title: '核对',
              width: 170,
              render: (_, r) =>
                !r.report ? (
                  '—'
                ) : r.report.errorCount + r.report.warningCount === 0 ? (
                  <Tag color="success">通过</Tag>
                ) : (
                  <Space size={4}>
                    {r.report.errorCount > 0 && <Tag color="error">{r.report.errorCount} 处错误</Tag>}
                    {r.report.warningCount > 0 && <Tag color="warning">{r.report.warningCount} 处提示</Tag>}
                  </Space>
                ),
            },
            { title: '发布期限', dataIndex: 'deadline', width: 110 },
            { title: '发布日期', width: 110, render: (_, r) => r.publishedOn ?? '—' },
            {
              title: '按期情况',
              width: 160,
              render: (_, r) => (
                <Tag color={TIMELINESS_COLORS[r.timeliness]}>
                  {TIMELINESS_LABELS[r.timeliness]}
                  {r.daysLate ? `（${r.daysLate}天）` : ''}
                </Tag>
              ),
            },
          ]}
        />
        <Space style={{ marginTop: 16 }}>
          <Button type="primary" disabled={selected.length === 0} loading={busy} onClick={build}>
            生成汇总报告（已选 {selected.length} 个机关）
          </Button>
          <Typography.Text type="secondary">
            下级机关的报告若已汇总了其下属机关，请勿同时勾选其下属机关，以免重复计算。
          </Typography.Text>
        </Space>
      </Card>

      {compiled && (
        <Card
          title={compiled.title}
          extra={
            <Space>
              <Dropdown
                menu={{
                  items: REPORT_EXPORT_FORMATS.map((format) => ({
                    key: format,
                    label: (
                      <a
                        href={`/api/annual-report-compilations/${year}/export?format=${format}&agencyIds=${compiled.included.map((i) => i.agencyId).join(',')}`}
                        download
                      >
                        {REPORT_EXPORT_FORMAT_LABELS[format]}
                      </a>
                    ),
                  })),
                }}
              >
                <Button icon={<DownloadOutlined />}>导出</Button>
              </Dropdown>
              {can('report.edit') && (
                <Button type="primary" onClick={saveAsOwn}>
                  保存为本级年度报告
                </Button>
              )}
            </Space>
          }
        >
          <Typography.Paragraph>
            汇总了 {compiled.included.length} 个机关：{compiled.included.map((i) => i.agencyName).join('、')}
          </Typography.Paragraph>
          {compiled.findings.length === 0 ? (
            <Alert type="success" showIcon title="汇总报告核对通过" style={{ marginBottom: 16 }} />
          ) : (
            <Alert
              type={errors.length > 0 ? 'error' : 'warning'}
              showIcon
              style={{ marginBottom: 16 }}
              title={`汇总报告核对发现 ${errors.length} 处错误、${compiled.findings.length - errors.length} 处提示（来自下级机关报告的问题会在汇总中保留）`}
            />
          )}
          {compiled.gaps.length > 0 && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              title="部分单元格无法汇总"
              description={compiled.gaps.map((g) => (
                <div key={g.agencyName}>
                  {g.agencyName}的报告缺少：{g.cells.slice(0, 5).map(describeCell).join('、')}
                  {g.cells.length > 5 ? ` 等${g.cells.length}格` : ''}
                </div>
              ))}
            />
          )}
          <ReportGrid tables={compiled.tables} findings={compiled.findings} editable={false} withHeadings />
        </Card>
      )}
      {overview.data && overview.data.rows.length <= 1 && <Empty description="没有下级机关" />}
    </Space>
  );
}
