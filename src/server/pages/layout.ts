// The page frame shared by every view: header, navigation, main, footer.
import { type SafeHtml, html } from './html.js';

export type Section = 'search' | 'check' | 'tm' | 'exchange' | 'review' | 'concept';

export interface PageOptions {
  title: string;
  section: Section;
  body: SafeHtml;
  /** Page script under /static (loaded deferred; pages work without it). */
  script?: string;
  /** Counts shown in the footer. */
  stats?: { concepts: number; terms: number; documents: number };
}

const NAV: Array<[Section, string, string]> = [
  ['search', '/', 'Search'],
  ['check', '/check', 'Check'],
  ['tm', '/tm', 'Translation memory'],
  ['exchange', '/exchange', 'Import / export'],
  ['review', '/review', 'Review'],
];

export function page(o: PageOptions): string {
  return html`<!doctype html>
<html lang="en" class="no-js">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${o.title} · TermDesk</title>
<link rel="stylesheet" href="/static/app.css">
<script src="/static/common.js" defer></script>
${o.script ? html`<script src="/static/${o.script}" defer></script>` : ''}
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="top">
  <a class="brand" href="/">TermDesk <span lang="zh-Hans">术语台</span></a>
  <nav aria-label="Main">
    <ul>
      ${NAV.map(([id, href, label]) => html`<li><a href="${href}"${id === o.section ? html` aria-current="page"` : ''}>${label}</a></li>`)}
    </ul>
  </nav>
</header>
<main id="main" tabindex="-1">
${o.body}
</main>
<footer class="foot">
  ${o.stats ? html`<span>${o.stats.concepts.toLocaleString('en')} concepts · ${o.stats.terms.toLocaleString('en')} terms · ${o.stats.documents.toLocaleString('en')} documents</span>` : ''}
  <a href="/api/health">API health</a>
</footer>
</body>
</html>`.value;
}

export function errorPage(status: number, message: string): string {
  const title = status === 404 ? 'Not found' : status >= 500 ? 'Something went wrong' : 'Cannot do that';
  return page({
    title,
    section: 'search',
    body: html`<h1>${title}</h1><p class="message error" role="alert">${message}</p><p><a href="/">Back to search</a></p>`,
  });
}
