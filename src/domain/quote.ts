// Quoting user data inside error messages: short, on one line, control characters visible.
// A refusal must stay one readable line whatever the file contained.

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

function escapeControl(c: string): string {
  if (c === '\n') return '\\n';
  if (c === '\r') return '\\r';
  if (c === '\t') return '\\t';
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** Control characters (and line/paragraph separators) written visibly: \n, \t, \u0007. */
export function escapeControlCharacters(text: string): string {
  return text.replace(CONTROL, escapeControl);
}

/** The value cut to `max` characters (with …) and its control characters escaped, without quotes. */
export function shorten(value: unknown, max = 60): string {
  const s = String(value ?? '');
  const cut = s.length > max ? `${s.slice(0, max)}…` : s;
  return escapeControlCharacters(cut);
}

/** The value in double quotes, shortened: for "unknown category \"…\""-style messages. */
export function quote(value: unknown, max = 60): string {
  return `"${shorten(value, max)}"`;
}
