// The term scanner: a compact Aho–Corasick automaton over UTF-16 code units, built once per set of
// terms and scanned in one pass over normalised text. The draft checker (src/check/scan.ts) and
// extraction (src/extract/occurrences.ts) both find terms with it; what to keep of the matches is
// each caller's choice (both keep the longest valid match at each start, leftmost first).
//
// Layout (why it is fast): every code unit that occurs in some pattern gets a dense symbol id
// (a 65,536-entry table, 0 = "in no pattern", which sends the scan straight back to the root);
// the root's transitions are a plain array; every other transition lives in one open-addressing
// hash table of Int32Arrays. Failure links, the pattern ending at each state and the "dictionary
// link" (next state on the failure chain that ends a pattern) are Int32Arrays too, so a scan
// allocates nothing but the matches it reports.
//
// Besides patterns, the automaton knows "anchors" (name suffixes such as 组织, 联合会): for every
// state it keeps the longest anchor that ends there, so the near-miss finder learns in O(1) per
// position where a name-like span may end.

export interface AutomatonStats {
  patterns: number;
  anchors: number;
  states: number;
  symbols: number;
  /** Bytes held by the typed arrays of the automaton. */
  bytes: number;
}

/** Everything an automaton is made of (typed arrays and its statistics). */
export interface AutomatonParts {
  symOf: Int32Array;
  rootNext: Int32Array;
  hState: Int32Array;
  hSym: Int32Array;
  hNext: Int32Array;
  hMask: number;
  fail: Int32Array;
  out: Int32Array;
  dict: Int32Array;
  anchorAt: Int32Array;
  depth: Int32Array;
  stats: AutomatonStats;
}

/** Called for every pattern occurrence: pattern id and [start, end) in the scanned string. */
export type MatchSink = (pattern: number, start: number, end: number) => void;
/** Called at every position where an anchor ends: anchor id and end offset. */
export type AnchorSink = (anchor: number, end: number) => void;

const EMPTY = -1;

export class Automaton {
  private readonly symOf: Int32Array;
  private readonly rootNext: Int32Array;
  private readonly hState: Int32Array;
  private readonly hSym: Int32Array;
  private readonly hNext: Int32Array;
  private readonly hMask: number;
  private readonly fail: Int32Array;
  /** Pattern id ending exactly at the state, or -1. */
  private readonly out: Int32Array;
  /** Next state on the failure chain whose `out` is set, or -1. */
  private readonly dict: Int32Array;
  /** Longest anchor ending at the state (own or inherited through failure links), or -1. */
  private readonly anchorAt: Int32Array;
  /** Length of the string each state stands for. */
  private readonly depth: Int32Array;
  readonly stats: AutomatonStats;

  /**
   * @param patterns the strings to find (duplicates keep the first id; empty strings are ignored)
   * @param anchors  suffix strings whose end positions are reported separately
   */
  constructor(patterns: readonly string[], anchors: readonly string[] = []) {
    const { symOf, symbols } = symbolTable(patterns, anchors);
    const alpha = symbols + 1;
    const trie = buildTrie(patterns, anchors, symOf, alpha);
    const { stateCount, out, ownAnchor, depth, firstChild, nextSibling, edgeSym } = trie;
    const packed = packTransitions(trie);
    this.symOf = symOf;
    this.rootNext = trie.rootNext;
    this.hState = packed.hState;
    this.hSym = packed.hSym;
    this.hNext = packed.hNext;
    this.hMask = packed.hMask;

    // ---- failure links, dictionary links and inherited anchors, breadth first
    const fail = new Int32Array(stateCount);
    const dict = new Int32Array(stateCount).fill(EMPTY);
    const anchorAt = new Int32Array(stateCount).fill(EMPTY);
    const anchorLen = (a: number) => (a === EMPTY ? 0 : anchors[a].length);
    const queue = new Int32Array(stateCount);
    let head = 0;
    let tail = 0;
    for (let c = firstChild[0]; c !== EMPTY; c = nextSibling[c]) {
      fail[c] = 0;
      anchorAt[c] = ownAnchor[c];
      queue[tail++] = c;
    }
    while (head < tail) {
      const s = queue[head++];
      for (let c = firstChild[s]; c !== EMPTY; c = nextSibling[c]) {
        const sym = edgeSym[c];
        let f = fail[s];
        let target = this.step(f, sym);
        while (target === EMPTY && f !== 0) {
          f = fail[f];
          target = this.step(f, sym);
        }
        fail[c] = target === EMPTY || target === c ? 0 : target;
        dict[c] = out[fail[c]] !== EMPTY ? fail[c] : dict[fail[c]];
        const inherited = anchorAt[fail[c]];
        anchorAt[c] = anchorLen(ownAnchor[c]) >= anchorLen(inherited) ? ownAnchor[c] : inherited;
        queue[tail++] = c;
      }
    }
    this.fail = fail;
    this.out = out.slice(0, stateCount);
    this.dict = dict;
    this.anchorAt = anchorAt;
    this.depth = depth.slice(0, stateCount);
    const bytes = symOf.byteLength + trie.rootNext.byteLength + packed.hState.byteLength * 3 + fail.byteLength * 5;
    this.stats = { patterns: trie.patternCount, anchors: anchors.length, states: stateCount, symbols, bytes };
  }

  /** The automaton's arrays, to persist it or hand it to another thread (see fromParts). */
  parts(): AutomatonParts {
    const { symOf, rootNext, hState, hSym, hNext, hMask, fail, out, dict, anchorAt, depth, stats } = this;
    return { symOf, rootNext, hState, hSym, hNext, hMask, fail, out, dict, anchorAt, depth, stats };
  }

  /** An automaton from the arrays of parts(), checked for consistent sizes (a damaged file is refused). */
  static fromParts(p: AutomatonParts): Automaton {
    const states = p.stats.states;
    const perState = [p.fail, p.out, p.dict, p.anchorAt, p.depth];
    const table = p.hState.length;
    if (
      p.symOf.length !== 65536 ||
      p.rootNext.length !== p.stats.symbols + 1 ||
      perState.some((a) => a.length !== states) ||
      p.hSym.length !== table ||
      p.hNext.length !== table ||
      p.hMask !== table - 1 ||
      (table & (table - 1)) !== 0
    ) {
      throw new RangeError('the automaton arrays do not fit together');
    }
    const a = Object.create(Automaton.prototype) as Automaton;
    Object.assign(a, p);
    return a;
  }

  /** Transition from `state` on symbol `sym`, or -1 (no goto; the caller follows failure links). */
  private step(state: number, sym: number): number {
    if (state === 0) {
      const n = this.rootNext[sym];
      return n === 0 ? EMPTY : n;
    }
    const hState = this.hState;
    let h = hash(state, sym) & this.hMask;
    for (;;) {
      const s = hState[h];
      if (s === EMPTY) return EMPTY;
      if (s === state && this.hSym[h] === sym) return this.hNext[h];
      h = (h + 1) & this.hMask;
    }
  }

  /**
   * Scans `text` once, reporting every occurrence of every pattern (overlapping ones included;
   * choosing among them is the caller's business) and every anchor end.
   */
  scan(text: string, onMatch: MatchSink, onAnchor?: AnchorSink): void {
    const { symOf, fail, out, dict, anchorAt, rootNext, depth } = this;
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const sym = symOf[text.charCodeAt(i)];
      if (sym === 0) {
        state = 0;
        continue;
      }
      for (;;) {
        if (state === 0) {
          state = rootNext[sym];
          break;
        }
        const next = this.step(state, sym);
        if (next !== EMPTY) {
          state = next;
          break;
        }
        state = fail[state];
      }
      if (state === 0) continue;
      const end = i + 1;
      let o = out[state] !== EMPTY ? state : dict[state];
      while (o !== EMPTY) {
        onMatch(out[o], end - depth[o], end);
        o = dict[o];
      }
      if (onAnchor !== undefined) {
        const a = anchorAt[state];
        if (a !== EMPTY) onAnchor(a, end);
      }
    }
  }

}

/** A dense id for every code unit that occurs in a pattern or anchor (0 = in none). */
function symbolTable(patterns: readonly string[], anchors: readonly string[]): { symOf: Int32Array; symbols: number } {
  const symOf = new Int32Array(65536);
  let symbols = 0;
  const addSymbols = (s: string) => {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (symOf[c] === 0) symOf[c] = ++symbols;
    }
  };
  for (const p of patterns) addSymbols(p);
  for (const a of anchors) addSymbols(a);
  return { symOf, symbols };
}

/**
 * The trie of patterns and anchors, before it is packed. The root's transitions are a plain array;
 * every other state's children are a linked list (few children each), which is also the order
 * the breadth-first pass walks.
 */
interface Trie {
  rootNext: Int32Array;
  stateCount: number;
  patternCount: number;
  out: Int32Array;
  ownAnchor: Int32Array;
  depth: Int32Array;
  firstChild: Int32Array;
  nextSibling: Int32Array;
  edgeSym: Int32Array;
}

function buildTrie(patterns: readonly string[], anchors: readonly string[], symOf: Int32Array, alpha: number): Trie {
  // 0 = no transition (no edge leads back to the root).
  const rootNext = new Int32Array(alpha);
  let stateCount = 1;
  let cap = 1024;
  let out = new Int32Array(cap).fill(EMPTY);
  let ownAnchor = new Int32Array(cap).fill(EMPTY);
  let depth = new Int32Array(cap);
  let firstChild = new Int32Array(cap).fill(EMPTY);
  let nextSibling = new Int32Array(cap).fill(EMPTY);
  let edgeSym = new Int32Array(cap);
  const grow = () => {
    cap *= 2;
    const g = (a: Int32Array, fill?: number) => {
      const b = new Int32Array(cap);
      if (fill !== undefined) b.fill(fill);
      b.set(a);
      return b;
    };
    out = g(out, EMPTY);
    ownAnchor = g(ownAnchor, EMPTY);
    depth = g(depth);
    firstChild = g(firstChild, EMPTY);
    nextSibling = g(nextSibling, EMPTY);
    edgeSym = g(edgeSym);
  };
  const child = (parent: number, sym: number): number => {
    if (stateCount === cap) grow();
    const next = stateCount++;
    depth[next] = depth[parent] + 1;
    edgeSym[next] = sym;
    nextSibling[next] = firstChild[parent];
    firstChild[parent] = next;
    return next;
  };
  const insert = (s: string): number => {
    let state = 0;
    for (let i = 0; i < s.length; i++) {
      const sym = symOf[s.charCodeAt(i)];
      let next: number;
      if (state === 0) {
        next = rootNext[sym];
        if (next === 0) rootNext[sym] = next = child(0, sym);
      } else {
        next = firstChild[state];
        while (next !== EMPTY && edgeSym[next] !== sym) next = nextSibling[next];
        if (next === EMPTY) next = child(state, sym);
      }
      state = next;
    }
    return state;
  };
  let patternCount = 0;
  patterns.forEach((p, id) => {
    if (!p) return;
    const state = insert(p);
    if (out[state] === EMPTY) out[state] = id;
    patternCount++;
  });
  anchors.forEach((a, id) => {
    if (!a) return;
    const state = insert(a);
    if (ownAnchor[state] === EMPTY) ownAnchor[state] = id;
  });
  return { rootNext, stateCount, patternCount, out, ownAnchor, depth, firstChild, nextSibling, edgeSym };
}

/** Every non-root transition in one open-addressing table (load factor ≤ 0.5), for the scan. */
function packTransitions(trie: Trie): { hState: Int32Array; hSym: Int32Array; hNext: Int32Array; hMask: number } {
  const { stateCount, firstChild, nextSibling, edgeSym } = trie;
  // Every state but the root is the end of one edge.
  const edgeCount = stateCount - 1;
  let size = 16;
  while (size < edgeCount * 2) size *= 2;
  const hState = new Int32Array(size).fill(EMPTY);
  const hSym = new Int32Array(size);
  const hNext = new Int32Array(size);
  const hMask = size - 1;
  for (let state = 1; state < stateCount; state++) {
    for (let next = firstChild[state]; next !== EMPTY; next = nextSibling[next]) {
      const sym = edgeSym[next];
      let h = hash(state, sym) & hMask;
      while (hState[h] !== EMPTY) h = (h + 1) & hMask;
      hState[h] = state;
      hSym[h] = sym;
      hNext[h] = next;
    }
  }
  return { hState, hSym, hNext, hMask };
}

function hash(state: number, sym: number): number {
  return (Math.imul(state, 0x9e3779b1) ^ Math.imul(sym + 0x7f4a7c15, 0x85ebca6b)) >>> 0;
}

/**
 * Latin letters and digits of normalised text (lower case). A term that starts or ends with one
 * matches only at a word boundary there: "un" is not a term inside "fund".
 */
export function isWordCode(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57);
}
