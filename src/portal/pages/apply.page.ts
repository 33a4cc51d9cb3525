import type { SubmittedApplicationView } from '../../contract/disclosure-request-api.ts';
import { MAX_PORTAL_FILE_BYTES, MAX_PORTAL_FILES } from '../../contract/disclosure-request-api.ts';
import type { Agency } from '../../core/agency/index.ts';
import { APPLICANT_TYPE_LABELS, APPLICANT_TYPES } from '../../core/annual-report/index.ts';
import {
  DELIVERY_METHOD_LABELS,
  DELIVERY_METHODS,
  IDENTITY_DOCUMENT_KIND_LABELS,
  IDENTITY_DOCUMENT_KINDS,
  INFORMATION_FORM_LABELS,
  INFORMATION_FORMS,
} from '../../core/disclosure-request/index.ts';
import { type Html, html } from '../html.ts';
import { renderPage } from '../layout.ts';

/**
 * 政府信息公开申请表 on the portal (条例第二十九条第二款): who applies (name, identity document,
 * contact), what information (名称、文号 or another description), and in what form and how to get it.
 * A plain HTML form: it works without JavaScript, errors come back next to their fields.
 */

/** The flat form fields, as posted. */
export interface ApplyFormValues {
  applicantType?: string;
  name?: string;
  idKind?: string;
  idNumber?: string;
  idDocumentName?: string;
  contactPerson?: string;
  phone?: string;
  email?: string;
  postalAddress?: string;
  postalCode?: string;
  description?: string;
  documentNumber?: string;
  formWanted?: string;
  delivery?: string;
  needsAssistance?: string;
}

export type ApplyFormErrors = Partial<Record<keyof ApplyFormValues | 'files', string>>;

const FIELD_LABELS: Record<keyof ApplyFormValues | 'files', string> = {
  applicantType: '申请人类型',
  name: '姓名或名称',
  idKind: '身份证明文件',
  idNumber: '证件号码',
  idDocumentName: '证件名称',
  contactPerson: '联系人',
  phone: '联系电话',
  email: '电子邮箱',
  postalAddress: '通信地址',
  postalCode: '邮政编码',
  description: '所需信息的名称或描述',
  documentNumber: '文号',
  formWanted: '信息的载体形式',
  delivery: '获取信息的方式',
  needsAssistance: '需要帮助',
  files: '附件',
};

function errorOf(errors: ApplyFormErrors, field: keyof ApplyFormErrors) {
  const message = errors[field];
  return message ? html`<p class="field-error" id="${field}-error">${message}</p>` : '';
}

function describedBy(errors: ApplyFormErrors, field: keyof ApplyFormErrors, hint?: string): string {
  return [hint, errors[field] ? `${field}-error` : undefined].filter(Boolean).join(' ');
}

function textField(
  values: ApplyFormValues,
  errors: ApplyFormErrors,
  field: keyof ApplyFormValues,
  options: {
    required?: boolean;
    hint?: string;
    type?: string;
    autocomplete?: string;
    inputmode?: string;
  } = {},
): Html {
  const hintId = options.hint ? `${field}-hint` : undefined;
  return html`<div class="field${errors[field] ? ' has-error' : ''}">
    <label for="${field}">${FIELD_LABELS[field]}${options.required ? html`<span class="required" aria-hidden="true">*</span>` : html`<span class="optional">（选填）</span>`}</label>
    ${options.hint ? html`<p class="hint" id="${hintId}">${options.hint}</p>` : ''}
    ${errorOf(errors, field)}
    <input id="${field}" name="${field}" type="${options.type ?? 'text'}" value="${values[field] ?? ''}"
      ${options.required ? html`required aria-required="true"` : ''}
      ${options.autocomplete ? html`autocomplete="${options.autocomplete}"` : ''}
      ${options.inputmode ? html`inputmode="${options.inputmode}"` : ''}
      ${errors[field] ? html`aria-invalid="true"` : ''}
      aria-describedby="${describedBy(errors, field, hintId)}">
  </div>`;
}

function radioGroup(
  values: ApplyFormValues,
  errors: ApplyFormErrors,
  field: keyof ApplyFormValues,
  options: readonly { value: string; label: string }[],
  hint?: string,
): Html {
  return html`<fieldset class="field${errors[field] ? ' has-error' : ''}" id="${field}"
      aria-describedby="${describedBy(errors, field, hint ? `${field}-hint` : undefined)}">
    <legend>${FIELD_LABELS[field]}<span class="required" aria-hidden="true">*</span></legend>
    ${hint ? html`<p class="hint" id="${field}-hint">${hint}</p>` : ''}
    ${errorOf(errors, field)}
    <div class="choices">${options.map(
      (option) => html`<label class="choice"><input type="radio" name="${field}" value="${option.value}"
        ${values[field] === option.value ? 'checked' : ''} required> ${option.label}</label>`,
    )}</div>
  </fieldset>`;
}

export function renderApplyIndexPage(agencies: Agency[]): string {
  const main = html`
    <h1>申请政府信息公开</h1>
    <p class="lead">公民、法人或者其他组织可以向行政机关申请获取相关政府信息（《中华人民共和国政府信息公开条例》第二十七条）。请选择受理申请的机关：</p>
    <ul class="apply-agencies">${agencies.map(
      (agency) => html`<li><a href="/agencies/${agency.code}/apply">${agency.name}</a></li>`,
    )}</ul>
    <p>已经提交过申请？<a href="/track">查询办理进度</a></p>`;
  return renderPage({
    title: '申请政府信息公开',
    breadcrumbs: [{ label: '首页', href: '/' }, { label: '申请政府信息公开' }],
    main,
    description: '在线提交政府信息公开申请',
  });
}

export function renderApplyFormPage(
  agency: Agency,
  values: ApplyFormValues = {},
  errors: ApplyFormErrors = {},
): string {
  const errorList = Object.entries(errors) as [keyof ApplyFormErrors, string][];
  const typeOptions = APPLICANT_TYPES.map((t) => ({
    value: t,
    label: t === 'natural_person' ? '自然人' : `法人或其他组织：${APPLICANT_TYPE_LABELS[t]}`,
  }));
  const main = html`
    <h1>向${agency.name}申请政府信息公开</h1>
    <p class="lead">带 <span class="required">*</span> 的为必填项。提交后您将获得受理编号和查询码，凭此查询办理进度。</p>
    ${
      errorList.length > 0
        ? html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
            <h2 id="error-summary-title">提交的内容有 ${errorList.length} 处需要修改</h2>
            <ul>${errorList.map(([field, message]) => html`<li><a href="#${field}">${FIELD_LABELS[field]}：${message}</a></li>`)}</ul>
          </div>`
        : ''
    }
    <form method="post" action="/agencies/${agency.code}/apply" enctype="multipart/form-data" class="apply-form" novalidate>
      <h2>一、申请人信息</h2>
      ${radioGroup(values, errors, 'applicantType', typeOptions, '法人或其他组织请按性质选择，用于统计（年度报告按申请人类型统计）。')}
      ${textField(values, errors, 'name', { required: true, autocomplete: 'name', hint: '自然人填写姓名；法人或其他组织填写全称。' })}
      <fieldset class="field${errors.idKind ? ' has-error' : ''}" id="idKind">
        <legend>${FIELD_LABELS.idKind}<span class="required" aria-hidden="true">*</span></legend>
        <p class="hint" id="idKind-hint">自然人一般提供居民身份证；法人或其他组织提供统一社会信用代码。证件号码仅用于核实身份，页面和日志中均不显示完整号码。</p>
        ${errorOf(errors, 'idKind')}
        <div class="choices">${IDENTITY_DOCUMENT_KINDS.map(
          (kind) => html`<label class="choice"><input type="radio" name="idKind" value="${kind}"
            ${(values.idKind ?? 'resident_id') === kind ? 'checked' : ''}> ${IDENTITY_DOCUMENT_KIND_LABELS[kind]}</label>`,
        )}</div>
      </fieldset>
      ${textField(values, errors, 'idNumber', { required: true, hint: '居民身份证号码为 18 位，最后一位是校验码（可能是 X）。', autocomplete: 'off' })}
      ${textField(values, errors, 'idDocumentName', { hint: '选择“其他有效身份证件”时填写，如“港澳居民来往内地通行证”。' })}
      ${textField(values, errors, 'contactPerson', { hint: '法人或其他组织必填。', autocomplete: 'name' })}

      <h2>二、联系方式</h2>
      ${textField(values, errors, 'phone', { required: true, type: 'tel', autocomplete: 'tel', inputmode: 'tel', hint: '手机号码或带区号的固定电话，如 0512-58680100。' })}
      ${textField(values, errors, 'email', { type: 'email', autocomplete: 'email', hint: '选择以电子邮件获取信息时必填。' })}
      ${textField(values, errors, 'postalAddress', { autocomplete: 'street-address', hint: '选择邮寄时必填。' })}
      ${textField(values, errors, 'postalCode', { autocomplete: 'postal-code', inputmode: 'numeric' })}

      <h2>三、所需信息</h2>
      <div class="field${errors.description ? ' has-error' : ''}">
        <label for="description">${FIELD_LABELS.description}<span class="required" aria-hidden="true">*</span></label>
        <p class="hint" id="description-hint">请写明政府信息的名称、文号，或者便于机关查询的其他特征性描述（如发文机关、年份、涉及的项目或地块）。描述越具体，答复越快。</p>
        ${errorOf(errors, 'description')}
        <textarea id="description" name="description" rows="5" required aria-required="true"
          ${errors.description ? html`aria-invalid="true"` : ''}
          aria-describedby="${describedBy(errors, 'description', 'description-hint')}">${values.description ?? ''}</textarea>
      </div>
      ${textField(values, errors, 'documentNumber', { hint: '如“张政发〔2021〕12号”。' })}

      <h2>四、获取方式</h2>
      ${radioGroup(
        values,
        errors,
        'formWanted',
        INFORMATION_FORMS.map((f) => ({ value: f, label: INFORMATION_FORM_LABELS[f] })),
        '电子文本通过电子邮件或本平台提供；提供载体可能危及安全或者成本过高的，机关可以安排查阅、抄录（条例第四十条）。',
      )}
      ${radioGroup(
        values,
        errors,
        'delivery',
        DELIVERY_METHODS.map((d) => ({ value: d, label: DELIVERY_METHOD_LABELS[d] })),
        '纸质文本、光盘可邮寄或当面领取；电子文本可电子邮件发送或在本平台下载；查阅、抄录须到机关现场。',
      )}
      <div class="field">
        <label class="choice"><input type="checkbox" name="needsAssistance" value="on" ${values.needsAssistance ? 'checked' : ''}>
          我有阅读、视觉或听觉困难，需要机关提供必要的帮助（条例第四十三条）</label>
      </div>

      <h2>五、附件</h2>
      <div class="field${errors.files ? ' has-error' : ''}">
        <label for="files">${FIELD_LABELS.files}<span class="optional">（选填）</span></label>
        <p class="hint" id="files-hint">可上传身份证明复印件、委托书等，最多 ${MAX_PORTAL_FILES} 个文件，每个不超过 ${MAX_PORTAL_FILE_BYTES / 1024 / 1024} MB，格式为 PDF、JPG、PNG、Word 等。${errorList.length > 0 ? '如需附件，请重新选择文件。' : ''}</p>
        ${errorOf(errors, 'files')}
        <input id="files" name="files" type="file" multiple accept=".pdf,.ofd,.jpg,.jpeg,.png,.doc,.docx,.xls,.xlsx,.txt,.zip" aria-describedby="files-hint">
      </div>

      <p class="note">提交即表示您确认所填信息真实。网上提交的申请，以本机关与您双方确认之日为收到申请之日（条例第三十一条第三项）；工作人员确认后开始计算答复期限。</p>
      <button type="submit" class="button">提交申请</button>
    </form>`;
  return renderPage({
    title: `向${agency.name}申请政府信息公开`,
    breadcrumbs: [
      { label: '首页', href: '/' },
      { label: agency.name, href: `/agencies/${agency.code}` },
      { label: '申请政府信息公开' },
    ],
    main,
    description: `向${agency.name}在线提交政府信息公开申请`,
  });
}

export function renderApplyReceiptPage(agency: Agency, receipt: SubmittedApplicationView): string {
  const china = new Date(new Date(receipt.submittedAt).getTime() + 8 * 3_600_000).toISOString();
  const submittedAt = `${Number(china.slice(0, 4))}年${Number(china.slice(5, 7))}月${Number(china.slice(8, 10))}日 ${china.slice(11, 16)}`;
  const main = html`
    <h1>申请已提交</h1>
    <div class="receipt" role="status">
      <p>您的政府信息公开申请已提交至<strong>${agency.name}</strong>。请记下或打印以下信息，凭此查询办理进度：</p>
      <dl class="receipt-codes">
        <dt>受理编号</dt><dd data-testid="tracking-code">${receipt.trackingCode}</dd>
        <dt>查询码</dt><dd data-testid="lookup-secret">${receipt.secret}</dd>
        <dt>提交时间</dt><dd>${submittedAt}</dd>
      </dl>
      <p class="note">查询码只在此页显示一次，本机关不保存查询码原文。遗失的，可以联系${agency.disclosureOffice ?? agency.name}（电话：${agency.phone ?? '见政府信息公开指南'}）核实身份后重新设置。</p>
    </div>
    <h2>接下来</h2>
    <ol>
      <li>工作人员确认收到您的申请，确认之日为收到申请之日（条例第三十一条第三项）。</li>
      <li>本机关能够当场答复的当场答复；不能当场答复的，自收到申请之日起 20 个工作日内答复，需要延长的将告知您，延长最长不超过 20 个工作日（条例第三十三条）。</li>
      <li>申请内容不明确的，本机关将在 7 个工作日内一次性告知您补正（条例第三十条）。</li>
    </ol>
    <p><a class="button" href="/track">查询办理进度</a> <a href="/agencies/${agency.code}">返回${agency.name}政府信息公开指南</a></p>`;
  return renderPage({
    title: '申请已提交',
    breadcrumbs: [
      { label: '首页', href: '/' },
      { label: agency.name, href: `/agencies/${agency.code}` },
      { label: '申请已提交' },
    ],
    main,
  });
}
