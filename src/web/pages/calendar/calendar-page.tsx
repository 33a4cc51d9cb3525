import { UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { get, post } from '../../api/client.ts';
import { useSession } from '../../api/session.tsx';
import { useQuery } from '../../api/use-query.ts';
import { errorMessage } from '../../components/errors.ts';
import './calendar.css';
import { type MarkedDay, MonthGrid } from './month-grid.tsx';

const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

interface CalendarData {
  years: { year: number; source: string; loadedAt: string; loadedBy: string | null }[];
  days: MarkedDay[];
}

export function CalendarPage() {
  const { can } = useSession();
  const { message } = App.useApp();
  const all = useQuery<CalendarData>('/calendar?year=1999');
  const years = all.data?.years.map((y) => y.year) ?? [];
  const [year, setYear] = useState<number>(new Date().getFullYear());
  const data = useQuery<CalendarData>(`/calendar?year=${year}`);
  const marks = useMemo(() => new Map((data.data?.days ?? []).map((d) => [d.date, d])), [data.data]);
  const yearInfo = all.data?.years.find((y) => y.year === year);
  const [result, setResult] = useState<{ dueOn: string; dueOnType: string } | null>(null);
  const [importing, setImporting] = useState(false);
  const [importForm] = Form.useForm();

  const compute = async (values: { from: Dayjs; workdays: number }) => {
    try {
      setResult(
        await get(
          `/calendar/add-workdays?from=${values.from.format('YYYY-MM-DD')}&workdays=${values.workdays}`,
        ),
      );
    } catch (error) {
      setResult(null);
      message.error(errorMessage(error));
    }
  };

  const readFile = (file: File) => {
    file.text().then((content) => importForm.setFieldsValue({ fileName: file.name, content }));
    return false;
  };

  const importNotice = async (values: {
    fileName?: string;
    content: string;
    year?: number;
    source?: string;
  }) => {
    setImporting(true);
    try {
      const r = await post<{
        year: number;
        holidays: number;
        makeupWorkdays: number;
        changedDates: string[];
      }>('/calendar/import', {
        fileName: values.fileName || 'notice.csv',
        content: values.content,
        year: values.year,
        source: values.source,
      });
      message.success(
        `已导入 ${r.year} 年：放假 ${r.holidays} 天，调休上班 ${r.makeupWorkdays} 天，变动 ${r.changedDates.length} 天`,
      );
      importForm.resetFields();
      all.reload();
      setYear(r.year);
      data.reload();
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setImporting(false);
    }
  };

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <Typography.Title level={4} style={{ margin: 0 }}>
            工作日历
          </Typography.Title>
        }
        extra={
          <Select
            aria-label="选择年度"
            value={year}
            onChange={setYear}
            // The years on record come with the first answer: until then the list would be partial,
            // and it would change under the pointer.
            loading={!all.data}
            disabled={!all.data}
            style={{ width: 120 }}
            options={[...new Set([...years, new Date().getFullYear(), new Date().getFullYear() + 1])]
              .sort()
              .map((y) => ({ value: y, label: `${y} 年` }))}
          />
        }
      >
        <Typography.Paragraph type="secondary">
          法定期限按工作日计算：周六、周日和法定节假日不计，调休上班日计入。起算日不计入，自次日起算（《民法典》第二百零一条）。
        </Typography.Paragraph>
        {yearInfo ? (
          <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }}>
            <Descriptions.Item label="来源">{yearInfo.source}</Descriptions.Item>
            <Descriptions.Item label="导入时间">
              {new Date(yearInfo.loadedAt).toLocaleString('zh-CN')}
            </Descriptions.Item>
            <Descriptions.Item label="导入人">{yearInfo.loadedBy ?? '—'}</Descriptions.Item>
          </Descriptions>
        ) : (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title={`尚未导入 ${year} 年的节假日安排：涉及该年度的期限计算会被拒绝。`}
          />
        )}
        <div className="legend">
          <span className="holiday">休</span> 法定节假日 <span className="makeup_workday">班</span> 调休上班日{' '}
          <span className="weekend">六日</span> 周末
        </div>
        <Row gutter={[16, 16]}>
          {MONTHS.map((month) => (
            <Col key={month} xs={24} sm={12} lg={8} xl={6}>
              <MonthGrid year={year} month={month} marks={marks} />
            </Col>
          ))}
        </Row>
      </Card>

      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card title="期限计算">
            <Form layout="inline" onFinish={compute} initialValues={{ workdays: 20 }}>
              <Form.Item name="from" label="起算事件日期" rules={[{ required: true, message: '请选择日期' }]}>
                <DatePicker />
              </Form.Item>
              <Form.Item name="workdays" label="工作日数" rules={[{ required: true, message: '请填写' }]}>
                <InputNumber min={0} max={1000} />
              </Form.Item>
              <Button type="primary" htmlType="submit">
                计算
              </Button>
            </Form>
            {result && (
              <Alert
                style={{ marginTop: 16 }}
                type="success"
                title={
                  <span data-testid="due-on">
                    期限届满日：{result.dueOn}（{result.dueOnType}）
                  </span>
                }
              />
            )}
          </Card>
        </Col>
        {can('calendar.manage') && (
          <Col xs={24} lg={12}>
            <Card title="导入年度节假日安排">
              <Typography.Paragraph type="secondary">
                国务院办公厅每年 11 月前后发布下一年度《部分节假日安排的通知》。可上传
                JSON、CSV（每行：日期,类型,名称，类型为“休”或“班”）或 iCalendar (.ics)
                文件；同一年度再次导入会整体替换。
              </Typography.Paragraph>
              <Form form={importForm} layout="vertical" onFinish={importNotice}>
                <Form.Item>
                  <label className="ant-btn ant-btn-default file-button">
                    <UploadOutlined /> 选择文件
                    <input
                      type="file"
                      accept=".json,.csv,.ics,.txt"
                      style={{ display: 'none' }}
                      onChange={(e) => e.target.files?.[0] && readFile(e.target.files[0])}
                    />
                  </label>
                </Form.Item>
                <Form.Item name="fileName" label="文件名">
                  <Input placeholder="notice.csv" />
                </Form.Item>
                <Form.Item
                  name="content"
                  label="内容"
                  rules={[{ required: true, message: '请选择文件或粘贴内容' }]}
                >
                  <Input.TextArea rows={6} placeholder={'2027-01-01,休,元旦\n2027-02-07,班,春节'} />
                </Form.Item>
                <Row gutter={12}>
                  <Col span={8}>
                    <Form.Item name="year" label="年度（可选）">
                      <InputNumber min={1999} max={2100} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col span={16}>
                    <Form.Item name="source" label="来源（可选）">
                      <Input placeholder="国办发明电〔2026〕X号" />
                    </Form.Item>
                  </Col>
                </Row>
                <Button type="primary" htmlType="submit" loading={importing}>
                  导入
                </Button>
              </Form>
            </Card>
          </Col>
        )}
      </Row>
    </Space>
  );
}
