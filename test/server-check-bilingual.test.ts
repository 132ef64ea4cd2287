// The bilingual check over HTTP: POST /api/check with an XLIFF upload (1.2, 2.x) or JSON aligned
// texts answers the CLI's --json shape (findings with "segment", the segments' texts), under the
// draft check's limits (upload size, findings per answer, large inputs in the worker), and only to
// a TermDesk page (form token) or a client sending a header a form cannot; the Check page's
// bilingual form, without JavaScript. The sentences are real UN text (the UN dev set).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './e2e/server.js';
import { type SentencePair as Pair, devsetFile as devset, devsetPair, xliff12, xliff2 } from './fixtures/check/bilingual.js';

interface Issue {
  rule: string;
  segment: string;
  in?: string;
  text: string;
  suggestion: string | null;
  start: number;
  end: number;
}
interface Answer {
  issues: Issue[];
  segments: Array<{ id: string; source: string; target: string | null }>;
  summary: { total: number; segments: { total: number; checked: number; untranslated: number; withFindings: number } };
  omittedIssues: number;
}

describe.skipIf(!devset)('POST /api/check: bilingual', () => {
  let server: TestServer;
  // 2015/e/cn_6/2015/ngo/260: "According to the World Health Organization, …" / 根据世界卫生组织的信息，…
  let who: Pair;
  // 2015/a/res/69/170: "… special procedures of the Human Rights Council …" / …人权理事会特别程序…
  let hrc: Pair;
  // The WHO sentence as a translator might leave it: the organization's name not translated.
  let whoDropped: Pair;

  beforeAll(async () => {
    server = await startTestServer({ seeds: false, config: { uploadLimit: 256 * 1024 } });
    who = devsetPair('2015/e/cn_6/2015/ngo/260', 'According to the World Health Organization');
    hrc = devsetPair('2015/a/res/69/170', '4. Invites the human rights treaty bodies');
    expect(who.zh).toContain('世界卫生组织');
    expect(hrc.zh).toContain('人权理事会');
    whoDropped = { en: who.en, zh: who.zh.replace('世界卫生组织', '该组织') };
  });
  afterAll(() => server?.stop());

  const upload = (field: string, name: string, content: string, headers: Record<string, string> = { 'x-requested-with': 'termdesk' }, query = '') => {
    const form = new FormData();
    form.append(field, new Blob([content]), name);
    return fetch(`${server.url}/api/check${query}`, { method: 'POST', body: form, headers });
  };
  const missing = (a: Answer) => a.issues.filter((i) => i.rule === 'missing-equivalent');

  it('checks an XLIFF 1.2 upload segment by segment: missing-equivalent with its segment, both texts', async () => {
    const res = await upload('xliff', 'report.xlf', xliff12([{ id: 'tu-hrc', ...hrc }, { id: 'tu-who', ...whoDropped }]));
    expect(res.status).toBe(200);
    const answer = (await res.json()) as Answer;
    expect(missing(answer)).toEqual([expect.objectContaining({ segment: 'tu-who', in: 'source', text: 'World Health Organization', suggestion: '世界卫生组织' })]);
    const finding = missing(answer)[0];
    expect(who.en.slice(finding.start, finding.end)).toBe('World Health Organization');
    expect(answer.issues.every((i) => typeof i.segment === 'string')).toBe(true);
    expect(answer.segments.find((s) => s.id === 'tu-who')).toEqual({ id: 'tu-who', source: whoDropped.en, target: whoDropped.zh });
    expect(answer.summary.segments).toEqual({ total: 2, checked: 2, untranslated: 0, withFindings: new Set(answer.issues.map((i) => i.segment)).size });
    expect(answer.omittedIssues).toBe(0);
    // The faithful translation has no missing equivalent.
    const faithful = (await (await upload('xliff', 'report.xlf', xliff12([{ id: 'tu-who', ...who }]))).json()) as Answer;
    expect(missing(faithful)).toEqual([]);
  });

  it('checks an XLIFF 2.0 upload; a .xlf sent as the "draft" file is read as XLIFF too', async () => {
    const file = xliff2([{ id: 'u1', ...whoDropped }, { id: 'u2', ...hrc }]);
    for (const field of ['xliff', 'draft']) {
      const res = await upload(field, 'report.xliff', file);
      expect(res.status).toBe(200);
      const answer = (await res.json()) as Answer;
      expect(missing(answer).map((i) => [i.segment, i.text])).toEqual([['u1', 'World Health Organization']]);
    }
  });

  it('checks aligned texts sent as JSON { source, target }: the segment is the line number', async () => {
    const res = await fetch(`${server.url}/api/check`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ source: `${hrc.en}\n${whoDropped.en}\n`, target: `${hrc.zh}\n${whoDropped.zh}\n` }),
    });
    expect(res.status).toBe(200);
    const answer = (await res.json()) as Answer;
    expect(missing(answer)).toEqual([expect.objectContaining({ segment: '2', in: 'source', text: 'World Health Organization' })]);
    expect(answer.segments.find((s) => s.id === '2')?.target).toBe(whoDropped.zh);
  });

  it('answers the report formats for a bilingual check (HTML by segment, CSV with a segment column)', async () => {
    const file = xliff12([{ id: 'tu-who', ...whoDropped }]);
    const html = await (await upload('xliff', 'report.xlf', file, undefined, '?format=html')).text();
    expect(html).toContain('<tr id="seg-tu-who">');
    expect(html).toMatch(/<mark id="f-\d+" class="warning"[^>]*>World Health Organization<\/mark>/);
    expect(html).not.toContain('<script');
    const csv = await (await upload('xliff', 'report.xlf', file, undefined, '?format=csv')).text();
    expect(csv.split('\r\n')[0]).toContain(',segment,');
    expect(csv).toContain(',tu-who,');
  });

  it('refuses bad input with a 4xx and a clear message, changing nothing', async () => {
    const revision = server.store.termRevision();
    const malformed = await upload('xliff', 'broken.xlf', '<xliff version="1.2"><file><body><trans-unit id="a"><source>World Health Organization</source>');
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: { message: string } }).error.message).toMatch(/broken\.xlf/);
    const notXliff = await upload('xliff', 'glossary.xlf', '<tmx version="1.4"><body/></tmx>');
    expect(notXliff.status).toBe(400);
    expect(((await notXliff.json()) as { error: { message: string } }).error.message).toBe('glossary.xlf is not an XLIFF file: its root element is <tmx>, not <xliff>');
    const french = xliff12([{ id: 'a', ...who }]).replace('target-language="zh-CN"', 'target-language="fr-FR"');
    expect((await upload('xliff', 'fr.xlf', french)).status).toBe(400);
    const wrongType = await upload('xliff', 'report.txt', who.en);
    expect(wrongType.status).toBe(415);

    const json = (body: unknown) => fetch(`${server.url}/api/check`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const misaligned = await json({ source: `${who.en}\n${hrc.en}`, target: who.zh });
    expect(misaligned.status).toBe(400);
    expect(((await misaligned.json()) as { error: { message: string } }).error.message).toMatch(/source has 2 lines and target 1/);
    const both = await json({ text: who.zh, source: who.en, target: who.zh });
    expect(both.status).toBe(400);
    expect(((await both.json()) as { error: { message: string } }).error.message).toMatch(/either "text".*or "source" and "target"/);
    expect((await json({ target: who.zh })).status).toBe(400);
    expect(server.store.termRevision()).toBe(revision);
  });

  it('refuses an upload over the limit (413)', async () => {
    const units = Array.from({ length: 1_000 }, (_, i) => ({ id: `tu${i}`, ...who }));
    const big = xliff12(units);
    expect(big.length).toBeGreaterThan(256 * 1024);
    const res = await upload('xliff', 'big.xlf', big);
    expect(res.status).toBe(413);
  });

  it('refuses a bilingual upload a plain form could forge; the page form token or a header lets it through', async () => {
    const file = xliff12([{ id: 'tu-who', ...whoDropped }]);
    const forged = await upload('xliff', 'report.xlf', file, {});
    expect(forged.status).toBe(403);
    expect(((await forged.json()) as { error: { code: string } }).error.code).toBe('csrf');
    // The Check page's session: its cookie and the form's hidden field.
    const pageRes = await fetch(`${server.url}/check/bilingual`);
    const cookie = (pageRes.headers.get('set-cookie') ?? '').split(';')[0];
    const csrf = /name="csrf" value="([^"]+)"/.exec(await pageRes.text())?.[1] ?? '';
    const form = (token: string) => {
      const f = new FormData();
      f.append('csrf', token);
      f.append('xliff', new Blob([file]), 'report.xlf');
      return f;
    };
    const fromPage = await fetch(`${server.url}/api/check`, { method: 'POST', body: form(csrf), headers: { cookie } });
    expect(fromPage.status).toBe(200);
    const other = await fetch(`${server.url}/api/check`, { method: 'POST', body: form(csrf), headers: { cookie: 'termdesk_session=0123456789abcdef0123456789abcdef' } });
    expect(other.status).toBe(403);
    // Another site's page, even with the header.
    expect((await upload('xliff', 'report.xlf', file, { 'x-requested-with': 'x', origin: 'https://evil.example' })).status).toBe(403);
    // JSON cannot be sent by a form: aligned texts as JSON need nothing more (above).
  });

  it('caps the findings of one answer at 5,000 (omittedIssues), checking the large input in the worker', async () => {
    const lines = 5_100;
    // The sentence's first clause, so that 5,100 lines stay within the 1,000,000 characters of a text.
    const en = whoDropped.en.slice(0, whoDropped.en.indexOf(',') + 1);
    const zh = whoDropped.zh.slice(0, whoDropped.zh.indexOf('，') + 1);
    expect([en, zh]).toEqual(['According to the World Health Organization,', '根据该组织的信息，']);
    const res = await fetch(`${server.url}/api/check`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ source: `${en}\n`.repeat(lines), target: `${zh}\n`.repeat(lines), rules: ['missing-equivalent'] }),
    });
    expect(res.status).toBe(200);
    const answer = (await res.json()) as Answer;
    expect(answer.summary.total).toBe(lines);
    expect(answer.issues).toHaveLength(5_000);
    expect(answer.omittedIssues).toBe(100);
    // Only the segments of the findings given are described.
    expect(answer.segments).toHaveLength(5_000);
    expect(answer.segments.at(-1)!.id).toBe('5000');
  });

  it('the Check page checks an XLIFF file or pasted texts without JavaScript, grouped by segment, escaped', async () => {
    const pageRes = await fetch(`${server.url}/check/bilingual`);
    const cookie = (pageRes.headers.get('set-cookie') ?? '').split(';')[0];
    const page = await pageRes.text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
    expect(page).toContain('name="xliff"');
    const post = (fill: (f: FormData) => void, withToken = true) => {
      const f = new FormData();
      if (withToken) f.append('csrf', csrf);
      f.append('mode', 'bilingual');
      fill(f);
      return fetch(`${server.url}/check/bilingual`, { method: 'POST', body: f, headers: { cookie } });
    };
    const fromFile = await post((f) => f.append('xliff', new Blob([xliff12([{ id: 'tu-who', ...whoDropped }])]), 'report.xlf'));
    expect(fromFile.status).toBe(200);
    const shown = await fromFile.text();
    expect(shown).toContain('<th scope="row" class="id">tu-who</th>');
    expect(shown).toMatch(/<mark id="f-\d+" class="warning"[^>]*>World Health Organization<\/mark>/);
    expect(shown).toContain('missing-equivalent');

    const hostile = '<script>alert(1)</script>';
    const pasted = await post((f) => {
      f.append('source', `${whoDropped.en}\n`);
      f.append('target', `${hostile}${whoDropped.zh}\n`);
    });
    expect(pasted.status).toBe(200);
    const pastedPage = await pasted.text();
    expect(pastedPage).not.toContain(hostile);
    expect(pastedPage).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(pastedPage).toContain('<th scope="row" class="id">1</th>');
    // Its report buttons post the same texts, with the form token, to the API.
    expect(pastedPage).toContain('formaction="/api/check?format=html"');
    const report = new FormData();
    report.append('csrf', csrf);
    report.append('mode', 'bilingual');
    report.append('source', `${whoDropped.en}\r\n`);
    report.append('target', `${whoDropped.zh}\r\n`);
    const standalone = await fetch(`${server.url}/api/check?format=html`, { method: 'POST', body: report, headers: { cookie } });
    expect(standalone.status).toBe(200);
    expect(await standalone.text()).toContain('<tr id="seg-1">');

    const empty = await post(() => {});
    expect(empty.status).toBe(400);
    expect(await empty.text()).toMatch(/give an &quot;xliff&quot; file/);
    const forged = await post((f) => f.append('xliff', new Blob([xliff12([{ id: 'a', ...who }])]), 'report.xlf'), false);
    expect(forged.status).toBe(403);
  });
});
