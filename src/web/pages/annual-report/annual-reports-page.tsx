import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import {
  type AnnualReportSummary,
  type AnnualReportView,
  REPORT_SOURCE_LABELS,
} from '../../../contract/annual-report-api.ts';
import { post } from '../../api/client.ts';
import { useSession } from '../../api/session.tsx';
import { useQuery } from '../../api/use-query.ts';
import { errorMessage } from '../../components/errors.ts';
import { REPORT_STATUS_COLORS, REPORT_STATUS_LABELS } from './report-labels.ts';

const FIRST_YEAR = 2021;

function FindingsCount({ report }: { report: AnnualReportSummary }) {
  if (report.errorCount === 0 && report.warningCount === 0) return <Tag color="success">核对通过</Tag>;
  return (
    <Space size={4}>
      {report.errorCount > 0 && <Tag color="error">{report.errorCount} 处错误</Tag>}
      {report.warningCount > 0 && <Tag color="warning">{report.warningCount} 处提示</Tag>}
    </Space>
  );
}

function ReportTable({
  reports,
  loading,
  showAgency,
}: {
  reports: AnnualReportSummary[] | undefined;
  loading: boolean;
  showAgency?: boolean;
}) {
  return (
    <Table<AnnualReportSummary>
      rowKey="id"
      loading={loading}
      dataSource={reports}
      pagination={false}
      scroll={{ x: 900 }}
      locale={{ emptyText: <Empty description="还没有年度报告" /> }}
      columns={[
        { title: '年度', dataIndex: 'year', width: 80 },
        {
          title: '报告',
          render: (_, r) => (
            <Link to={`/annual-reports/${r.id}`}>{showAgency ? r.title : `${r.year}年度报告`}</Link>
          ),
        },
        {
          title: '状态',
          width: 110,
          render: (_, r) => (
            <Tag color={REPORT_STATUS_COLORS[r.status]}>{REPORT_STATUS_LABELS[r.status]}</Tag>
          ),
        },
        { title: '来源', width: 130, render: (_, r) => REPORT_SOURCE_LABELS[r.source] },
        { title: '核对', width: 190, render: (_, r) => <FindingsCount report={r} /> },
        { title: '发布期限', dataIndex: 'deadline', width: 120 },
        { title: '发布日期', width: 120, render: (_, r) => r.publishedOn ?? '—' },
      ]}
    />
  );
}

/** The agency's annual reports by year, the way to start a new one, and reports waiting for review. */
export function AnnualReportsPage() {
  const { can } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const reports = useQuery<AnnualReportSummary[]>('/annual-reports');
  const forReview = useQuery<AnnualReportSummary[]>(
    can('report.review') ? '/annual-reports/for-review' : null,
  );
  const [creating, setCreating] = useState(false);
  const [saving, setSaving] = useState(false);
  const thisYear = new Date().getFullYear();
  const taken = new Set(reports.data?.map((r) => r.year) ?? []);
  const years = Array.from({ length: thisYear - FIRST_YEAR + 1 }, (_, i) => thisYear - i).filter(
    (y) => !taken.has(y),
  );
  const [year, setYear] = useState<number | undefined>(undefined);

  const create = async () => {
    const chosen = year ?? years.find((y) => y < thisYear) ?? years[0];
    if (!chosen) return;
    setSaving(true);
    try {
      const view = await post<AnnualReportView>('/annual-reports', { year: chosen });
      message.success(`已新建${chosen}年度报告`);
      navigate(`/annual-reports/${view.id}`);
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {(forReview.data?.length ?? 0) > 0 && (
        <Card title="待审核的下级机关年度报告">
          <ReportTable reports={forReview.data} loading={forReview.loading} showAgency />
        </Card>
      )}
      <Card
        title={
          <Typography.Title level={4} style={{ margin: 0 }}>
            政府信息公开工作年度报告
          </Typography.Title>
        }
        extra={
          can('report.edit') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              disabled={years.length === 0}
            >
              新建年度报告
            </Button>
          )
        }
      >
        <Typography.Paragraph type="secondary">
          按《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）编写。依《政府信息公开条例》第四十九条，政府部门应于每年1月31日前、地方人民政府应于每年3月31日前公布本机关上一年度的年度报告。
        </Typography.Paragraph>
        <ReportTable reports={reports.data} loading={reports.loading} />
      </Card>
      <Modal
        title="新建年度报告"
        open={creating}
        onCancel={() => setCreating(false)}
        onOk={create}
        okText="新建"
        confirmLoading={saving}
        destroyOnHidden
      >
        <Typography.Paragraph>
          表格初始为空白；“上年结转”会按系统中上一年度报告的“结转下年度继续办理”自动预填，“一、总体情况”会生成一段草稿供修改。
        </Typography.Paragraph>
        <Select
          aria-label="报告年度"
          style={{ width: 200 }}
          value={year ?? years.find((y) => y < thisYear) ?? years[0]}
          onChange={setYear}
          options={years.map((y) => ({ value: y, label: `${y}年度` }))}
        />
      </Modal>
    </Space>
  );
}
