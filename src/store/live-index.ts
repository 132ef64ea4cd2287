// Keeping an in-memory index in step with the store, the same way for the lookup index and the
// checker's automaton (each feature supplies how to build, persist and overlay its own index):
//
//   base     a full build at some term revision: loaded from the file persisted beside the database
//            when that file belongs to this database, else built (on this thread, or in a worker);
//   overlay  the concepts changed since the base, read again from the store: when the revision
//            moves, the change log (Store.termChangesSince) says which concepts changed, and only
//            those are read and indexed. A write is seen by the next lookup or check in the same
//            process at once, and by other processes at their next poll;
//   rebuild  when the overlay grows large or a change is too big to apply as one (an import), a
//            full build runs in a worker thread while the current view keeps answering, and is
//            swapped in whole with the changes made meanwhile applied on top.
//
// One-off commands and tests build on their own thread (nothing else is waiting for them); the
// server turns on background builds and polling with configureLiveIndexes().
import path from 'node:path';
import { UnavailableError } from '../domain/types.js';
import type { Store } from './repository.js';

/**
 * The file an index called `name` is persisted in: beside the database, or in the configured
 * index directory (where the database's directory cannot take other files, as on a LiteFS mount);
 * none for an in-memory database.
 */
export function indexFilePath(store: Store, name: string): string | undefined {
  if (store.db.memory || !store.db.name) return undefined;
  const db = path.resolve(store.db.name);
  const dir = liveIndexOptions(store).indexDir;
  return dir ? path.join(path.resolve(dir), `${path.basename(db)}-${name}.index`) : `${db}-${name}.index`;
}

export interface LiveIndexOptions {
  /** Full builds run in a worker while the current view answers (the server). */
  background: boolean;
  /** Look for other processes' writes this often, off the request path (0: only when asked). */
  pollMs: number;
  /** Start from, and write, the index file beside the database. */
  persist: boolean;
  /** Where index files go instead of beside the database (TERMDESK_INDEX_DIR). */
  indexDir?: string;
}

const DEFAULT_OPTIONS: LiveIndexOptions = { background: false, pollMs: 0, persist: true };
const configured = new WeakMap<Store, Partial<LiveIndexOptions>>();

/** Sets how the store's indexes are kept (before their first use; the server calls this). */
export function configureLiveIndexes(store: Store, options: Partial<LiveIndexOptions>): void {
  configured.set(store, { ...configured.get(store), ...options });
}

export function liveIndexOptions(store: Store): LiveIndexOptions {
  return { ...DEFAULT_OPTIONS, ...configured.get(store) };
}

export interface LiveIndexSpec<B extends { revision: number }, V> {
  /** For messages: "lookup", "checker". */
  name: string;
  /** A full build from the store, on this thread. */
  build(store: Store): B;
  /**
   * The persisted base of this store, if there is a usable one (never throws for a bad file), in
   * steps each short enough to run between requests: the server loads an index after it has
   * started listening, while other requests are answered; anyone else runs them all (runSteps).
   */
  load?(store: Store): Generator<void, B | undefined>;
  /** Persists a base built on this thread (may throw; the caller carries on without the file). */
  save?(store: Store, base: B): void;
  /** A full build in a worker thread, persisted there; resolves when the base is ready to use. */
  buildInBackground?(store: Store): Promise<B>;
  /**
   * The view searched: `base` with the current state of the `changed` concepts. `delta` are the
   * concepts changed since `previous`, the view being replaced (same base), whose work may be reused.
   */
  view(store: Store, base: B, changed: ReadonlySet<number>, delta: readonly number[], previous: V | undefined): V;
}

export interface LiveIndexLimits {
  /** Most change-log steps applied as an overlay in one go; beyond that, a full build. */
  maxDeltaSteps: number;
  /** Changed concepts in the overlay from which a background rebuild is started. */
  rebuildAtConcepts: number;
}

/** Applying a few hundred concepts takes milliseconds; the server keeps request-path work that small. */
const BACKGROUND_LIMITS: LiveIndexLimits = { maxDeltaSteps: 5_000, rebuildAtConcepts: 1_000 };
/** A one-off command waits anyway: an overlay of tens of thousands of terms still beats a full build. */
const FOREGROUND_LIMITS: LiveIndexLimits = { maxDeltaSteps: 60_000, rebuildAtConcepts: Number.POSITIVE_INFINITY };
/**
 * Change-log steps kept for readers that are behind (a reader further behind rebuilds); the log
 * is pruned once it holds twice as many, after a background rebuild (rare, and off requests).
 */
export const CHANGE_LOG_KEEP = 1_000_000;
/** After a failed background build, the next attempt waits this long. */
const RETRY_AFTER_FAILURE_MS = 30_000;

interface State<B, V> {
  base: B;
  changed: Set<number>;
  view: V;
  /** The term revision the view reflects. */
  revision: number;
}

export class LiveIndex<B extends { revision: number }, V> {
  private state: State<B, V> | undefined;
  /** A load in steps or a first build started by startInBackground(), until the first base is in. */
  private starting: Promise<void> | undefined;
  private rebuilding: Promise<void> | undefined;
  private rebuildAgain = false;
  private lastFailure = 0;
  private poller: NodeJS.Timeout | undefined;
  readonly options: LiveIndexOptions;
  readonly limits: LiveIndexLimits;
  /** What happened, for reports and tests: full builds here and in the background, overlays applied. */
  readonly counts = { built: 0, loaded: 0, rebuiltInBackground: 0, overlays: 0, failures: 0 };

  constructor(
    private readonly store: Store,
    private readonly spec: LiveIndexSpec<B, V>,
    options: Partial<LiveIndexOptions> = {},
    limits?: Partial<LiveIndexLimits>,
  ) {
    this.options = { ...liveIndexOptions(store), ...options };
    this.limits = { ...(this.options.background ? BACKGROUND_LIMITS : FOREGROUND_LIMITS), ...limits };
    if (this.options.pollMs > 0) {
      this.poller = setInterval(() => this.poll(), this.options.pollMs);
      this.poller.unref();
    }
  }

  /**
   * The current view, with every change the store has committed applied (in background mode a
   * change too big to apply here is served by the previous view until its rebuild lands).
   * Throws UnavailableError while a background build of the very first base runs.
   */
  current(): V {
    if (!this.state) {
      if (this.starting) throw new UnavailableError(`the ${this.spec.name} index is being loaded; try again in a moment`, 1);
      this.start();
    }
    if (this.store.termRevision() !== this.state!.revision) this.catchUp();
    return this.state!.view;
  }

  /** The base under the current view (for reports). */
  base(): B {
    this.current();
    return this.state!.base;
  }

  /** The term revision the current view reflects (undefined before the first base). */
  revision(): number | undefined {
    return this.state?.revision;
  }

  /** Concepts served from the overlay. */
  overlayConcepts(): number {
    return this.state?.changed.size ?? 0;
  }

  /** Resolves when no background load or build is running (tests, benchmarks). */
  async settled(): Promise<void> {
    while (this.starting || this.rebuilding) await (this.starting ?? this.rebuilding);
  }

  /** Starts a full rebuild in the background (or here, without one), as after a big import. */
  rebuild(): void {
    if (this.options.background && this.spec.buildInBackground) this.scheduleRebuild();
    else this.adopt(this.buildHere());
  }

  /**
   * Readies the index without holding the event loop for long (the server, after it has started
   * listening): the persisted base is loaded a step per turn of the event loop, or else built in
   * the background. Meanwhile current() throws UnavailableError (a 503 with Retry-After). Never
   * rejects: a failure is reported, and the next current() tries again the ordinary way.
   */
  startInBackground(): Promise<void> {
    if (this.state) return Promise.resolve();
    this.starting ??= this.loadInSteps()
      .catch((err) => report(this.spec.name, 'could not load the index', err))
      .finally(() => {
        this.starting = undefined;
      });
    return this.starting;
  }

  private async loadInSteps(): Promise<void> {
    // Not even the first step on the caller's turn (the server is about to listen).
    await nextTurn();
    if (!this.store.db.open) return;
    if (this.options.persist && this.spec.load) {
      const steps = this.spec.load(this.store);
      for (let r = steps.next(); ; r = steps.next()) {
        if (r.done) {
          if (r.value && !this.state) {
            this.counts.loaded++;
            this.adopt(r.value);
          }
          if (this.state) return;
          break;
        }
        await nextTurn();
        if (!this.store.db.open) return;
      }
    }
    if (this.options.background && this.spec.buildInBackground) {
      this.scheduleRebuild();
      while (this.rebuilding) await this.rebuilding;
      return;
    }
    if (!this.state && this.store.db.open) this.start();
  }

  stop(): void {
    if (this.poller) clearInterval(this.poller);
    this.poller = undefined;
  }

  private poll(): void {
    if (!this.state) return;
    try {
      if (this.store.db.open) this.current();
      else this.stop();
    } catch (err) {
      report(this.spec.name, 'could not apply changes', err);
    }
  }

  private start(): void {
    if (this.options.persist && this.spec.load) {
      const base = runSteps(this.spec.load(this.store));
      if (base) {
        this.counts.loaded++;
        this.adopt(base);
        return;
      }
    }
    if (this.options.background && this.spec.buildInBackground && Date.now() - this.lastFailure > RETRY_AFTER_FAILURE_MS) {
      this.scheduleRebuild();
      throw new UnavailableError(`the ${this.spec.name} index is being built; try again in a few seconds`, 5);
    }
    this.adopt(this.buildHere());
  }

  private buildHere(): B {
    const base = this.spec.build(this.store);
    this.counts.built++;
    if (this.options.persist && this.spec.save) {
      try {
        this.spec.save(this.store, base);
      } catch (err) {
        report(this.spec.name, 'could not save the index file', err);
      }
    }
    return base;
  }

  /** Makes `base` the base, with the changes since it applied (or a rebuild started when too many). */
  private adopt(base: B): void {
    const changes = this.store.termChangesSince(base.revision, this.limits.maxDeltaSteps);
    if (!changes) {
      if (this.options.background && this.spec.buildInBackground) {
        // Serve what there is (if nothing better) while a fresh base is built.
        if (!this.state) this.state = { base, changed: new Set(), view: this.spec.view(this.store, base, new Set(), [], undefined), revision: base.revision };
        if (this.rebuilding) this.rebuildAgain = true;
        else this.scheduleRebuild();
        return;
      }
      this.adopt(this.buildHere());
      return;
    }
    const changed = new Set(changes.conceptIds);
    this.state = { base, changed, view: this.spec.view(this.store, base, changed, changes.conceptIds, undefined), revision: changes.revision };
    if (changed.size > 0) this.counts.overlays++;
  }

  private catchUp(): void {
    const state = this.state!;
    const changes = this.store.termChangesSince(state.revision, this.limits.maxDeltaSteps);
    if (!changes) {
      if (this.options.background && this.spec.buildInBackground) this.scheduleRebuild();
      else this.adopt(this.buildHere());
      return;
    }
    const changed = new Set(state.changed);
    for (const id of changes.conceptIds) changed.add(id);
    const view = this.spec.view(this.store, state.base, changed, changes.conceptIds, state.view);
    this.state = { base: state.base, changed, view, revision: changes.revision };
    this.counts.overlays++;
    if (changed.size >= this.limits.rebuildAtConcepts) {
      if (this.options.background && this.spec.buildInBackground) this.scheduleRebuild();
      else this.adopt(this.buildHere());
    }
  }

  private scheduleRebuild(): void {
    if (this.rebuilding || !this.spec.buildInBackground) return;
    if (Date.now() - this.lastFailure < RETRY_AFTER_FAILURE_MS) return;
    this.rebuildAgain = false;
    this.rebuilding = this.spec
      .buildInBackground(this.store)
      .then(
        (base) => {
          if (!this.store.db.open) return;
          this.counts.rebuiltInBackground++;
          // Never go back to an older base than the one in use.
          if (this.state && base.revision < this.state.base.revision) return;
          this.adopt(base);
          try {
            if (!this.store.db.readonly) this.store.pruneTermChanges(CHANGE_LOG_KEEP, CHANGE_LOG_KEEP);
          } catch (err) {
            // Locked by another writer: the next rebuild prunes.
            report(this.spec.name, 'could not prune the change log', err);
          }
        },
        (err) => {
          this.counts.failures++;
          this.lastFailure = Date.now();
          report(this.spec.name, 'background build failed', err);
        },
      )
      .finally(() => {
        this.rebuilding = undefined;
        if (this.rebuildAgain && this.store.db.open) this.scheduleRebuild();
      });
  }
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Runs a stepwise job (a load that may yield to the event loop between steps) to its end. */
export function runSteps<T>(steps: Generator<void, T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

const liveIndexes = new WeakMap<LiveIndexSpec<never, unknown>, WeakMap<Store, LiveIndex<never, unknown>>>();

/**
 * The store's live index of a kind (one per store and spec, made on first use with the store's
 * configured options). An in-memory database builds on this thread: a worker cannot open it.
 */
export function liveIndexOf<B extends { revision: number }, V>(store: Store, spec: LiveIndexSpec<B, V>): LiveIndex<B, V> {
  const key = spec as unknown as LiveIndexSpec<never, unknown>;
  let byStore = liveIndexes.get(key);
  if (!byStore) liveIndexes.set(key, (byStore = new WeakMap()));
  let index = byStore.get(store) as LiveIndex<B, V> | undefined;
  if (!index) {
    index = new LiveIndex(store, store.db.memory ? { ...spec, buildInBackground: undefined } : spec);
    byStore.set(store, index as unknown as LiveIndex<never, unknown>);
  }
  return index;
}

function report(name: string, what: string, err: unknown): void {
  process.stderr.write(`termdesk: ${name} index: ${what}: ${(err as Error)?.message ?? String(err)}\n`);
}
