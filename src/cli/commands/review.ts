// termdesk review: the review queue on the command line. Lists candidates most frequent first with
// their forms, contexts, English and likely duplicates; approves, rejects, reopens and merges them;
// changes a form's type or status.
import type { Command, CommandContext } from '../command.js';
import { UsageError, intOption, stringOption } from '../command.js';
import { type QueuePage, type ReviewItem, reviewQueue } from '../../review/queue.js';
import { type ReviewAction, decide, editForm, mergeInto } from '../../review/actions.js';
import { reviewSources } from '../../review-sources.js';
import { isCategory } from '../../domain/types.js';
import { counted } from '../../domain/words.js';
import { stripMarkup } from '../../domain/markup.js';
import type { Store } from '../../store/repository.js';

const ACTION_FLAGS = ['approve', 'reject', 'reopen', 'merge', 'term'] as const;


/** The queue as text: one block per candidate. */
export function formatQueue(page: QueuePage): string[] {
  const c = page.counts;
  const lines = [
    `${counted(page.total, page.reviewStatus === 'candidate' ? 'candidate' : `${page.reviewStatus} concept`)} to review, most frequent first` +
      ` (${c.candidate} candidate, ${c.rejected} rejected, ${c.approved} approved in all)` +
      (page.items.length > 0 ? `; ${page.offset + 1}–${page.offset + page.items.length} shown` : ''),
  ];
  for (const item of page.items) lines.push('', ...formatItem(item));
  if (page.offset + page.items.length < page.total) lines.push('', `… ${page.total - page.offset - page.items.length} more (--offset ${page.offset + page.items.length})`);
  return lines;
}

function formatItem(item: ReviewItem): string[] {
  const lines = [`#${item.conceptId}  ${item.label}  [${item.category}; ${counted(item.frequency, 'occurrence')} in ${counted(item.documents, 'document')}]`];
  for (const f of item.forms) lines.push(`    term ${String(f.termId).padEnd(6)} ${f.lang.padEnd(7)} ${f.type.padEnd(12)} ${f.status.padEnd(10)} ${f.text}`);
  const en = [
    ...item.english.terms.map((t) => `${t} (in the text)`),
    ...(item.english.original ? [`${item.english.original} (original name)`] : []),
    ...item.english.glossary.map((g) => `${g.text} (glossary #${g.conceptId})`),
    ...item.english.tm.map((t) => `${t.text} (TM, Dice ${t.dice.toFixed(2)}, ${t.together} of ${t.segments} segments)`),
  ];
  lines.push(`    English: ${en.length > 0 ? en.join('; ') : '—'}`);
  for (const d of item.duplicates) {
    const suggested = item.suggestedMerge?.conceptId === d.conceptId ? '  ← suggested merge' : '';
    lines.push(`    may duplicate #${d.conceptId} ${d.label} [${d.reviewStatus}; ${d.kind} ${d.matched}]${suggested}`);
  }
  for (const o of item.contexts) lines.push(`    ${o.document}:${o.start}  ${stripMarkup(o.context).replace(/\s+/g, ' ')}`);
  return lines;
}

function conceptIds(store: Store, refs: string[]): number[] {
  if (refs.length === 0) throw new UsageError('give the concept ids (numbers or reference ids) after the action');
  return refs.map((r) => store.resolveConceptRef(r));
}

async function runAction(ctx: CommandContext, action: (typeof ACTION_FLAGS)[number]): Promise<void> {
  const store = await ctx.store();
  if (action === 'merge') {
    if (ctx.positionals.length !== 2) throw new UsageError('--merge takes two concept ids: FROM INTO');
    const [from, into] = conceptIds(store, ctx.positionals);
    const result = mergeInto(store, from, into);
    if (ctx.json) ctx.printJson(result);
    else ctx.out(`merged #${result.removed} into #${result.target}: ${counted(result.termsMoved, 'term')} moved, ${result.termsMerged} already there`);
    return;
  }
  if (action === 'term') {
    if (ctx.positionals.length > 0) throw new UsageError('--term takes one term id; change one form at a time');
    const raw = stringOption(ctx, 'term')!;
    if (!/^\d{1,15}$/.test(raw)) throw new UsageError(`--term needs a term id (a number shown by review --list), not "${raw}"`);
    const term = editForm(store, Number(raw), { type: stringOption(ctx, 'type'), status: stringOption(ctx, 'status') });
    if (ctx.json) ctx.printJson({ term });
    else ctx.out(`term ${term.id} of #${term.conceptId}: ${term.text} is now ${term.type}, ${term.status}`);
    return;
  }
  const result = decide(store, action as ReviewAction, conceptIds(store, ctx.positionals));
  if (ctx.json) ctx.printJson(result);
  else {
    const unchanged = result.ids.length - result.changed;
    ctx.out(`${counted(result.changed, 'concept')} ${result.reviewStatus}${unchanged > 0 ? ` (${unchanged} already ${result.reviewStatus})` : ''}: ${result.ids.map((id) => `#${id}`).join(' ')}`);
  }
}

export const reviewCommand: Command = {
  name: 'review',
  summary: 'review candidates: list them most frequent first, approve, reject, merge, fix a form',
  usage: 'review [--list] [--rejected] [--limit N] [--offset N] | --approve ID... | --reject ID... | --reopen ID... | --merge FROM INTO | --term ID [--type T] [--status S]',
  options: {
    list: { type: 'boolean', description: 'list the queue (the default)' },
    rejected: { type: 'boolean', description: 'list the rejected concepts instead of the candidates' },
    category: { type: 'string', arg: 'C', description: 'only concepts of this category' },
    limit: { type: 'string', arg: 'N', description: 'at most N concepts (default 20, at most 200)' },
    offset: { type: 'string', arg: 'N', description: 'skip the first N' },
    contexts: { type: 'string', arg: 'N', description: 'contexts shown per concept (default 2)' },
    approve: { type: 'boolean', description: 'approve the concepts given as arguments' },
    reject: { type: 'boolean', description: 'reject them (kept as rejected: a later ingest does not propose them again)' },
    reopen: { type: 'boolean', description: 'put them back in the queue as candidates' },
    merge: { type: 'boolean', description: 'merge concept FROM into concept INTO' },
    term: { type: 'string', arg: 'ID', description: 'change the term with this id (with --type and/or --status)' },
    type: { type: 'string', arg: 'T', description: 'fullForm, shortForm, acronym, abbreviation or variant' },
    status: { type: 'string', arg: 'S', description: 'preferred, admitted or deprecated' },
  },
  help: [
    'IDs are concept numbers (#2573 or 2573) or reference ids (unctad).',
    '',
    'Examples:',
    '  termdesk review --limit 5                 the five most frequent candidates',
    '  termdesk review --approve 2592 2620       approve two candidates',
    '  termdesk review --reject 2573 2563        reject generic words',
    '  termdesk review --merge 2569 354          merge candidate 2569 into concept 354',
    '  termdesk review --term 7501 --type shortForm',
  ],
  async run(ctx) {
    const actions = ACTION_FLAGS.filter((a) => ctx.options[a] !== undefined && ctx.options[a] !== false);
    if (actions.length > 1) throw new UsageError(`choose one of --${actions.join(', --')}`);
    if (actions.length === 1) {
      if (ctx.options.list || ctx.options.rejected) throw new UsageError(`--list and --${actions[0]} do not go together`);
      await runAction(ctx, actions[0]);
      return;
    }
    if (ctx.options.type !== undefined || ctx.options.status !== undefined) throw new UsageError('--type and --status go with --term ID');
    if (ctx.positionals.length > 0) throw new UsageError(`unexpected argument "${ctx.positionals[0]}"; to act on concepts use --approve, --reject, --reopen or --merge`);
    const category = stringOption(ctx, 'category');
    if (category !== undefined && !isCategory(category)) throw new UsageError(`unknown --category "${category}"`);
    const store = await ctx.store();
    const page = reviewQueue(store, reviewSources(store), {
      reviewStatus: ctx.options.rejected ? 'rejected' : 'candidate',
      category,
      limit: intOption(ctx, 'limit', 20, 1, 200),
      offset: intOption(ctx, 'offset', 0, 0, 10_000_000),
      contexts: intOption(ctx, 'contexts', 2, 0, 50),
    });
    if (ctx.json) ctx.printJson(page);
    else for (const line of formatQueue(page)) ctx.out(line);
  },
};
