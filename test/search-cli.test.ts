// `termdesk lookup` as a user runs it (the built CLI in a child process).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initDatabase } from '../src/setup.js';
import { runCli, tempStore } from './helpers.js';

let db: ReturnType<typeof tempStore>;

beforeAll(async () => {
  db = tempStore();
  await initDatabase(db.store, { seeds: false });
  db.store.db.close();
});
afterAll(() => db.cleanup());

describe('termdesk lookup', () => {
  it('prints the concept label, kind and score for Traditional input', () => {
    const r = runCli(['--db', db.file, 'lookup', '貿發會議']);
    expect(r.code, r.stderr).toBe(0);
    const first = r.stdout.split('\n')[0];
    expect(first).toContain('UNCTAD');
    expect(first).toContain('贸发会议');
    expect(first).toMatch(/exact 贸发会议; 1\.\d\d\]$/);
  });

  it('answers --json with the matched term, its highlight and every term of the concept', () => {
    const r = runCli(['--db', db.file, '--json', 'lookup', 'Untied Nations Developement Programme', '--limit', '3']);
    expect(r.code, r.stderr).toBe(0);
    const body = JSON.parse(r.stdout) as {
      query: string;
      results: Array<{ kind: string; matched: { text: string; highlight: Array<[number, number]> }; terms: Array<{ text: string }> }>;
    };
    expect(body.query).toBe('Untied Nations Developement Programme');
    expect(body.results.length).toBeLessThanOrEqual(3);
    const [first] = body.results;
    expect(first.kind).toBe('fuzzy');
    expect(first.matched.text).toBe('United Nations Development Programme');
    expect(first.matched.highlight.map(([a, b]) => first.matched.text.slice(a, b))).toEqual(['United', 'Nations', 'Development', 'Programme']);
    expect(first.terms.map((t) => t.text)).toContain('UNDP');
  });

  it('says so when nothing matches, and exits 2 on bad options', () => {
    const none = runCli(['--db', db.file, 'lookup', 'qqqqxxxxzzzz']);
    expect(none.code).toBe(0);
    expect(none.stdout.trim()).toBe('no match for "qqqqxxxxzzzz"');
    const bad = runCli(['--db', db.file, 'lookup', 'un', '--limit', '0']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    const empty = runCli(['--db', db.file, 'lookup', '  ']);
    expect(empty.code).toBe(2);
  });
});
