import { DatePicker, Form, type FormInstance, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { EntryInput, EntryView } from '../../../contract/catalogue.ts';
import { DOCUMENT_TYPE_LABELS, DOCUMENT_TYPES, VALIDITIES, VALIDITY_LABELS } from './catalogue-shared.tsx';

export interface EntryFormValues {
  title: string;
  summary?: string;
  body?: string;
  issuingAgencyName?: string;
  documentNumber?: string;
  formedOn: Dayjs;
  category: string;
  documentType: EntryInput['documentType'];
  topic?: string;
  validity: NonNullable<EntryInput['validity']>;
  validityChangedOn?: Dayjs | null;
  repealedBy?: string;
}

export function toEntryInput(values: EntryFormValues): EntryInput {
  return {
    title: values.title,
    summary: values.summary ?? null,
    body: values.body ?? null,
    issuingAgencyName: values.issuingAgencyName ?? null,
    documentNumber: values.documentNumber ?? null,
    formedOn: values.formedOn.format('YYYY-MM-DD'),
    category: values.category,
    documentType: values.documentType,
    topic: values.topic ?? null,
    validity: values.validity,
    validityChangedOn: values.validityChangedOn ? values.validityChangedOn.format('YYYY-MM-DD') : null,
    repealedBy: values.repealedBy ?? null,
  };
}

export function toFormValues(entry: EntryView): EntryFormValues {
  return {
    title: entry.title,
    summary: entry.summary ?? undefined,
    body: entry.body ?? undefined,
    issuingAgencyName: entry.issuingAgencyName,
    documentNumber: entry.documentNumber ?? undefined,
    formedOn: dayjs(entry.formedOn),
    category: entry.category,
    documentType: entry.documentType,
    topic: entry.topic ?? undefined,
    validity: entry.validity,
    validityChangedOn: entry.validityChangedOn ? dayjs(entry.validityChangedOn) : null,
    repealedBy: entry.repealedBy ?? undefined,
  };
}

/** The catalogue's fields (条例第十二条 and the 目录系统 metadata portals show). */
export function EntryForm({
  form,
  categories,
}: {
  form: FormInstance<EntryFormValues>;
  categories: { code: string; label: string; article: string }[];
}) {
  const validity = Form.useWatch('validity', form);
  return (
    <Form form={form} layout="vertical">
      <Form.Item name="title" label="名称" rules={[{ required: true, message: '请填写名称' }, { max: 200 }]}>
        <Input />
      </Form.Item>
      <Form.Item name="summary" label="内容概述" rules={[{ max: 300 }]}>
        <Input.TextArea rows={2} showCount maxLength={300} />
      </Form.Item>
      <Form.Item
        name="category"
        label="公开类别（《条例》第二十条、第二十一条）"
        rules={[{ required: true, message: '请选择公开类别' }]}
      >
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          options={categories.map((c) => ({ value: c.code, label: `${c.article}：${c.label}` }))}
        />
      </Form.Item>
      <Form.Item name="documentType" label="体裁" rules={[{ required: true }]}>
        <Select options={DOCUMENT_TYPES.map((t) => ({ value: t, label: DOCUMENT_TYPE_LABELS[t] }))} />
      </Form.Item>
      <Form.Item
        name="documentNumber"
        label="文号"
        extra="规章、行政规范性文件必须填写，如：张审批规〔2021〕1号"
      >
        <Input />
      </Form.Item>
      <Form.Item
        name="formedOn"
        label="成文日期（形成或变更之日，20 个工作日公开时限由此起算）"
        rules={[{ required: true, message: '请选择成文日期' }]}
      >
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="issuingAgencyName" label="发布机构" extra="留空则为本机关全称">
        <Input />
      </Form.Item>
      <Form.Item name="topic" label="主题分类">
        <Input />
      </Form.Item>
      <Form.Item name="validity" label="有效性">
        <Select options={VALIDITIES.map((v) => ({ value: v, label: VALIDITY_LABELS[v] }))} />
      </Form.Item>
      {validity && validity !== 'in_force' && (
        <Form.Item
          name="validityChangedOn"
          label={`${VALIDITY_LABELS[validity]}日期`}
          rules={[{ required: true }]}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      )}
      {validity === 'repealed' && (
        <Form.Item name="repealedBy" label="废止依据（文号或文件名称）" rules={[{ required: true }]}>
          <Input />
        </Form.Item>
      )}
      <Form.Item name="body" label="正文">
        <Input.TextArea rows={6} />
      </Form.Item>
    </Form>
  );
}
