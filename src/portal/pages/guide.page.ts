import { AGENCY_KIND_LABELS, AGENCY_LEVEL_LABELS, type Agency } from '../../core/agency/index.ts';
import { categoriesForLevel } from '../../core/catalogue/index.ts';
import { html } from '../html.ts';
import { renderPage } from '../layout.ts';

/**
 * 政府信息公开指南 (条例第十二条): how information is classified and published, how to apply, and the
 * disclosure office's name, address, hours, phone, fax and e-mail — all from the agency's record.
 */
export function renderGuidePage(agency: Agency, ancestors: Agency[]): string {
  const office = agency.disclosureOffice ?? `${agency.name}政府信息公开工作机构`;
  const supervisor = ancestors.find((a) => a.kind === 'government') ?? ancestors[0];
  const unknown = '（未登记）';
  const contacts: [string, string | null][] = [
    ['工作机构', office],
    ['办公地址', agency.address],
    ['邮政编码', agency.postalCode],
    ['办公时间', agency.officeHours],
    ['联系电话', agency.phone],
    ['传真', agency.fax],
    ['电子邮箱', agency.email],
    ['网站', agency.website],
  ];
  const main = html`
    <article aria-labelledby="guide-title">
      <h1 id="guide-title">${agency.name}政府信息公开指南</h1>
      <p class="lead">${AGENCY_LEVEL_LABELS[agency.level]}${AGENCY_KIND_LABELS[agency.kind]}${supervisor ? html`· 上级机关：<a href="/agencies/${supervisor.code}">${supervisor.name}</a>` : ''}
        · 统一社会信用代码 / 组织机构代码：${agency.code}</p>
      ${agency.guideIntro ? agency.guideIntro.split(/\n{2,}/).map((p) => html`<p>${p}</p>`) : ''}
      <p>为了更好地提供政府信息公开服务，依据《中华人民共和国政府信息公开条例》（以下简称《条例》），编制本指南。</p>

      <h2>一、主动公开</h2>
      <h3>（一）公开范围</h3>
      <p>本机关依照《条例》第二十条${agency.level === 'township' || agency.level === 'county' || agency.level === 'city' ? '、第二十一条' : ''}的规定，主动公开以下政府信息：</p>
      <ol class="categories">${categoriesForLevel(agency.level).map((c) => html`<li>${c.label}</li>`)}</ol>
      <h3>（二）公开方式与时限</h3>
      <p>主动公开的政府信息通过本机关门户网站、政府公报、新闻发布会以及报刊、广播、电视等途径公开，并在国家档案馆、公共图书馆、政务服务场所设置政府信息查阅场所。属于主动公开范围的政府信息，自该政府信息形成或者变更之日起 20 个工作日内予以公开（《条例》第二十六条）。</p>

      <h3>（三）政府信息公开目录</h3>
      <p>本机关主动公开的政府信息编入<a href="/agencies/${agency.code}/catalogue">政府信息公开目录</a>，每条信息有唯一的索引号，可按年度、类别和有效性查阅，也可<a href="/search?agency=${agency.code}">全文检索</a>；行政许可、行政处罚、行政强制决定在<a href="/agencies/${agency.code}/decisions">决定公示</a>栏目逐条公开（《条例》第十二条、第二十条）。</p>

      <h3>（四）政府信息公开工作年度报告</h3>
      <p>本机关于每年 ${agency.kind === 'government' ? '3 月 31 日' : '1 月 31 日'}前向社会公布上一年度政府信息公开工作年度报告（《条例》第四十九条、第五十条），可在<a href="/agencies/${agency.code}/annual-reports">本机关政府信息公开工作年度报告</a>栏目查阅和下载；本地区各机关的年度报告见<a href="/annual-reports">年度报告</a>栏目。</p>

      <h2>二、依申请公开</h2>
      <h3>（一）受理机构</h3>
      <dl class="contact">${contacts.map(([label, value]) => html`<dt>${label}</dt><dd>${value ?? unknown}</dd>`)}</dl>
      <h3>（二）申请方式</h3>
      <p>公民、法人或者其他组织申请获取政府信息的，应当向本机关的政府信息公开工作机构提出，并采用包括信件、数据电文在内的书面形式；采用书面形式确有困难的，申请人可以口头提出，由受理机构代为填写政府信息公开申请（《条例》第二十九条）。申请可以当面提交，也可以邮寄或传真。</p>
      <p>申请应当包括：（一）申请人的姓名或者名称、身份证明、联系方式；（二）申请公开的政府信息的名称、文号或者便于行政机关查询的其他特征性描述；（三）申请公开的政府信息的形式要求，包括获取信息的方式、途径。</p>
      <h3>（三）申请的处理</h3>
      <ul>
        <li>申请内容不明确的，本机关自收到申请之日起 7 个工作日内一次性告知申请人作出补正；答复期限自收到补正的申请之日起计算（《条例》第三十条）。</li>
        <li>能够当场答复的当场答复；不能当场答复的，自收到申请之日起 20 个工作日内予以答复；需要延长答复期限的，经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不超过 20 个工作日（《条例》第三十三条）。</li>
        <li>征求第三方和其他机关意见所需时间不计算在答复期限内（《条例》第三十三条）。</li>
        <li>收到申请的日期：当面提交的，以提交之日为收到申请之日；以邮寄方式提交的，以签收之日为收到申请之日；通过互联网渠道或者传真提交的，以双方确认之日为收到申请之日（《条例》第三十一条）。</li>
      </ul>
      <h3>（四）收费</h3>
      <p>本机关依申请提供政府信息，不收取费用。申请人申请公开政府信息的数量、频次明显超过合理范围的，按照《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）按件或者按量收取信息处理费（《条例》第四十二条）。</p>

      <h2>三、监督和救济</h2>
      <p>公民、法人或者其他组织认为本机关在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关或者政府信息公开工作主管部门投诉、举报${supervisor ? html`（上级机关：${supervisor.name}）` : ''}；也可以依法申请行政复议（自知道之日起 60 日内）或者提起行政诉讼（自知道或者应当知道之日起 6 个月内）（《条例》第五十一条）。</p>
    </article>`;
  return renderPage({
    title: `${agency.name}政府信息公开指南`,
    breadcrumbs: [{ label: '首页', href: '/' }, { label: agency.name }],
    main,
    description: `${agency.name}政府信息公开指南：公开范围、申请方式、联系方式`,
  });
}
