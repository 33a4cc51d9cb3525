import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { Section2Response } from '../../../contract/catalogue.ts';
import { api, post } from '../../api/client.ts';
import { useSession } from '../../api/session.tsx';
import { useQuery } from '../../api/use-query.ts';
import { errorMessage } from '../../components/errors.ts';
import { useAgencyChoice, yearChoices } from './catalogue-shared.tsx';

type DrillDown = Section2Response['drillDown']['licensing']['decisions'];

interface Fee {
  id: string;
  year: number;
  item: string;
  basis: string | null;
  amountYuan: number;
  note: string | null;
}

/**
 * Section 二 of the annual report, computed from the catalogue, the decisions and the fee records;
 * every figure opens what is behind it.
 */
export function ReportSection2Page() {
  const { can } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { agencyId, agency, picker } = useAgencyChoice();
  const [year, setYear] = useState(new Date().getFullYear() - 1);
  const [drill, setDrill] = useState<{ title: string; ids: string[] } | null>(null);
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm();
  const section = useQuery<Section2Response>(
    agencyId ? `/catalogue/report-section2?agencyId=${agencyId}&year=${year}` : null,
  );
  const fees = useQuery<Fee[]>(agencyId ? `/catalogue/fees?agencyId=${agencyId}&year=${year}` : null);
  const entries = useQuery<{
    entries: { id: string; title: string; documentNumber: string | null; indexNumber: string | null }[];
  }>(
    drill && agencyId && drill.ids.length > 0
      ? `/catalogue/entries?agencyId=${agencyId}&pageSize=500&ids=${drill.ids.slice(0, 500).join(',')}`
      : null,
  );

  const open = (title: string, ref: DrillDown) => {
    if (ref.source === 'decision') {
      navigate(`/decisions?kind=${ref.filter.kind}&year=${ref.filter.decidedFrom.slice(0, 4)}`);
    } else setDrill({ title, ids: ref.ids });
  };

  const cell = (title: string, value: number | null, ref: DrillDown) => (
    <Button
      type="link"
      style={{ padding: 0 }}
      onClick={() => open(title, ref)}
      aria-label={`${title}：${value ?? '—'}，查看明细`}
    >
      {value ?? '—'}
    </Button>
  );

  const addFee = async () => {
    const values = await form.validateFields();
    try {
      await post('/catalogue/fees', { ...values, agencyId, year });
      message.success('已登记');
      setAdding(false);
      fees.reload();
      section.reload();
    } catch (error) {
      message.error(errorMessage(error));
    }
  };

  const s = section.data?.section2;
  const d = section.data?.drillDown;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <Typography.Title level={4} style={{ margin: 0 }}>
            年度报告第二部分：主动公开政府信息情况{agency ? ` · ${agency.name}` : ''}
          </Typography.Title>
        }
        extra={
          <Space wrap>
            {picker}
            <Select
              aria-label="报告年度"
              value={year}
              onChange={setYear}
              options={yearChoices()}
              style={{ width: 120 }}
            />
          </Space>
        }
      >
        <Typography.Paragraph type="secondary">
          由政府信息公开目录（规章、行政规范性文件）、行政决定和行政事业性收费记录自动计算，不手工填写。点击数字查看对应的条目或决定。
        </Typography.Paragraph>
        {s && d && (
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Table
              bordered
              size="small"
              pagination={false}
              rowKey="label"
              title={() => '第二十条第（一）项'}
              dataSource={[
                { label: '规章', row: s.rule, refs: d.rule },
                { label: '行政规范性文件', row: s.normative_document, refs: d.normative_document },
              ]}
              columns={[
                { title: '信息内容', dataIndex: 'label', width: 200 },
                {
                  title: '本年制发件数',
                  render: (_, r) => cell(`${r.label} 本年制发`, r.row.issued, r.refs.issued),
                },
                {
                  title: '本年废止件数',
                  render: (_, r) => cell(`${r.label} 本年废止`, r.row.repealed, r.refs.repealed),
                },
                {
                  title: '现行有效件数',
                  render: (_, r) => cell(`${r.label} 现行有效`, r.row.in_force, r.refs.in_force),
                },
              ]}
            />
            <Table
              bordered
              size="small"
              pagination={false}
              rowKey="label"
              title={() => '第二十条第（五）项、第（六）项'}
              dataSource={[
                { label: '行政许可', value: s.licensing.decisions, ref: d.licensing.decisions },
                { label: '行政处罚', value: s.penalty.decisions, ref: d.penalty.decisions },
                { label: '行政强制', value: s.coercion.decisions, ref: d.coercion.decisions },
              ]}
              columns={[
                { title: '信息内容', dataIndex: 'label', width: 200 },
                { title: '本年处理决定数量', render: (_, r) => cell(r.label, r.value, r.ref) },
              ]}
            />
            <Table
              bordered
              size="small"
              pagination={false}
              rowKey="label"
              title={() => '第二十条第（八）项'}
              dataSource={[{ label: '行政事业性收费', value: s.administrative_fee.amount_wan_yuan }]}
              columns={[
                { title: '信息内容', dataIndex: 'label', width: 200 },
                { title: '本年收费金额（单位：万元）', dataIndex: 'value' },
              ]}
            />
          </Space>
        )}
      </Card>

      <Card
        size="small"
        title={`${year} 年行政事业性收费记录`}
        extra={
          can('catalogue.edit') && (
            <Button
              icon={<PlusOutlined />}
              onClick={() => {
                form.resetFields();
                setAdding(true);
              }}
            >
              登记收费
            </Button>
          )
        }
      >
        <Table<Fee>
          rowKey="id"
          size="small"
          dataSource={fees.data}
          locale={{ emptyText: '本年度没有收费记录（第二部分收费金额为 0）' }}
          pagination={false}
          columns={[
            { title: '收费项目', dataIndex: 'item' },
            { title: '依据', dataIndex: 'basis', render: (v: string | null) => v ?? '—' },
            { title: '金额（元）', dataIndex: 'amountYuan', width: 140, render: (v: number) => v.toFixed(2) },
            { title: '备注', dataIndex: 'note', render: (v: string | null) => v ?? '—' },
            {
              title: '',
              width: 60,
              render: (_, fee) =>
                can('catalogue.edit') && (
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={`删除 ${fee.item}`}
                    onClick={async () => {
                      try {
                        await api('DELETE', `/catalogue/fees/${fee.id}`);
                        fees.reload();
                        section.reload();
                      } catch (error) {
                        message.error(errorMessage(error));
                      }
                    }}
                  />
                ),
            },
          ]}
        />
      </Card>

      <Modal
        title="登记行政事业性收费"
        open={adding}
        onCancel={() => setAdding(false)}
        onOk={addFee}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item name="item" label="收费项目" rules={[{ required: true, message: '请填写收费项目' }]}>
            <Input />
          </Form.Item>
          <Form.Item name="basis" label="收费依据">
            <Input />
          </Form.Item>
          <Form.Item
            name="amountYuan"
            label="本年收费金额（元）"
            rules={[{ required: true, message: '请填写金额' }]}
          >
            <InputNumber min={0} precision={2} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="note" label="备注">
            <Input />
          </Form.Item>
        </Form>
      </Modal>

      <Modal
        title={drill?.title}
        open={drill !== null}
        onCancel={() => setDrill(null)}
        footer={null}
        width={720}
      >
        {drill && drill.ids.length === 0 ? (
          <Typography.Paragraph>没有对应的条目（该项为 0）。</Typography.Paragraph>
        ) : (
          <Table
            rowKey="id"
            size="small"
            loading={entries.loading}
            dataSource={entries.data?.entries}
            pagination={false}
            columns={[
              { title: '名称', dataIndex: 'title' },
              { title: '文号', dataIndex: 'documentNumber', render: (v: string | null) => v ?? '—' },
              { title: '索引号', dataIndex: 'indexNumber', render: (v: string | null) => v ?? '—' },
            ]}
          />
        )}
      </Modal>
    </Space>
  );
}
