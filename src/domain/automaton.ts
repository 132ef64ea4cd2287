// The term scanner: a compact Aho–Corasick automaton over UTF-16 code units, built once per set of
// terms and scanned in one pass over normalised text. The draft checker (src/check/scan.ts) and
// extraction (src/extract/occurrences.ts) both find terms with it; what to keep of the matches is
// each caller's choice (both keep the longest valid match at each start, leftmost first).
//
// Layout (why it is small and fast): every code unit that occurs in some pattern gets a dense
// symbol id, in code-unit order (a 65,536-entry table, 0 = "in no pattern", which sends the scan
// straight back to the root); the root's transitions are a plain array. States are numbered
// breadth first, so the children of a state are consecutive states, in symbol order: a state's
// transitions are the range childStart[s] .. childStart[s + 1] of one array of symbols (usually one
// entry; searched by halves when long). Failure links, the pattern ending at each state and the
// "dictionary link" (next state on the failure chain that ends a pattern) are typed arrays too:
// 24 bytes a state, and a scan allocates nothing but the matches it reports.
//
// The trie is built from the patterns sorted by code unit: each string shares a prefix with the
// one before it and only its rest is new, so building never searches a long list of children
// (the state after 联合国 has thousands).
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
  /** Code unit → symbol (0 = in no pattern). */
  symOf: Uint16Array;
  /** Symbol → the root's child (0 = none). */
  rootNext: Int32Array;
  /** childStart[s] .. childStart[s + 1]: the children of state s (states + 1 entries). */
  childStart: Int32Array;
  /** The symbol on the edge into each state (sorted among siblings). */
  edgeSym: Uint16Array;
  fail: Int32Array;
  /** Pattern id ending exactly at the state, or -1. */
  out: Int32Array;
  /** Next state on the failure chain whose `out` is set, or -1. */
  dict: Int32Array;
  /** Longest anchor ending at the state (own or inherited through failure links), or -1. */
  anchorAt: Int32Array;
  /** Length of the string each state stands for. */
  depth: Uint16Array;
  stats: AutomatonStats;
}

/** Called for every pattern occurrence: pattern id and [start, end) in the scanned string. */
export type MatchSink = (pattern: number, start: number, end: number) => void;
/** Called at every position where an anchor ends: anchor id and end offset. */
export type AnchorSink = (anchor: number, end: number) => void;

const EMPTY = -1;
/** Below this many children a state's transitions are searched one by one. */
const LINEAR = 8;

export class Automaton {
  private readonly symOf: Uint16Array;
  private readonly rootNext: Int32Array;
  private readonly childStart: Int32Array;
  private readonly edgeSym: Uint16Array;
  private readonly fail: Int32Array;
  private readonly out: Int32Array;
  private readonly dict: Int32Array;
  private readonly anchorAt: Int32Array;
  private readonly depth: Uint16Array;
  readonly stats: AutomatonStats;

  /**
   * @param patterns the strings to find (duplicates keep the first id; empty strings are ignored)
   * @param anchors  suffix strings whose end positions are reported separately
   */
  constructor(patterns: readonly string[], anchors: readonly string[] = []) {
    const { symOf, symbols } = symbolTable(patterns, anchors);
    const trie = buildTrie(patterns, anchors, symOf);
    const layout = breadthFirst(trie, symbols);
    this.symOf = symOf;
    this.rootNext = layout.rootNext;
    this.childStart = layout.childStart;
    this.edgeSym = layout.edgeSym;
    this.out = layout.out;
    this.depth = layout.depth;
    const states = layout.out.length;

    // ---- failure links, dictionary links and inherited anchors; states are in breadth-first
    // order, so a state's failure target (shallower) is always done before it.
    const fail = new Int32Array(states);
    const dict = new Int32Array(states).fill(EMPTY);
    const anchorAt = new Int32Array(states).fill(EMPTY);
    const ownAnchor = layout.ownAnchor;
    const anchorLen = (a: number) => (a === EMPTY ? 0 : anchors[a].length);
    this.fail = fail;
    for (let s = 0; s < states; s++) {
      for (let c = layout.childStart[s], end = layout.childStart[s + 1]; c < end; c++) {
        if (s === 0) {
          fail[c] = 0;
          anchorAt[c] = ownAnchor[c];
          continue;
        }
        const sym = layout.edgeSym[c];
        let f = fail[s];
        let target = this.step(f, sym);
        while (target === EMPTY && f !== 0) {
          f = fail[f];
          target = this.step(f, sym);
        }
        fail[c] = target === EMPTY || target === c ? 0 : target;
        dict[c] = layout.out[fail[c]] !== EMPTY ? fail[c] : dict[fail[c]];
        const inherited = anchorAt[fail[c]];
        anchorAt[c] = anchorLen(ownAnchor[c]) >= anchorLen(inherited) ? ownAnchor[c] : inherited;
      }
    }
    this.dict = dict;
    this.anchorAt = anchorAt;
    this.stats = {
      patterns: trie.patternCount,
      anchors: anchors.length,
      states,
      symbols,
      bytes: arraysBytes([symOf, this.rootNext, this.childStart, this.edgeSym, fail, this.out, dict, anchorAt, this.depth]),
    };
  }

  /** The automaton's arrays, to persist it or hand it to another thread (see fromParts). */
  parts(): AutomatonParts {
    const { symOf, rootNext, childStart, edgeSym, fail, out, dict, anchorAt, depth, stats } = this;
    return { symOf, rootNext, childStart, edgeSym, fail, out, dict, anchorAt, depth, stats };
  }

  /** An automaton from the arrays of parts(), checked for consistent sizes (a damaged file is refused). */
  static fromParts(p: AutomatonParts): Automaton {
    const states = p.stats.states;
    const perState = [p.edgeSym, p.fail, p.out, p.dict, p.anchorAt, p.depth];
    if (
      !(p.symOf instanceof Uint16Array) ||
      p.symOf.length !== 65536 ||
      p.rootNext.length !== p.stats.symbols + 1 ||
      p.childStart.length !== states + 1 ||
      p.childStart[states] !== states ||
      perState.some((a) => a.length !== states)
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
    const edgeSym = this.edgeSym;
    let lo = this.childStart[state];
    let hi = this.childStart[state + 1];
    if (hi - lo < LINEAR) {
      for (; lo < hi; lo++) if (edgeSym[lo] === sym) return lo;
      return EMPTY;
    }
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const m = edgeSym[mid];
      if (m === sym) return mid;
      if (m < sym) lo = mid + 1;
      else hi = mid;
    }
    return EMPTY;
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

function arraysBytes(arrays: ArrayLike<unknown>[]): number {
  let n = 0;
  for (const a of arrays) n += (a as Uint8Array).byteLength;
  return n;
}

/** A dense id for every code unit that occurs in a pattern or anchor (0 = in none), in code-unit order. */
function symbolTable(patterns: readonly string[], anchors: readonly string[]): { symOf: Uint16Array; symbols: number } {
  const used = new Uint8Array(65536);
  for (const list of [patterns, anchors]) for (const s of list) for (let i = 0; i < s.length; i++) used[s.charCodeAt(i)] = 1;
  const symOf = new Uint16Array(65536);
  let symbols = 0;
  for (let c = 0; c < 65536; c++) if (used[c]) symOf[c] = ++symbols;
  if (symbols >= 65536) throw new RangeError('too many distinct characters for the automaton');
  return { symOf, symbols };
}

/**
 * The trie of patterns and anchors, numbered in the order its states were made (depth first, as
 * the sorted strings were inserted). Children are kept in symbol order on linked lists.
 */
interface Trie {
  stateCount: number;
  patternCount: number;
  out: Int32Array;
  ownAnchor: Int32Array;
  depth: Int32Array;
  firstChild: Int32Array;
  nextSibling: Int32Array;
  edgeSym: Int32Array;
}

function buildTrie(patterns: readonly string[], anchors: readonly string[], symOf: Uint16Array): Trie {
  // Every distinct string with the first pattern id and the first anchor id it is (-1: none),
  // the strings sorted by code unit (the engine's own string order, no comparator).
  const roles = new Map<string, { pattern: number; anchor: number }>();
  patterns.forEach((s, id) => {
    if (!s) return;
    const r = roles.get(s);
    if (!r) roles.set(s, { pattern: id, anchor: EMPTY });
    else if (r.pattern === EMPTY) r.pattern = id;
  });
  anchors.forEach((s, id) => {
    if (!s) return;
    const r = roles.get(s);
    if (!r) roles.set(s, { pattern: EMPTY, anchor: id });
    else if (r.anchor === EMPTY) r.anchor = id;
  });
  const strings = [...roles.keys()].sort();
  let patternCount = 0;
  for (const p of patterns) if (p) patternCount++;

  // States: the root, and for each string what it does not share with the one before it.
  let total = 1;
  for (let k = 0; k < strings.length; k++) {
    const s = strings[k];
    if (s.length > 0xffff) throw new RangeError('a pattern is too long for the automaton');
    const before = k > 0 ? strings[k - 1] : '';
    let shared = 0;
    const limit = Math.min(s.length, before.length);
    while (shared < limit && s.charCodeAt(shared) === before.charCodeAt(shared)) shared++;
    total += s.length - shared;
  }
  const out = new Int32Array(total).fill(EMPTY);
  const ownAnchor = new Int32Array(total).fill(EMPTY);
  const depth = new Int32Array(total);
  const firstChild = new Int32Array(total).fill(EMPTY);
  const lastChild = new Int32Array(total).fill(EMPTY);
  const nextSibling = new Int32Array(total).fill(EMPTY);
  const edgeSym = new Int32Array(total);
  let stateCount = 1;
  // The states along the previous string: a new string reuses them up to the shared prefix.
  const path: number[] = [0];
  let previous = '';
  for (const s of strings) {
    let shared = 0;
    const limit = Math.min(s.length, previous.length);
    while (shared < limit && s.charCodeAt(shared) === previous.charCodeAt(shared)) shared++;
    path.length = shared + 1;
    let state = path[shared];
    for (let i = shared; i < s.length; i++) {
      // Sorted input: a new child always comes after its siblings.
      const child = stateCount++;
      depth[child] = i + 1;
      edgeSym[child] = symOf[s.charCodeAt(i)];
      if (lastChild[state] === EMPTY) firstChild[state] = child;
      else nextSibling[lastChild[state]] = child;
      lastChild[state] = child;
      path.push(child);
      state = child;
    }
    const role = roles.get(s)!;
    out[state] = role.pattern;
    ownAnchor[state] = role.anchor;
    previous = s;
  }
  return { stateCount, patternCount, out, ownAnchor, depth, firstChild, nextSibling, edgeSym };
}

/** The trie renumbered breadth first, so that each state's children are consecutive states. */
function breadthFirst(trie: Trie, symbols: number) {
  const n = trie.stateCount;
  const order = new Int32Array(n); // new id → old id
  const childStart = new Int32Array(n + 1);
  let assigned = 1;
  for (let k = 0; k < n; k++) {
    childStart[k] = assigned;
    for (let c = trie.firstChild[order[k]]; c !== EMPTY; c = trie.nextSibling[c]) order[assigned++] = c;
  }
  childStart[n] = n;
  const rootNext = new Int32Array(symbols + 1);
  const edgeSym = new Uint16Array(n);
  const out = new Int32Array(n);
  const ownAnchor = new Int32Array(n);
  const depth = new Uint16Array(n);
  for (let k = 0; k < n; k++) {
    const old = order[k];
    edgeSym[k] = trie.edgeSym[old];
    out[k] = trie.out[old];
    ownAnchor[k] = trie.ownAnchor[old];
    depth[k] = trie.depth[old];
  }
  for (let c = childStart[0]; c < childStart[1]; c++) rootNext[edgeSym[c]] = c;
  return { rootNext, childStart, edgeSym, out, ownAnchor, depth };
}

/**
 * Latin letters and digits of normalised text (lower case). A term that starts or ends with one
 * matches only at a word boundary there: "un" is not a term inside "fund".
 */
export function isWordCode(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57);
}
