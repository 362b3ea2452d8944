import { html, raw, type SafeHtml } from '../../../lib/html.js';
import { assets } from '../../assets.js';
import { csrfField } from './form.view.js';

/** The signed-in user as the newsroom's shell sees them; the users feature's user has more. */
export interface NewsroomUser {
  id: number;
  name: string;
  role: string;
}

/** One entry of the newsroom's navigation, already checked against the user's role. */
export interface NavLink {
  key: string;
  href: string;
  label: string;
}

export interface NewsroomContext {
  /** Null on the login and setup pages. */
  user: NewsroomUser | null;
  csrf: string;
  siteName: string;
  /** The navigation this user may follow (empty before login). */
  links: readonly NavLink[];
}

export interface NewsroomPage {
  title: string;
  /** Which navigation entry is current. */
  nav?: string;
  /** A one-line message after a successful action ("Published."). */
  notice?: string | undefined;
  /** Scripts this page needs besides the newsroom's own (the article editor's). */
  scripts?: string[];
}

/** The newsroom's HTML document: navigation by role, the user's menu, the page's main content. */
export function newsroomLayout(ctx: NewsroomContext, page: NewsroomPage, main: SafeHtml): string {
  const links = ctx.links;
  return html`<!doctype html>
<html lang="en" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${page.title} — ${ctx.siteName} newsroom</title>
<link rel="stylesheet" href="${assets.newsroomCss.url}">
<link rel="icon" href="${assets.logo.url}" type="image/svg+xml">
<script src="${assets.newsroomJs.url}" defer></script>
${(page.scripts ?? []).map((src) => html`<script src="${src}" defer></script>\n`)}
</head>
<body class="newsroom">
<a class="skip-link" href="#main">Skip to content</a>
<header class="nr-header">
<div class="nr-bar">
<a class="nr-brand" href="/newsroom">${ctx.siteName} <span>Newsroom</span></a>
${
  ctx.user
    ? html`<div class="nr-user">
<a href="/newsroom/account">${ctx.user.name}</a> <span class="role">${ctx.user.role}</span>
<form method="post" action="/newsroom/logout" class="inline-form">${csrfField(ctx.csrf)}<button type="submit" class="link-button">Log out</button></form>
</div>`
    : ''
}
</div>
${
  links.length
    ? html`<nav class="nr-nav" aria-label="Newsroom"><ul>${links.map(
        (n) => html`<li><a href="${n.href}"${page.nav === n.key ? raw(' aria-current="page"') : ''}>${n.label}</a></li>`,
      )}<li><a href="/">View site</a></li></ul></nav>`
    : ''
}
</header>
<main id="main" tabindex="-1">
<h1>${page.title}</h1>
${page.notice ? html`<p class="notice" role="status">${page.notice}</p>` : ''}
${main}
</main>
</body>
</html>
`.value;
}
