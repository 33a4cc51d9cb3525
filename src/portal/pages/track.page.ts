import type { PublicRequestStatusView } from '../../contract/disclosure-request-api.ts';
import { html } from '../html.ts';
import { renderPage } from '../layout.ts';

/**
 * 查询办理进度: the applicant enters the tracking code and the secret from the receipt and sees the
 * state, the due date, the 计时说明 in plain Chinese, the steps taken and the documents issued.
 * POST keeps the secret out of addresses and logs.
 */

export function renderTrackFormPage(options: { trackingCode?: string; error?: string } = {}): string {
  const main = html`
    <h1>查询办理进度</h1>
    <p class="lead">请输入提交申请时获得的受理编号和查询码。当面、邮寄等方式提交的，受理编号和查询码见登记回执。</p>
    ${options.error ? html`<div class="error-summary" role="alert"><p>${options.error}</p></div>` : ''}
    <form method="post" action="/track" class="apply-form track-form">
      <div class="field">
        <label for="trackingCode">受理编号<span class="required" aria-hidden="true">*</span></label>
        <p class="hint" id="trackingCode-hint">如 Y20261127-7K3MQ9</p>
        <input id="trackingCode" name="trackingCode" value="${options.trackingCode ?? ''}" required autocomplete="off" aria-describedby="trackingCode-hint">
      </div>
      <div class="field">
        <label for="secret">查询码<span class="required" aria-hidden="true">*</span></label>
        <p class="hint" id="secret-hint">12 位字母和数字，如 ABCD-EFGH-JKMN</p>
        <input id="secret" name="secret" required autocomplete="off" aria-describedby="secret-hint">
      </div>
      <button type="submit" class="button">查询</button>
    </form>
    <p>还没有提交申请？<a href="/apply">申请政府信息公开</a></p>`;
  return renderPage({
    title: '查询办理进度',
    breadcrumbs: [{ label: '首页', href: '/' }, { label: '查询办理进度' }],
    main,
    description: '凭受理编号和查询码查询政府信息公开申请的办理进度',
  });
}

const chineseDate = (date: string) => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${y}年${m}月${d}日`;
};

export function renderTrackStatusPage(
  view: PublicRequestStatusView,
  credentials: { trackingCode: string; secret: string },
): string {
  const remaining =
    view.remainingWorkdays === null
      ? ''
      : view.overdue
        ? `已超过答复期限 ${-view.remainingWorkdays} 个工作日`
        : `剩余 ${view.remainingWorkdays} 个工作日${view.paused ? '（暂停计时中，届满日随之顺延）' : ''}`;
  const main = html`
    <h1>办理进度</h1>
    <dl class="contact status-summary">
      <dt>受理编号</dt><dd>${view.trackingCode}</dd>
      <dt>受理机关</dt><dd>${view.agencyName}</dd>
      <dt>申请人</dt><dd>${view.applicantName}</dd>
      <dt>当前状态</dt><dd data-testid="status"><strong>${view.statusLabel}</strong></dd>
      ${view.receivedOn ? html`<dt>收到申请日</dt><dd>${chineseDate(view.receivedOn)}</dd>` : ''}
      ${
        view.closedOn
          ? html`<dt>办结日期</dt><dd>${chineseDate(view.closedOn)}</dd>`
          : view.dueOn
            ? html`<dt>答复期限</dt><dd data-testid="due-on">${chineseDate(view.dueOn)}前（${view.phaseLabel}；${remaining}）</dd>`
            : ''
      }
      ${view.outcomeLabel ? html`<dt>办理结果</dt><dd>${view.outcomeLabel}</dd>` : ''}
    </dl>

    ${
      view.documents.length > 0
        ? html`<h2>文书和公开的信息</h2>
          <ul class="documents">${view.documents.map(
            (doc) => html`<li>
              <form method="post" action="/track/documents" class="inline-form">
                <input type="hidden" name="trackingCode" value="${credentials.trackingCode}">
                <input type="hidden" name="secret" value="${credentials.secret}">
                <input type="hidden" name="attachmentId" value="${doc.id}">
                <span>${doc.kindLabel}：${doc.fileName}（${Math.max(1, Math.round(doc.sizeBytes / 1024))} KB）</span>
                <button type="submit" class="link-button">下载</button>
              </form>
            </li>`,
          )}</ul>`
        : ''
    }

    <h2>办理过程</h2>
    ${
      view.events.length > 0
        ? html`<ol class="timeline">${view.events.map(
            (event) => html`<li><span class="date">${chineseDate(event.on)}</span> ${event.label}</li>`,
          )}</ol>`
        : html`<p>${view.submittedAt ? '您的申请已于网上提交，等待工作人员确认收到。' : '暂无办理记录。'}</p>`
    }

    ${
      view.explanationText
        ? html`<h2>计时说明</h2>
          <p class="hint">答复期限按工作日计算，法定节假日和周末不计，调休上班日计入；征求第三方和其他机关意见的时间不计入（条例第三十三条）。</p>
          <pre class="explanation" data-testid="explanation">${view.explanationText}</pre>`
        : ''
    }
    <p><a href="/track">查询其他申请</a></p>`;
  return renderPage({
    title: `办理进度 ${view.trackingCode}`,
    breadcrumbs: [
      { label: '首页', href: '/' },
      { label: '查询办理进度', href: '/track' },
      { label: view.trackingCode },
    ],
    main,
  });
}
