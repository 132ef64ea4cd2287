// Large, realistic exchange files for load and fault tests: a TBX v3 glossary and a TMX memory of
// n generated UN body names, e.g. "Intergovernmental Working Group on Digital Divide for Africa"
// = 非洲数字鸿沟政府间工作组. The names recombine real parts, the way bench/lookup.bench.ts grows
// its 100,000-concept glossary: body types, qualifiers and regions from
// test/fixtures/search/name-parts.json (its data, shared), topics from the reference glossary's
// concepts (glossary/*.tsv, category "concept") and countries (their short forms) as further
// regions. Deterministic for a given n and seed; names already in the reference glossary are
// left out, so an import of the file adds exactly n new concepts to a default database.
//
// Both writers stream (the project's own TBX v3 and TMX writers, chunk by chunk to disk), so a
// 100,000-concept file costs flat memory.
import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import type { ExchangeConcept } from '../src/domain/exchange.js';
import { writeTbx3 } from '../src/formats/tbx3.js';
import { serializeTmx, type TmxWriteUnit } from '../src/formats/tmx.js';
import { type RefConcept, readGlossaryDir } from '../src/reference/glossary.js';
import { seededRandom } from './eval.js';
import { GLOSSARY_DIR, PROJECT_ROOT } from '../src/paths.js';

const NAME_PARTS = path.join(PROJECT_ROOT, 'test', 'fixtures', 'search', 'name-parts.json');
const SENTENCES = path.join(PROJECT_ROOT, 'bench', 'data', 'generated-sentences.json');

type Pair = [en: string, zh: string];

interface NameParts {
  bodies: Pair[];
  qualifiers: Pair[];
  regions: Pair[];
  unPrefixShare: number;
}

export interface GeneratedName {
  /** Stable id: gen-<n>. */
  id: string;
  en: string;
  zh: string;
  /** Initials of the capitalised English words, when they make a plausible acronym (3–8 letters). */
  acronym: string | null;
}

/** The first preferred full form (else short form) of a reference concept in one language. */
function preferred(c: RefConcept, lang: 'en' | 'zh-Hans', types: readonly string[]): string | undefined {
  for (const type of types) {
    const t = c.terms.find((x) => x.lang === lang && x.type === type && x.status === 'preferred');
    if (t) return t.text;
  }
  return undefined;
}

/**
 * A cheap stand-in for normalizeKey (which converts scripts and costs ~40 µs a call): case,
 * hyphens and spaces folded. Enough here, as every part is Simplified Chinese or plain English.
 */
const fold = (text: string) => text.toLowerCase().replace(/[\s\-‐–]+/g, ' ').trim();

const LOWER_WORDS = new Set(['a', 'an', 'and', 'at', 'by', 'for', 'in', 'of', 'on', 'or', 'the', 'to', 'with']);

/** "digital divide" → "Digital Divide"; words already capitalised (ICT, States) stay as they are. */
function headline(text: string): string {
  return text
    .split(' ')
    .map((w, i) => (i > 0 && LOWER_WORDS.has(w) ? w : w.charAt(0).toUpperCase() + w.slice(1)))
    .join(' ');
}

function nameParts(): { parts: NameParts; topics: Pair[]; regions: Pair[]; taken: Set<string> } {
  const parts = JSON.parse(fs.readFileSync(NAME_PARTS, 'utf8')) as NameParts;
  const glossary = readGlossaryDir(GLOSSARY_DIR);
  const topics: Pair[] = [];
  const countries: Pair[] = [];
  const taken = new Set<string>();
  for (const c of glossary.concepts) {
    for (const t of c.terms) taken.add(fold(t.text));
    if (c.category === 'concept') {
      const en = preferred(c, 'en', ['fullForm']);
      const zh = preferred(c, 'zh-Hans', ['fullForm']);
      // Plain phrases only: no brackets, commas or digits (SDG numbers read oddly inside a name).
      if (en && zh && !/[(),\d]/.test(en) && !/[（），、\d]/.test(zh)) topics.push([headline(en), zh]);
    } else if (c.category === 'country') {
      const en = preferred(c, 'en', ['shortForm', 'fullForm']);
      const zh = preferred(c, 'zh-Hans', ['shortForm', 'fullForm']);
      if (en && zh && !/[(),]/.test(en)) countries.push([en, zh]);
    }
  }
  if (topics.length === 0) throw new Error(`no usable topics in ${GLOSSARY_DIR}`);
  return { parts, topics, regions: [...parts.regions, ...countries], taken };
}

/**
 * n distinct generated names (no English or Chinese name twice, none already in the reference
 * glossary). Throws if the parts cannot make n distinct names.
 */
export function* generateNames(n: number, seed = 2024): Generator<GeneratedName> {
  const { parts, topics, regions, taken } = nameParts();
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const seen = new Set<string>();
  let made = 0;
  let misses = 0;
  while (made < n) {
    const [topicEn, topicZh] = pick(topics);
    const [bodyEn, bodyZh] = pick(parts.bodies);
    const [qualEn, qualZh] = pick(parts.qualifiers);
    const [regionEn, regionZh] = pick(regions);
    const un = random() < parts.unPrefixShare;
    const en = `${un ? 'United Nations ' : ''}${qualEn ? `${qualEn} ` : ''}${bodyEn} on ${topicEn}${regionEn ? ` for ${regionEn}` : ''}`;
    const zh = `${un ? '联合国' : ''}${regionZh}${topicZh}${qualZh}${bodyZh}`;
    const enKey = fold(en);
    const zhKey = fold(zh);
    if (seen.has(enKey) || seen.has(zhKey) || taken.has(enKey) || taken.has(zhKey)) {
      if (++misses > 1000 + n * 10) throw new Error(`the name parts cannot make ${n} distinct names`);
      continue;
    }
    seen.add(enKey);
    seen.add(zhKey);
    const letters = en
      .split(/[\s-]+/)
      .filter((w) => /^[A-Z]/.test(w))
      .map((w) => w[0])
      .join('');
    const acronym = random() < 0.5 && letters.length >= 3 && letters.length <= 8 ? letters : null;
    yield { id: `gen-${made + 1}`, en, zh, acronym };
    made++;
  }
}

/** The generated names as exchange concepts (what a colleague's tool would export). */
export function* generateConcepts(n: number, seed = 2024): Generator<ExchangeConcept> {
  const random = seededRandom(seed + 1);
  for (const name of generateNames(n, seed)) {
    const term = (text: string, lang: 'en' | 'zh-Hans', type: 'fullForm' | 'acronym') => ({
      text,
      lang,
      type,
      status: 'preferred' as const,
      source: null,
      note: null,
      origin: null,
      verified: true,
      contexts: [],
    });
    const terms = [term(name.zh, 'zh-Hans', 'fullForm'), term(name.en, 'en', 'fullForm')];
    if (name.acronym) terms.push(term(name.acronym, 'en', 'acronym'));
    yield {
      id: name.id,
      category: 'body',
      subject: null,
      definition: null,
      note: null,
      reviewStatus: random() < 0.8 ? 'approved' : 'candidate',
      origin: null,
      createdAt: null,
      updatedAt: null,
      xrefs: [],
      terms,
      line: 0,
    };
  }
}

/** Writes string chunks to a file, waiting when the stream's buffer is full. */
async function writeChunks(file: string, chunks: Iterable<string>): Promise<void> {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const out = fs.createWriteStream(file);
  const closed = once(out, 'close');
  try {
    for (const chunk of chunks) {
      if (!out.write(chunk)) await Promise.race([once(out, 'drain'), closed]);
    }
  } finally {
    out.end();
  }
  await closed;
}

/** Writes a valid TBX v3 (TBX-Basic, DCA) glossary of n generated concepts, streaming to disk. */
export async function writeGeneratedTbx(file: string, n: number): Promise<void> {
  await writeChunks(file, writeTbx3(generateConcepts(n)));
}

/** n English–Chinese sentence pairs, each naming a different generated body. */
export function* generatePairs(n: number, seed = 2024): Generator<{ en: string; zh: string }> {
  const { frames } = JSON.parse(fs.readFileSync(SENTENCES, 'utf8')) as { frames: Pair[] };
  let i = 0;
  for (const name of generateNames(n, seed)) {
    const [en, zh] = frames[i % frames.length];
    const number = String(100 + (i % 900));
    yield { en: en.replace('{n}', number).replace('{en}', name.en), zh: zh.replace('{n}', number).replace('{zh}', name.zh) };
    i++;
  }
}

/** Writes a valid TMX 1.4b memory of n generated sentence pairs (en, zh-CN), streaming to disk. */
export async function writeGeneratedTmx(file: string, n: number): Promise<void> {
  function* units(): Generator<TmxWriteUnit> {
    let i = 0;
    for (const p of generatePairs(n)) {
      i++;
      yield {
        tuid: i,
        props: [{ type: 'x-document', value: `A/79/${100 + (i % 900)}` }],
        variants: [
          { lang: 'en', text: p.en },
          { lang: 'zh-CN', text: p.zh },
        ],
      };
    }
  }
  await writeChunks(file, serializeTmx(units()));
}
