// Live indexes (src/store/live-index.ts, src/search/lookup-index.ts, src/check/live-index.ts):
// the change log, overlays that answer exactly as a full rebuild would, persisted index files
// (used when they belong to the database, refused and rebuilt when corrupt or stale), writes by
// another connection or process seen within a bounded time, background builds in a worker.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDraft } from '../src/check/checker.js';
import { buildCheckBase, checkBundle, liveTermIndex, loadCheckBase, termIndexFor } from '../src/check/live-index.js';
import type { TermIndex } from '../src/check/term-index.js';
import { writeBundle } from '../src/io/bundle.js';
import { checkData } from '../src/check/data.js';
import type { IndexedConcept } from '../src/check/indexed.js';
import { NearMissIndex, buildNearMissIndex } from '../src/check/near-miss.js';
import { UnavailableError } from '../src/domain/types.js';
import { initDatabase } from '../src/setup.js';
import { backupDatabase } from '../src/store/backup.js';
import { openDatabase } from '../src/store/db.js';
import { LiveIndex, configureLiveIndexes, indexFilePath } from '../src/store/live-index.js';
import { Store } from '../src/store/repository.js';
import { lookup, lookupView } from '../src/search/lookup.js';
import { liveLookupIndex } from '../src/search/lookup-index.js';
import { PostingsBuilder, Postings } from '../src/search/postings.js';
import { RowColumn, packStrings, unpackStrings } from '../src/io/bundle.js';
import { prepareIndexes } from '../src/server/start.js';
import { seededRandom } from '../bench/eval.js';
import { runCli, tempDir } from './helpers.js';
import { seedText } from './fixtures/check/helpers.js';

let dir: string;
let file: string;
let store: Store;

beforeAll(async () => {
  dir = tempDir('termdesk-live-');
  file = path.join(dir, 'live.sqlite');
  store = new Store(openDatabase(file));
  await initDatabase(store, { seeds: false });
});
afterAll(() => {
  if (store.db.open) store.db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A second connection to the same file, as another process would have. */
function otherConnection(): Store {
  return new Store(openDatabase(file));
}

/**
 * A lookup's answer as compared with a rebuild: every result but the fuzzy ones, in order, with
 * its score and terms, and whether the first result is fuzzy. Fuzzy scores weigh English words by
 * rarity, and the overlay uses the base's word statistics until the next rebuild: they may move in
 * the third decimal (a fuzzy tail may reorder), nothing else may differ.
 */
const results = (s: Store, q: string) => {
  const all = lookup(s, q, { limit: 10 }).results;
  return [
    all[0] ? `first ${all[0].conceptId}:${all[0].kind}:${all[0].matched.id}` : 'none',
    ...all.filter((r) => r.kind !== 'fuzzy').map((r) => `${r.conceptId}:${r.kind}:${r.matched.id}:${r.score.toFixed(4)}:${r.terms.map((t) => t.id).join(',')}`),
  ];
};

/** A check's findings and the concepts it found, with their forms. */
const issues = (s: Store, text: string) => {
  const r = checkDraft(termIndexFor(s), text);
  return {
    issues: r.issues.map((i) => `${i.rule}@${i.start}-${i.end}:${i.text}→${i.suggestion ?? ''}`),
    concepts: r.concepts.map((c) => `${c.conceptId}:${c.official}:${c.forms.map((f) => `${f.text}/${f.status}/${f.reviewed}`).join(',')}`),
  };
};

describe('the change log', () => {
  it('names every concept a write touched, and refuses to answer beyond its limit or floor', () => {
    const s = otherConnection();
    try {
      const from = s.termRevision();
      const [a, b] = [s.createConcept({ category: 'organization', origin: 'user' }), s.createConcept({ category: 'organization', origin: 'user' })];
      const t = s.addTerm(a, { text: 'Live Index Test Body', lang: 'en', type: 'fullForm', status: 'preferred', origin: 'user' }).term;
      s.addTerm(b, { text: 'Live Index Other Body', lang: 'en', type: 'fullForm', status: 'preferred', origin: 'user' });
      s.mergeConcepts(a, b); // moves b's term to a: both concepts changed
      s.updateConcept(a, { reviewStatus: 'approved' });
      s.updateTerm(t.id, { status: 'admitted' });
      const changes = s.termChangesSince(from, 100)!;
      expect(changes.revision).toBe(s.termRevision());
      expect(new Set(changes.conceptIds)).toEqual(new Set([a, b]));
      expect(s.termChangesSince(from, 2)).toBeNull();
      expect(s.termChangesSince(s.termRevision(), 10)).toEqual({ revision: s.termRevision(), conceptIds: [] });
      s.deleteConcept(a);
      expect(s.termChangesSince(from, 100)!.conceptIds).toContain(a);
      // Pruned only once it holds keep + slack steps; then a pruned log cannot bring an old
      // reader up to date: it must rebuild.
      expect(s.pruneTermChanges(1, s.termRevision())).toBe(0);
      expect(s.termChangesSince(from, 100)).not.toBeNull();
      expect(s.pruneTermChanges(1)).toBeGreaterThan(0);
      expect(s.termChangesSince(from, 100)).toBeNull();
    } finally {
      s.db.close();
    }
  });
});

describe('overlays answer as a full rebuild would', () => {
  it('lookup and check agree with a fresh build after random edits (aliases, deletions, status, review, merges)', () => {
    const random = seededRandom(16);
    const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)];
    const ids = (store.db.prepare("SELECT id FROM concept WHERE category IN ('organization', 'body') ORDER BY id").all() as Array<{ id: number }>).map((r) => r.id);
    const draft = seedText('000').split('\n').slice(0, 40).join('\n');
    const lookupLive = liveLookupIndex(store);
    const checkLive = liveTermIndex(store);
    lookupView(store);
    termIndexFor(store);
    const queries: string[] = [];
    for (let round = 0; round < 8; round++) {
      for (let e = 0; e < 4; e++) {
        const id = pick(ids);
        const terms = store.termsOfConcept(id);
        const roll = random();
        if (roll < 0.35) {
          const zh = terms.find((t) => t.lang === 'zh-Hans');
          const alias = `${zh ? zh.text.slice(0, 3) : '测试'}实时别名${round}${e}`;
          store.addAlias(id, alias, { lang: 'zh-Hans' });
          queries.push(alias);
        } else if (roll < 0.5) {
          const alias = `Live Alias ${round} ${e} ${terms[0]?.text ?? ''}`.trim();
          store.addAlias(id, alias, { lang: 'en' });
          queries.push(alias);
        } else if (roll < 0.65 && terms.length > 1) {
          const t = pick(terms);
          queries.push(t.text);
          store.deleteTerm(t.id);
        } else if (roll < 0.8 && terms.length > 0) {
          const t = pick(terms);
          store.updateTerm(t.id, { status: t.status === 'deprecated' ? 'admitted' : 'deprecated', note: 'live index test' });
          queries.push(t.text);
        } else if (roll < 0.9) {
          const c = store.getConceptRecord(id)!;
          // Rejected (migration 7) takes a concept out of lookup and the checker altogether.
          store.updateConcept(id, { reviewStatus: c.reviewStatus !== 'approved' ? 'approved' : random() < 0.5 ? 'candidate' : 'rejected' });
          if (terms[0]) queries.push(terms[0].text);
        } else {
          const other = pick(ids);
          if (other !== id && store.getConceptRecord(other) && store.getConceptRecord(id)) {
            queries.push(...store.termsOfConcept(other).map((t) => t.text));
            store.mergeConcepts(id, other);
            ids.splice(ids.indexOf(other), 1);
          }
        }
      }
      const sample = queries.slice(-12);
      // The Chinese names written with a character left out: near-misses of the changed names.
      const slips = sample.filter((q) => /^\p{Script=Han}{6,}$/u.test(q)).map((q) => q.slice(0, 3) + q.slice(4));
      const text = `${draft}${sample.join('，')}\n${slips.join('。')}`;
      const viaOverlay = { lookups: sample.map((q) => results(store, q)), check: issues(store, text) };
      expect(lookupView(store).overlay).not.toBeNull();
      lookupLive.rebuild();
      checkLive.rebuild();
      expect(lookupView(store).overlay).toBeNull();
      const fresh = { lookups: sample.map((q) => results(store, q)), check: issues(store, text) };
      expect(viaOverlay).toEqual(fresh);
    }
  });

  it('an overlay view of the checker finds a changed term at once and forgets a removed one', () => {
    const id = store.findTermsByText('世界卫生组织')[0].conceptId;
    const found = (text: string) => checkDraft(termIndexFor(store), text).concepts.some((c) => c.conceptId === id);
    expect(found('本报告提及世卫实时测试名称。')).toBe(false);
    const { term } = store.addAlias(id, '世卫实时测试名称', { lang: 'zh-Hans' });
    expect(found('本报告提及世卫实时测试名称。')).toBe(true);
    store.deleteTerm(term.id);
    expect(found('本报告提及世卫实时测试名称。')).toBe(false);
  });
});

describe('views derived view by view (each from the previous one and the concepts changed since it)', () => {
  /** A check's findings and concepts through an index, as the tests above compare them. */
  const through = (index: TermIndex, text: string) => {
    const r = checkDraft(index, text);
    return {
      issues: r.issues.map((i) => `${i.rule}@${i.start}-${i.end}:${i.text}→${i.suggestion ?? ''}`),
      concepts: r.concepts.map((c) => `${c.conceptId}:${c.official}:${c.forms.map((f) => `${f.text}/${f.status}/${f.reviewed}`).join(',')}`),
    };
  };

  it('after a chain of edits to the same concepts (add, change, delete, merge, reject, approve), each view answers as a full rebuild does', () => {
    const live = liveTermIndex(store);
    live.rebuild();
    const base = live.base();
    const who = store.findTermsByText('世界卫生组织')[0].conceptId;
    const unep = store.findTermsByText('联合国环境规划署')[0].conceptId;
    const other = store.createConcept({ category: 'body', origin: 'user', reviewStatus: 'approved' });
    store.addTerm(other, { text: 'Live Chain Review Board', lang: 'en', type: 'fullForm', status: 'preferred', origin: 'user' });
    // Names and their slips (a character typed as another, one left out), old and new forms.
    const draft = [
      '世界卫生组识与粮食安全链式测试委员会和粮食安全链试委员会举行会议。',
      '联合国环境规划属、链式审查理事会和链式审查理会的代表以及WHO出席。',
      '世界卫生组织秘书处链式别名测试署提交了报告；环境规划署、链式别名测式署。',
    ].join('\n');
    const edits: Array<() => void> = [];
    let alias = 0;
    let moved = 0;
    edits.push(() => {
      alias = store.addAlias(who, '粮食安全链式测试委员会', { lang: 'zh-Hans' }).term.id;
    });
    edits.push(() => store.updateTerm(alias, { status: 'deprecated', note: 'chain test' }));
    edits.push(() => store.updateTerm(alias, { status: 'preferred', note: null }));
    edits.push(() => {
      moved = store.addTerm(other, { text: '链式审查理事会', lang: 'zh-Hans', type: 'fullForm', status: 'preferred', origin: 'user' }).term.id;
    });
    edits.push(() => store.addAlias(unep, '链式别名测试署', { lang: 'zh-Hans' }));
    edits.push(() => store.deleteTerm(alias));
    edits.push(() => store.mergeConcepts(unep, other));
    edits.push(() => store.updateConcept(unep, { reviewStatus: 'rejected' }));
    edits.push(() => store.updateConcept(unep, { reviewStatus: 'approved' }));
    edits.push(() => store.updateTerm(moved, { type: 'variant' }));
    edits.push(() => {
      alias = store.addAlias(who, '粮食安全链式测试委员会', { lang: 'zh-Hans' }).term.id;
    });
    let previous = termIndexFor(store);
    const overlaysBefore = live.counts.overlays;
    const seen = new Set<string>();
    for (const edit of edits) {
      edit();
      const view = termIndexFor(store);
      expect(view).not.toBe(previous);
      expect(live.base()).toBe(base);
      const answer = through(view, draft);
      expect(answer).toEqual(through(buildCheckBase(store).index, draft));
      expect(view.stats.nearMissTargets).toBe(buildCheckBase(store).index.stats.nearMissTargets);
      for (const i of answer.issues) seen.add(i.replace(/@\d+-\d+/, ''));
      previous = view;
    }
    // The chain went through the states it meant to: slips of names added since the base found.
    expect([...seen]).toEqual(expect.arrayContaining(['non-standard-name:粮食安全链试委员会→粮食安全链式测试委员会', 'non-standard-name:链式审查理会→链式审查理事会', 'non-standard-name:链式别名测式署→环境署']));
    // One view per edit, each from the one before: no rebuild in between.
    expect(live.counts.overlays - overlaysBefore).toBe(edits.length);
    expect(live.overlayConcepts()).toBe(3);
  });
});

describe('the persisted base', () => {
  it('loaded from its file (views on its arrays), answers as the base it was written from, slips of names included', () => {
    const live = liveTermIndex(store);
    live.rebuild();
    const built = buildCheckBase(store);
    const file = path.join(dir, 'written.check.index');
    writeBundle(file, checkBundle(built));
    const loaded = loadCheckBase(store, file)!;
    expect(loaded.index).not.toBe(built.index);
    expect(loaded.index.nearMiss.targetCount).toBe(built.index.nearMiss.targetCount);
    const draft = `${seedText('000').split('\n').slice(0, 30).join('\n')}\n国际货币组织的报告。世界卫生组识的意见。国际电讯联盟的决定。联合国开发计划属的方案。`;
    const a = checkDraft(loaded.index, draft);
    const b = checkDraft(built.index, draft);
    expect(a.issues.some((i) => i.rule === 'non-standard-name')).toBe(true);
    expect(a.issues).toEqual(b.issues);
    expect(a.concepts).toEqual(b.concepts);
    // What a check reads by key and by id is the same, object for object.
    for (const key of ['世界卫生组织', '世卫组织', 'WHO', '联合国']) expect(loaded.index.patternByKey(key)).toEqual(built.index.patternByKey(key));
    const some = [...built.index.concepts.keys()].slice(0, 50);
    for (const id of some) expect(loaded.index.concept(id)).toEqual(built.index.concept(id));
    expect(loaded.index.concept(-5)).toBeUndefined();
  });

  it('a file written with other checker data (blocking words, name words, near-miss settings) is not used', () => {
    const built = buildCheckBase(store);
    const file = path.join(dir, 'other-data.check.index');
    const bundle = checkBundle(built);
    writeBundle(file, { ...bundle, meta: { ...bundle.meta, dataHash: (bundle.meta.dataHash + 1) >>> 0 } });
    const written: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => written.push(String(chunk)) > 0) as typeof process.stderr.write;
    try {
      expect(loadCheckBase(store, file)).toBeUndefined();
    } finally {
      process.stderr.write = write;
    }
    expect(written.join('')).toMatch(/other data files/);
  });
});

describe('the near-miss index of a view (a fork of the base, copy on write)', () => {
  // Slips of glossary names (one character dropped, added or typed as a homophone), and the names.
  const slips = '国际货币组织的报告。世界卫生组识的意见。国际电讯联盟的决定。联合国开发计划属的方案。联合国儿童基金的工作。';
  const names = '国际货币基金组织、世界卫生组织、国际电信联盟、联合国开发计划署、联合国儿童基金会';
  const candidates = (ix: NearMissIndex, text: string) =>
    ix
      .find({ text, breakBefore: new Uint8Array(text.length + 1), boundaryOk: () => true, isKnownName: () => false })
      .map((c) => `${c.start}-${c.end}:${c.target.term.id}:${c.distance}`)
      .sort();
  const concepts = () => termIndexFor(store).concepts as Map<number, IndexedConcept>;

  it('a fork with names removed and added finds what a build over the same names finds; its original is unchanged', () => {
    const all = [...concepts().values()];
    const base = buildNearMissIndex(all, checkData());
    const before = candidates(base, slips + names);
    // The fork loses the names of every third concept that has targets and gains them back under
    // other ids (as an edit that replaced them would), and loses a few others for good.
    const withTargets = all.filter((c) => c.terms.some((t) => candidates(base, slips).some((x) => x.includes(`:${t.id}:`))));
    expect(withTargets.length).toBeGreaterThan(2);
    const dropped = new Set([withTargets[0].id]);
    const fork = base.fork();
    for (const id of dropped) for (const t of concepts().get(id)!.terms) fork.remove(t.id);
    const renamed = withTargets.slice(1).map((c) => ({ ...c, terms: c.terms.map((t) => ({ ...t, id: t.id + 1_000_000 })) }));
    for (const c of withTargets.slice(1)) for (const t of c.terms) fork.remove(t.id);
    for (const c of renamed) for (const t of c.terms) fork.add(t, c);
    const kept = all.filter((c) => !dropped.has(c.id) && !withTargets.slice(1).includes(c));
    const rebuilt = buildNearMissIndex([...kept, ...renamed], checkData());
    expect(fork.targetCount).toBe(rebuilt.targetCount);
    expect(candidates(fork, slips + names)).toEqual(candidates(rebuilt, slips + names));
    expect(candidates(fork, slips).some((x) => x.includes(':100'))).toBe(true);
    // The base, which other views share, still has every name it had.
    expect(base.targetCount).toBe(buildNearMissIndex(all, checkData()).targetCount);
    expect(candidates(base, slips + names)).toEqual(before);
  });

  it('term ids outside the slot table (negative, beyond 16 million) are added, found and removed like others; base and fork searched in turns agree with fresh builds', () => {
    const all = [...concepts().values()];
    const base = buildNearMissIndex(all, checkData());
    const withTargets = all.filter((c) => c.terms.some((t) => candidates(base, slips).some((x) => x.includes(`:${t.id}:`))));
    const far = withTargets.map((c, i) => ({ ...c, terms: c.terms.map((t) => ({ ...t, id: i % 2 === 0 ? -t.id : t.id + 2 ** 25 })) }));
    const fork = base.fork();
    for (const c of withTargets) for (const t of c.terms) fork.remove(t.id);
    for (const c of far) for (const t of c.terms) fork.add(t, c);
    const rebuilt = buildNearMissIndex([...all.filter((c) => !withTargets.includes(c)), ...far], checkData());
    for (let round = 0; round < 3; round++) {
      expect(candidates(fork, slips)).toEqual(candidates(rebuilt, slips));
      expect(candidates(base, slips)).toEqual(candidates(buildNearMissIndex(all, checkData()), slips));
    }
    expect(candidates(fork, slips).some((x) => /:-\d+:/.test(x))).toBe(true);
    for (const c of far) for (const t of c.terms) fork.remove(t.id);
    expect(fork.targetCount).toBe(buildNearMissIndex(all.filter((c) => !withTargets.includes(c)), checkData()).targetCount);
  });

  it('forks of an index never searched share its weak lists: a view\'s first search builds none of its own', () => {
    const base = buildNearMissIndex(concepts().values(), checkData());
    const proto = NearMissIndex.prototype as unknown as { rebuildWeak: () => void };
    const original = proto.rebuildWeak;
    let builds = 0;
    proto.rebuildWeak = function (this: unknown) {
      builds++;
      original.call(this);
    };
    try {
      const views = [base.fork(), base.fork(), base.fork()];
      const before = builds;
      for (const view of views) expect(candidates(view, slips)).toEqual(candidates(views[0], slips));
      expect(builds - before).toBe(0);
      expect(before).toBeLessThanOrEqual(1);
    } finally {
      proto.rebuildWeak = original;
    }
  });

  it('a view finds a slip of a name added since its base, and no longer one of a name removed since', () => {
    const id = store.findTermsByText('世界卫生组织')[0].conceptId;
    const slipsOf = (text: string) => checkDraft(termIndexFor(store), text).issues.filter((i) => i.rule === 'non-standard-name').map((i) => i.text);
    const draft = '粮食安全实时测验委员会的报告。';
    expect(slipsOf(draft)).toEqual([]);
    const { term } = store.addAlias(id, '粮食安全实时测试委员会', { lang: 'zh-Hans' });
    const overlay = slipsOf(draft);
    expect(overlay).toEqual(['粮食安全实时测验委员会']);
    liveTermIndex(store).rebuild();
    expect(overlay).toEqual(slipsOf(draft));
    store.deleteTerm(term.id);
    expect(slipsOf(draft)).toEqual([]);
  });
});

describe('persisted index files', () => {
  it('a fresh process starts from the files (no rebuild) and applies the changes made since', () => {
    termIndexFor(store);
    lookupView(store);
    liveLookupIndex(store).rebuild();
    liveTermIndex(store).rebuild();
    const lookupFile = indexFilePath(store, 'lookup')!;
    const checkFile = indexFilePath(store, 'check')!;
    expect(fs.existsSync(lookupFile) && fs.existsSync(checkFile)).toBe(true);
    const id = store.findTermsByText('UNCTAD')[0].conceptId;
    store.addAlias(id, '贸发持久化测试名', { lang: 'zh-Hans' });

    const s = otherConnection();
    try {
      const lookupLive = liveLookupIndex(s);
      const checkLive = liveTermIndex(s);
      expect(lookup(s, '贸发持久化测试名').results[0].conceptId).toBe(id);
      expect(checkDraft(termIndexFor(s), '贸发持久化测试名').concepts.map((c) => c.conceptId)).toContain(id);
      expect(lookupLive.counts).toMatchObject({ loaded: 1, built: 0 });
      expect(checkLive.counts).toMatchObject({ loaded: 1, built: 0 });
      expect(lookupLive.overlayConcepts()).toBe(1);
    } finally {
      s.db.close();
    }
  });

  it('a corrupt file is detected, reported and rebuilt', () => {
    const lookupFile = indexFilePath(store, 'lookup')!;
    const checkFile = indexFilePath(store, 'check')!;
    for (const f of [lookupFile, checkFile]) {
      const bytes = fs.readFileSync(f);
      bytes[bytes.length - 100] ^= 0xff;
      fs.writeFileSync(f, bytes);
    }
    const s = otherConnection();
    const written: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => written.push(String(chunk)) > 0) as typeof process.stderr.write;
    try {
      expect(lookup(s, 'UNCTAD').results[0].matched.text).toBe('UNCTAD');
      termIndexFor(s);
      expect(liveLookupIndex(s).counts).toMatchObject({ loaded: 0, built: 1 });
      expect(liveTermIndex(s).counts).toMatchObject({ loaded: 0, built: 1 });
    } finally {
      process.stderr.write = write;
      s.db.close();
    }
    expect(written.join('')).toMatch(/lookup-index|corrupt/);
    expect(written.join('')).toMatch(/checker index/);
    // Rebuilt files are whole again: the next process loads them.
    const t = otherConnection();
    try {
      lookup(t, 'UNCTAD');
      termIndexFor(t);
      expect(liveLookupIndex(t).counts.loaded).toBe(1);
      expect(liveTermIndex(t).counts.loaded).toBe(1);
    } finally {
      t.db.close();
    }
  });

  it('a truncated file, a file ahead of its database, and a file of another database are not used', async () => {
    const lookupFile = indexFilePath(store, 'lookup')!;
    const counts = (dbFile: string) => {
      const s = new Store(openDatabase(dbFile));
      const write = process.stderr.write.bind(process.stderr);
      process.stderr.write = (() => true) as typeof process.stderr.write;
      try {
        expect(lookup(s, 'UNCTAD').results[0].matched.text).toBe('UNCTAD');
        return liveLookupIndex(s).counts;
      } finally {
        process.stderr.write = write;
        s.db.close();
      }
    };
    const good = fs.readFileSync(lookupFile);
    fs.writeFileSync(lookupFile, good.subarray(0, good.length - 8));
    expect(counts(file)).toMatchObject({ loaded: 0, built: 1 });

    // An older copy of this database (same id, as a copy made with cp would keep), beside an
    // index file built after more writes: the file is ahead of the database and must not be used.
    const old = path.join(dir, 'old.sqlite');
    await store.db.backup(old);
    store.addAlias(store.findTermsByText('UNCTAD')[0].conceptId, 'Live Index Ahead Test', { lang: 'en' });
    liveLookupIndex(store).rebuild();
    fs.copyFileSync(lookupFile, `${old}-lookup.index`);
    expect(counts(old)).toMatchObject({ loaded: 0, built: 1 });

    // termdesk backup gives its copy a database id of its own: an index file of the original is
    // not taken for the copy's, whatever the revisions.
    const copy = path.join(dir, 'copy.sqlite');
    await backupDatabase(store, copy);
    fs.copyFileSync(lookupFile, `${copy}-lookup.index`);
    expect(counts(copy)).toMatchObject({ loaded: 0, built: 1 });
    // The original still takes its own file.
    expect(counts(file)).toMatchObject({ loaded: 1, built: 0 });
  });
});

describe('index files elsewhere (TERMDESK_INDEX_DIR)', () => {
  it('go to the configured directory, named after the database, and are found there', () => {
    const indexDir = path.join(dir, 'indexes');
    fs.mkdirSync(indexDir);
    const first = otherConnection();
    try {
      configureLiveIndexes(first, { indexDir });
      lookup(first, 'UNCTAD');
      expect(fs.existsSync(path.join(indexDir, 'live.sqlite-lookup.index'))).toBe(true);
    } finally {
      first.db.close();
    }
    const second = otherConnection();
    try {
      configureLiveIndexes(second, { indexDir });
      lookup(second, 'UNCTAD');
      expect(liveLookupIndex(second).counts).toMatchObject({ loaded: 1, built: 0 });
    } finally {
      second.db.close();
    }
  });
});

describe('other connections and processes', () => {
  it('a write through another connection is applied by polling, off the request path, within a bounded time', async () => {
    const reader = otherConnection();
    const writer = otherConnection();
    try {
      configureLiveIndexes(reader, { pollMs: 50 });
      lookup(reader, 'UNCTAD');
      termIndexFor(reader);
      const id = writer.findTermsByText('UNCTAD')[0].conceptId;
      const written = writer.termRevision() + 1;
      writer.addAlias(id, '贸发轮询测试名', { lang: 'zh-Hans' });
      const started = Date.now();
      // The poller, not a lookup, brings the index up to the writer's revision.
      while (liveLookupIndex(reader).revision() !== written && Date.now() - started < 2000) await new Promise((r) => setTimeout(r, 10));
      expect(Date.now() - started).toBeLessThan(1000);
      expect(lookup(reader, '贸发轮询测试名').results[0].conceptId).toBe(id);
    } finally {
      liveLookupIndex(reader).stop();
      liveTermIndex(reader).stop();
      reader.db.close();
      writer.db.close();
    }
  });

  it('an import by another process (the CLI) is found by lookup and check here', () => {
    const reader = otherConnection();
    try {
      expect(lookup(reader, 'Live Index Imported Committee').results.some((r) => r.kind === 'exact')).toBe(false);
      termIndexFor(reader);
      const csv = path.join(dir, 'import.csv');
      fs.writeFileSync(csv, 'id,category,status,en full,zh-Hans full\nlive-1,body,approved,Live Index Imported Committee,实时索引导入委员会\n');
      const r = runCli(['--db', file, 'import', csv, '--quiet']);
      expect(r.code, r.stderr).toBe(0);
      expect(lookup(reader, 'Live Index Imported Committee').results[0].kind).toBe('exact');
      expect(checkDraft(termIndexFor(reader), '实时索引导入委员会').concepts).toHaveLength(1);
    } finally {
      reader.db.close();
    }
  });
});

describe('background builds', () => {
  it('answer 503-style (UnavailableError) until the first base is built in a worker, then the same as a build here', async () => {
    for (const f of [indexFilePath(store, 'lookup')!, indexFilePath(store, 'check')!]) fs.rmSync(f, { force: true });
    const s = otherConnection();
    try {
      configureLiveIndexes(s, { background: true });
      expect(() => lookup(s, 'UNCTAD')).toThrow(UnavailableError);
      expect(() => termIndexFor(s)).toThrow(UnavailableError);
      await liveLookupIndex(s).settled();
      await liveTermIndex(s).settled();
      expect(liveLookupIndex(s).counts).toMatchObject({ rebuiltInBackground: 1, built: 0, failures: 0 });
      expect(liveTermIndex(s).counts).toMatchObject({ rebuiltInBackground: 1, built: 0, failures: 0 });
      const draft = seedText('000').split('\n').slice(0, 30).join('\n');
      expect(lookup(s, '贸发会议').results.map((r) => r.conceptId)).toEqual(lookup(store, '贸发会议').results.map((r) => r.conceptId));
      expect(checkDraft(termIndexFor(s), draft).issues).toEqual(checkDraft(buildCheckBase(store).index, draft).issues);
      // The worker persisted what it built.
      expect(fs.existsSync(indexFilePath(store, 'lookup')!) && fs.existsSync(indexFilePath(store, 'check')!)).toBe(true);

      // A rebuild in the background keeps answering with the current view, then swaps.
      const id = s.findTermsByText('UNCTAD')[0].conceptId;
      s.addAlias(id, '贸发后台测试名', { lang: 'zh-Hans' });
      const before = lookupView(s);
      liveLookupIndex(s).rebuild();
      expect(lookup(s, '贸发后台测试名').results[0].conceptId).toBe(id);
      expect(lookupView(s).base).toBe(before.base);
      await liveLookupIndex(s).settled();
      expect(lookupView(s).base).not.toBe(before.base);
      expect(lookupView(s).overlay).toBeNull();
      expect(lookup(s, '贸发后台测试名').results[0].conceptId).toBe(id);
    } finally {
      s.db.close();
    }
  });

  it("a restarting server's order: lookups answered at once, the checker's index loaded after, checks meanwhile unavailable (503)", async () => {
    // Index files of this database, as a server that ran before left them.
    const previous = otherConnection();
    try {
      lookup(previous, 'UNCTAD');
      termIndexFor(previous);
    } finally {
      previous.db.close();
    }
    const s = otherConnection();
    try {
      configureLiveIndexes(s, { background: true });
      const { checker } = prepareIndexes(s);
      // Nothing has run on the event loop yet: lookups are answered, from the file.
      expect(lookup(s, '贸发会议').results[0]?.conceptId).toBe(lookup(store, '贸发会议').results[0].conceptId);
      expect(liveLookupIndex(s).counts).toMatchObject({ loaded: 1, built: 0, rebuiltInBackground: 0 });
      expect(() => termIndexFor(s)).toThrow(UnavailableError);
      // The checker's index loads after the server listens (reading the file, a turn, then the
      // base made of its arrays): other work runs meanwhile.
      let turns = 0;
      for (;;) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        try {
          termIndexFor(s);
          break;
        } catch (err) {
          expect(err).toBeInstanceOf(UnavailableError);
          expect(++turns).toBeLessThan(10_000);
        }
      }
      expect(turns).toBeGreaterThan(0);
      await checker;
      expect(liveTermIndex(s).counts).toMatchObject({ loaded: 1, built: 0, rebuiltInBackground: 0 });
      const draft = seedText('000').split('\n').slice(0, 30).join('\n');
      expect(checkDraft(termIndexFor(s), draft).issues).toEqual(checkDraft(buildCheckBase(store).index, draft).issues);
    } finally {
      s.db.close();
    }
  });

  it('a load in the background that finds no usable file builds in a worker; a store closed meanwhile stops it', async () => {
    fs.rmSync(indexFilePath(store, 'lookup')!, { force: true });
    const s = otherConnection();
    try {
      configureLiveIndexes(s, { background: true });
      const live = liveLookupIndex(s);
      const started = live.startInBackground();
      expect(() => live.current()).toThrow(UnavailableError);
      await started;
      expect(live.counts).toMatchObject({ loaded: 0, built: 0, rebuiltInBackground: 1 });
      expect(lookup(s, '贸发会议').results[0]?.conceptId).toBe(lookup(store, '贸发会议').results[0].conceptId);
    } finally {
      s.db.close();
    }
    const closed = otherConnection();
    configureLiveIndexes(closed, { background: true });
    const started = liveLookupIndex(closed).startInBackground();
    closed.db.close();
    await started;
    expect(liveLookupIndex(closed).counts).toMatchObject({ loaded: 0, built: 0, rebuiltInBackground: 0 });
  });

  it('a change too big to apply here is served by the previous view until its rebuild lands', async () => {
    const s = otherConnection();
    try {
      const live = new LiveIndex(s, { name: 'probe', build: (x) => ({ revision: x.termRevision() }), buildInBackground: async (x) => ({ revision: x.termRevision() }), view: (_x, base) => base.revision }, { background: true, persist: false }, { maxDeltaSteps: 2 });
      expect(() => live.current()).toThrow(UnavailableError);
      await live.settled();
      const first = live.current();
      const id = s.findTermsByText('UNCTAD')[0].conceptId;
      for (let i = 0; i < 3; i++) s.addAlias(id, `Live Big Change ${i}`, { lang: 'en' });
      expect(live.current()).toBe(first);
      await live.settled();
      expect(live.current()).toBe(s.termRevision());
    } finally {
      s.db.close();
    }
  });
});

describe('posting lists', () => {
  it('a direct table whose keys turn out sparse (an overlay of a few terms) is hashed, with the same answers, and survives its parts', () => {
    const pairs: Array<[number, number]> = [
      [5, 0],
      [1_400 * 1_024 + 7, 0],
      [5, 1],
      [100_000, 2],
      [3, 2],
      [1_400 * 1_024 + 7, 3],
    ];
    const builder = new PostingsBuilder(true);
    for (const [key, row] of pairs) builder.add(key, row);
    const postings = builder.finish();
    const parts = postings.parts();
    // Not a table as long as the largest key (megabytes for a handful of rows).
    expect(parts.table.length).toBeLessThan(100_000);
    for (const p of [postings, Postings.fromParts(parts)]) {
      expect(Array.from(p.get(5)!)).toEqual([0, 1]);
      expect(Array.from(p.get(1_400 * 1_024 + 7)!)).toEqual([0, 3]);
      expect(Array.from(p.get(100_000)!)).toEqual([2]);
      expect(Array.from(p.get(3)!)).toEqual([2]);
      expect(p.get(4)).toBeUndefined();
      expect(p.get(2_000_000)).toBeUndefined();
      expect(p.keyCount).toBe(4);
    }
    // Dense keys keep their direct table.
    const dense = new PostingsBuilder(true);
    for (let k = 0; k < 3_000; k++) dense.add(k, k);
    expect(dense.finish().parts().dense).toBe(true);
  });
});

describe('string columns read row by row', () => {
  it('give each row as it was packed, in any order, Chinese and English, missing rows from the fallback', () => {
    const values = ['联合国贸易和发展会议', undefined, 'unctad', '', '世界卫生组织', 'world health organization', undefined, '𠀀字'];
    const fallback = ['f0', 'from the keys', 'f2', 'f3', 'f4', 'f5', 'also from the keys', 'f7'];
    const column = new RowColumn(packStrings(values), fallback);
    expect(column.length).toBe(values.length);
    expect(column.hasMissing()).toBe(true);
    for (const i of [7, 4, 0, 1, 6, 3, 2, 5, 4, 1]) expect(column.at(i)).toBe(values[i] ?? fallback[i]);
    expect(column.at(-1)).toBeUndefined();
    expect(column.at(values.length)).toBeUndefined();
    const full = ['a', '联合国', 'b c'];
    const noFallback = new RowColumn(packStrings(full));
    expect(noFallback.hasMissing()).toBe(false);
    expect([2, 0, 1].map((i) => noFallback.at(i))).toEqual([2, 0, 1].map((i) => unpackStrings(packStrings(full))[i]));
    // All at once (a server), the same rows.
    const decoded = new RowColumn(packStrings(values), fallback);
    decoded.at(4);
    decoded.decodeAll();
    expect(values.map((_, i) => decoded.at(i))).toEqual(values.map((v, i) => v ?? fallback[i]));
  });
});
