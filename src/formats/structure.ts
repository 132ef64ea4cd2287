// Checking element order and nesting against TBX content models (src/formats/data/tbx-structure.json),
// so an import refuses a malformed file with the line and element, before anything is stored.
// The models are the DTD/RelaxNG content models of TBX v3 core and TBX v2; all of them are
// deterministic sequences of particles, so a greedy left-to-right match decides them.
import { shorten } from '../domain/quote.js';
import { formatsData } from './data.js';

interface ElementSpec {
  content: string;
  attributes?: string[];
}

interface SchemaSpec {
  extends?: string;
  groups?: Record<string, string>;
  inline?: string;
  elements: Record<string, ElementSpec>;
}

interface Particle {
  names: ReadonlySet<string>;
  label: string;
  min: number;
  max: number;
}

export type ContentModel =
  | { kind: 'elements'; particles: Particle[]; text: string }
  | { kind: 'mixed' }
  | { kind: 'text' }
  | { kind: 'empty' };

export interface ElementModel {
  content: ContentModel;
  attributes: string[];
}

/** A set of content models, e.g. TBX v3 core or TBX-Basic v2. */
export class ContentModels {
  private readonly models = new Map<string, ElementModel>();
  readonly inline: ReadonlySet<string>;

  constructor(name: string) {
    const all = formatsData<Record<string, SchemaSpec>>('tbx-structure.json');
    const spec = resolve(all, name);
    const groups = spec.groups ?? {};
    this.inline = new Set((spec.inline ?? '').split('|').filter(Boolean));
    for (const [element, e] of Object.entries(spec.elements)) {
      this.models.set(element, { content: parseContent(e.content, groups), attributes: e.attributes ?? [] });
    }
  }

  get(element: string): ElementModel | undefined {
    return this.models.get(element);
  }
}

function resolve(all: Record<string, SchemaSpec>, name: string): SchemaSpec {
  const spec = all[name];
  if (!spec) throw new Error(`no content models named ${name}`);
  if (!spec.extends) return spec;
  const base = resolve(all, spec.extends);
  return {
    groups: { ...base.groups, ...spec.groups },
    inline: spec.inline ?? base.inline,
    elements: { ...base.elements, ...spec.elements },
  };
}

/** Parses "term, (termNote|termNoteGrp)*, (%auxInfo)*" into particles. */
function parseContent(content: string, groups: Record<string, string>): ContentModel {
  if (content === '#mixed') return { kind: 'mixed' };
  if (content === '#text') return { kind: 'text' };
  if (content === '#empty') return { kind: 'empty' };
  const particles = content.split(',').map((raw) => {
    const m = /^\s*(\(([^)]*)\)|[%\w]+)([?*+]?)\s*$/.exec(raw);
    if (!m) throw new Error(`bad content model particle: ${raw}`);
    const alternatives = (m[2] ?? m[1]).split('|').flatMap((n) => {
      const name = n.trim();
      if (!name.startsWith('%')) return [name];
      const group = groups[name.slice(1)];
      if (!group) throw new Error(`unknown group ${name}`);
      return group.split('|');
    });
    const occurrence = m[3];
    return {
      names: new Set(alternatives),
      label: `${m[1]}${occurrence}`.replace(/%(\w+)/g, (_s, g: string) => groups[g]),
      min: occurrence === '?' || occurrence === '*' ? 0 : 1,
      max: occurrence === '*' || occurrence === '+' ? Infinity : 1,
    };
  });
  return { kind: 'elements', particles, text: content.replace(/%(\w+)/g, (_s, g: string) => groups[g]) };
}

/**
 * Follows one element's children through its content model. accept() and end() return a
 * message when the children do not fit, undefined when they do.
 */
export class ChildSequence {
  private index = 0;
  private count = 0;
  private previous: string | undefined;

  constructor(
    private readonly parent: string,
    private readonly model: ContentModel,
    private readonly inline: ReadonlySet<string>,
  ) {}

  accept(child: string): string | undefined {
    const m = this.model;
    if (m.kind === 'text' || m.kind === 'empty') return `<${shorten(child)}> is not allowed in <${shorten(this.parent)}>, which holds ${m.kind === 'text' ? 'only text' : 'nothing'}`;
    if (m.kind === 'mixed') {
      return this.inline.has(child) ? undefined : `<${shorten(child)}> is not allowed in <${shorten(this.parent)}>, which holds text`;
    }
    const ps = m.particles;
    if (!ps.some((p) => p.names.has(child))) return `<${shorten(child)}> is not allowed in <${shorten(this.parent)}> (content: ${m.text})`;
    while (this.index < ps.length) {
      const p = ps[this.index];
      if (p.names.has(child) && this.count < p.max) {
        this.count++;
        this.previous = child;
        return undefined;
      }
      if (this.count < p.min) {
        return `<${shorten(this.parent)}> needs ${p.label} before <${shorten(child)}> (content: ${m.text})`;
      }
      this.index++;
      this.count = 0;
    }
    // The child belongs to an earlier particle (or one already full).
    return `<${shorten(child)}> cannot come after <${shorten(this.previous)}> in <${shorten(this.parent)}> (content: ${m.text})`;
  }

  /** Text directly inside the element. */
  acceptText(): string | undefined {
    if (this.model.kind === 'elements' || this.model.kind === 'empty') return `text is not allowed directly in <${shorten(this.parent)}>`;
    return undefined;
  }

  end(): string | undefined {
    const m = this.model;
    if (m.kind !== 'elements') return undefined;
    for (let i = this.index; i < m.particles.length; i++) {
      const p = m.particles[i];
      const seen = i === this.index ? this.count : 0;
      if (seen < p.min) return `<${shorten(this.parent)}> is incomplete: it needs ${p.label} (content: ${m.text})`;
    }
    return undefined;
  }
}
