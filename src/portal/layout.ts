import { type Html, html } from './html.ts';

export interface Breadcrumb {
  label: string;
  href?: string;
}

export function renderPage(options: {
  title: string;
  breadcrumbs?: Breadcrumb[];
  main: Html;
  description?: string;
  /** Extra stylesheets of a page family, after portal.css (e.g. the annual report's official tables). */
  stylesheets?: string[];
}): string {
  const crumbs = options.breadcrumbs ?? [];
  return `<!doctype html>\n${
    html`<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} - 政府信息公开</title>
${options.description ? html`<meta name="description" content="${options.description}">` : ''}
<link rel="stylesheet" href="/portal.css">
${(options.stylesheets ?? []).map((href) => html`<link rel="stylesheet" href="${href}">`)}
</head>
<body>
<a class="skip-link" href="#main">跳到正文</a>
<header class="site-header">
  <div class="wrap">
    <a class="site-title" href="/">政府信息公开</a>
    <nav aria-label="网站导航">
      <ul>
        <li><a href="/">首页</a></li>
        <li><a href="/search">信息检索</a></li>
        <li><a href="/annual-reports">年度报告</a></li>
        <li><a href="/apply">申请公开</a></li>
        <li><a href="/track">查询办理进度</a></li>
        <li><a href="/console/">工作人员登录</a></li>
      </ul>
    </nav>
  </div>
</header>
${
  crumbs.length > 0
    ? html`<nav class="breadcrumbs wrap" aria-label="当前位置"><ol>${crumbs.map((c, i) =>
        c.href && i < crumbs.length - 1
          ? html`<li><a href="${c.href}">${c.label}</a></li>`
          : html`<li aria-current="page">${c.label}</li>`,
      )}</ol></nav>`
    : ''
}
<main id="main" class="wrap" tabindex="-1">
${options.main}
</main>
<footer class="site-footer">
  <div class="wrap">
    <p>依据《中华人民共和国政府信息公开条例》（国务院令第711号）设立。</p>
  </div>
</footer>
</body>
</html>`.value
  }`;
}
