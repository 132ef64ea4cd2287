// Bracket groups of a document: (…) and （…） in either width, […] and 【…】. A group never spans
// a line; masked text (URLs, markers) neither opens nor closes one.
import type { PreparedDocument } from './document.js';

export type BracketKind = 'round' | 'square';

export interface BracketGroup {
  kind: BracketKind;
  /** Offset of the opening bracket. */
  open: number;
  /** Offset of the closing bracket. */
  close: number;
  /** The text between the brackets. */
  inner: string;
}

const OPEN: Record<string, BracketKind> = { '(': 'round', '（': 'round', '[': 'square', '【': 'square', '［': 'square' };
const CLOSE: Record<string, BracketKind> = { ')': 'round', '）': 'round', ']': 'square', '】': 'square', '］': 'square' };
const MAX_INNER = 160;

/** Every matched bracket group, in order of the opening bracket. */
export function findBrackets(doc: PreparedDocument): BracketGroup[] {
  const { text, masked } = doc;
  const groups: BracketGroup[] = [];
  const stack: Array<{ kind: BracketKind; open: number }> = [];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // Most characters are Chinese (U+4E00 to U+9FFF): never a bracket.
    if (code >= 0x4e00 && code <= 0x9fff) continue;
    const ch = text[i];
    if (ch === '\n') {
      stack.length = 0;
      continue;
    }
    if (masked[i]) continue;
    const opens = OPEN[ch];
    if (opens) {
      stack.push({ kind: opens, open: i });
      continue;
    }
    const closes = CLOSE[ch];
    if (!closes) continue;
    // Close the nearest open group of the same kind; groups opened inside it and left open are dropped.
    for (let k = stack.length - 1; k >= 0; k--) {
      if (stack[k].kind !== closes) continue;
      const { open } = stack[k];
      stack.length = k;
      if (i - open - 1 <= MAX_INNER) groups.push({ kind: closes, open, close: i, inner: text.slice(open + 1, i) });
      break;
    }
  }
  return groups.sort((a, b) => a.open - b.open);
}

