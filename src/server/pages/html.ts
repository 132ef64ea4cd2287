// HTML rendering with escaping by default: every interpolated value is escaped unless it is
// already a SafeHtml produced by this module. Pages are plain functions returning SafeHtml.
import { escapeHtml } from '../../domain/escape.js';

export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Interpolation = SafeHtml | string | number | boolean | null | undefined | Interpolation[];

function render(value: Interpolation): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(value);
}

/** Tagged template: html`<p>${userText}</p>` escapes userText. */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return new SafeHtml(out);
}

/** Marks trusted markup (built by this module or constant) as safe. */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/** Text with the given [start, end) ranges wrapped in <mark>, everything escaped. */
export function highlight(text: string, ranges: ReadonlyArray<readonly [number, number]> | undefined): SafeHtml {
  if (!ranges || ranges.length === 0) return html`${text}`;
  const sorted = [...ranges].filter(([s, e]) => e > s && s >= 0 && e <= text.length).sort((a, b) => a[0] - b[0]);
  let out = '';
  let pos = 0;
  for (const [s, e] of sorted) {
    if (s < pos) continue;
    out += escapeHtml(text.slice(pos, s)) + '<mark>' + escapeHtml(text.slice(s, e)) + '</mark>';
    pos = e;
  }
  out += escapeHtml(text.slice(pos));
  return raw(out);
}

/** `lang` attribute value for a term language (zh-Hans → zh-Hans; used on every Chinese/English text). */
export function langAttr(lang: string): string {
  return lang === 'zh-Hans' || lang === 'zh-Hant' || lang === 'en' ? lang : 'und';
}
