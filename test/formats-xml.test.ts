// The safe streaming XML reader and the writer in src/formats/xml.ts.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import {
  XmlError,
  XmlWriter,
  attr,
  childElements,
  escapeAttribute,
  escapeText,
  readXml,
  readXmlTree,
  textContent,
  xmlLang,
  type XmlEvent,
} from '../src/formats/xml.js';
import { InputError } from '../src/domain/types.js';
import { tempDir } from './helpers.js';

async function events(source: Parameters<typeof readXml>[0], collect?: (local: string) => boolean): Promise<XmlEvent[]> {
  const out: XmlEvent[] = [];
  for await (const e of readXml(source, collect ? { collect: (el) => collect(el.local) } : {})) out.push(e);
  return out;
}

async function failure(source: Parameters<typeof readXml>[0]): Promise<XmlError> {
  try {
    await events(source, () => true);
  } catch (err) {
    expect(err).toBeInstanceOf(XmlError);
    expect(err).toBeInstanceOf(InputError);
    return err as XmlError;
  }
  throw new Error('expected the document to be refused');
}

const TBX3 = `<?xml version="1.0" encoding="UTF-8"?>
<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="en">
  <text><body>
    <conceptEntry id="c1">
      <langSec xml:lang="zh-Hans"><termSec><term>安全理事会</term></termSec></langSec>
      <langSec xml:lang="en"><termSec><term>Security Council &amp; co &#x4E2D;&#20013;</term></termSec></langSec>
    </conceptEntry>
    <conceptEntry id="c2"/>
  </body></text>
</tbx>`;

describe('readXml', () => {
  it('streams collected elements whole and the elements around them as start/end events', async () => {
    const ev = await events(TBX3, (local) => local === 'conceptEntry');
    expect(ev.map((e) => `${e.type}:${e.type === 'text' ? e.text : e.element.local}`)).toEqual([
      'start:tbx',
      'start:text',
      'start:body',
      'element:conceptEntry',
      'element:conceptEntry',
      'end:body',
      'end:text',
      'end:tbx',
    ]);
    const first = ev[3];
    if (first.type !== 'element') throw new Error('unreachable');
    const entry = first.element;
    expect(attr(entry, 'id')).toBe('c1');
    expect(entry.uri).toBe('urn:iso:std:iso:30042:ed-2');
    expect(entry.line).toBe(4);
    expect(entry.column).toBe(5);
    const langSecs = childElements(entry, 'langSec');
    expect(langSecs.map(xmlLang)).toEqual(['zh-Hans', 'en']);
    expect(textContent(langSecs[0]).trim()).toBe('安全理事会');
    // Standard entities and character references (hex and decimal) are expanded.
    expect(textContent(langSecs[1]).trim()).toBe('Security Council & co 中中');
  });

  it('matches elements by local name whatever the prefix', async () => {
    const prefixed = `<t:tbx xmlns:t="urn:iso:std:iso:30042:ed-2"><t:text><t:body><t:conceptEntry id="x"/></t:body></t:text></t:tbx>`;
    const ev = await events(prefixed, (local) => local === 'conceptEntry');
    const entry = ev.find((e) => e.type === 'element');
    expect(entry?.type === 'element' && entry.element.name).toBe('t:conceptEntry');
    expect(entry?.type === 'element' && entry.element.local).toBe('conceptEntry');
    expect(entry?.type === 'element' && entry.element.uri).toBe('urn:iso:std:iso:30042:ed-2');
  });

  it('gives the same result whether the input arrives whole or one byte at a time', async () => {
    const bytes = Buffer.from(TBX3, 'utf8');
    const oneByOne = (function* () {
      for (let i = 0; i < bytes.length; i++) yield bytes.subarray(i, i + 1);
    })();
    const whole = await events(TBX3, (l) => l === 'conceptEntry');
    const split = await events(oneByOne, (l) => l === 'conceptEntry');
    expect(split).toEqual(whole);
  });

  it('streams a large document held in memory instead of parsing it all first', async () => {
    const entries = 50_000;
    const doc = `<body>${'<e>x</e>'.repeat(entries)}</body>`;
    for (const source of [doc, Buffer.from(doc)]) {
      let opened = 0;
      let openedAtFirst = -1;
      for await (const e of readXml(source, { collect: (el) => (el.local === 'e' ? ++opened > 0 : false) })) {
        if (e.type === 'element' && openedAtFirst < 0) openedAtFirst = opened;
      }
      expect(opened).toBe(entries);
      expect(openedAtFirst).toBeLessThan(entries / 2);
    }
  });

  it('reads a file stream', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'a.tbx');
    fs.writeFileSync(file, TBX3);
    const tree = await readXmlTree(fs.createReadStream(file, { highWaterMark: 16 }));
    expect(tree.local).toBe('tbx');
    expect(xmlLang(tree)).toBe('en');
    fs.rmSync(dir, { recursive: true });
  });

  it('decodes UTF-8 with BOM, UTF-16 with BOM and a declared GB18030 encoding', async () => {
    const doc = '<?xml version="1.0" encoding="UTF-16"?><a>联合国 UN</a>';
    const utf8bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<a>联合国 UN</a>')]);
    const utf16le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(doc, 'utf16le')]);
    const utf16be = Buffer.from(iconv.encode(doc, 'utf-16be', { addBOM: true }));
    const gb = iconv.encode('<?xml version="1.0" encoding="GB18030"?><a>联合国 UN</a>', 'gb18030');
    for (const bytes of [utf8bom, utf16le, utf16be, gb]) {
      expect(textContent(await readXmlTree(bytes))).toBe('联合国 UN');
    }
  });

  it('refuses bytes that are not UTF-8 in a UTF-8 document', async () => {
    const bad = Buffer.concat([Buffer.from('<a>'), Buffer.from([0xc3, 0x28]), Buffer.from('</a>')]);
    await expect(readXmlTree(bad)).rejects.toThrow(/not valid UTF-8/);
  });

  it('names line and column of a malformed document', async () => {
    const err = await failure('<a>\n  <b>\n  </c>\n</a>');
    expect(err.line).toBe(3);
    expect(err.message).toMatch(/^line 3, column \d+: .*<b>/);
  });

  it('refuses an undefined entity with its position', async () => {
    const err = await failure('<a>\n<b>&nbsp;</b></a>');
    expect(err.line).toBe(2);
    expect(err.message).toMatch(/^line 2, column \d+: unknown entity "&nbsp;" \(only &amp; &lt; &gt; &quot; &apos; and character references are allowed\) \(inside <b>\)$/);
  });

  it('puts the file name in messages when given', async () => {
    await expect(readXmlTree('<a>', { fileName: 'x.tbx' })).rejects.toThrow(/^x\.tbx: line 1/);
  });

  it('accepts a DOCTYPE without internal subset and never opens its DTD', async () => {
    const open = vi.spyOn(fs, 'openSync');
    const read = vi.spyOn(fs, 'readFileSync');
    const doc = '<?xml version="1.0"?>\n<!DOCTYPE martif SYSTEM "/nonexistent/TBXcoreStructV02.dtd">\n<martif type="TBX"/>';
    const tree = await readXmlTree(doc);
    expect(tree.local).toBe('martif');
    expect(open).not.toHaveBeenCalled();
    expect(read).not.toHaveBeenCalled();
  });

  it('refuses a document nested deeper than the limit', async () => {
    const deep = '<a>'.repeat(300) + '</a>'.repeat(300);
    await expect(readXmlTree(deep)).rejects.toThrow(/nested deeper than 256/);
    expect((await readXmlTree('<a>'.repeat(50) + '</a>'.repeat(50), { maxDepth: 60 })).local).toBe('a');
  });

  it('refuses a document with no root or text after the root', async () => {
    await expect(readXmlTree('<?xml version="1.0"?>')).rejects.toThrow(XmlError);
    await expect(readXmlTree('<a/><b/>')).rejects.toThrow(/one root/);
  });
});

describe('readXml refuses DTDs and entities (billion laughs, XXE) before reading anything', () => {
  afterEach(() => vi.restoreAllMocks());

  const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<lolz>&lol9;</lolz>`;

  it('refuses billion laughs at the first ENTITY declaration, delivering no element', async () => {
    const seen: XmlEvent[] = [];
    const started = performance.now();
    const run = async () => {
      for await (const e of readXml(BILLION_LAUGHS, { collect: () => true })) seen.push(e);
    };
    await expect(run()).rejects.toThrow(/line 3, column 2: ENTITY declarations are not accepted/);
    expect(seen).toEqual([]);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('refuses an internal subset even when the ENTITY declaration straddles chunks', async () => {
    const bytes = Buffer.from(BILLION_LAUGHS);
    const chunks = (function* () {
      for (let i = 0; i < bytes.length; i += 7) yield bytes.subarray(i, i + 7);
    })();
    const seen: XmlEvent[] = [];
    const run = async () => {
      for await (const e of readXml(chunks, { collect: () => true })) seen.push(e);
    };
    await expect(run()).rejects.toThrow(/(ENTITY declarations|internal subset) .*not accepted/);
    expect(seen).toEqual([]);
  });

  it('refuses an internal subset without entities too', async () => {
    await expect(readXmlTree('<!DOCTYPE a [ <!ELEMENT a (#PCDATA)> ]><a/>')).rejects.toThrow(/internal subset is not accepted/);
  });

  it('never opens the file or URL an external entity points at', async () => {
    const dir = tempDir();
    const secret = path.join(dir, 'secret.txt');
    fs.writeFileSync(secret, 'TOP SECRET');
    let hits = 0;
    const server = http.createServer((_req, res) => {
      hits++;
      res.end('remote');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const spies = [
      vi.spyOn(fs, 'openSync'),
      vi.spyOn(fs, 'open'),
      vi.spyOn(fs, 'readFileSync'),
      vi.spyOn(fs, 'readFile'),
      vi.spyOn(fs, 'createReadStream'),
      vi.spyOn(fs.promises, 'open'),
      vi.spyOn(fs.promises, 'readFile'),
    ];
    try {
      for (const doc of [
        `<?xml version="1.0"?>\n<!DOCTYPE foo [ <!ENTITY xxe SYSTEM "file://${secret}"> ]>\n<foo>&xxe;</foo>`,
        `<?xml version="1.0"?>\n<!DOCTYPE foo [ <!ENTITY xxe SYSTEM "http://127.0.0.1:${port}/x"> ]>\n<foo>&xxe;</foo>`,
        `<?xml version="1.0"?>\n<!DOCTYPE foo [ <!ENTITY % p SYSTEM "http://127.0.0.1:${port}/p"> %p; ]>\n<foo/>`,
        `<?xml version="1.0"?>\n<!DOCTYPE foo SYSTEM "http://127.0.0.1:${port}/dtd">\n<foo>&xxe;</foo>`,
      ]) {
        const err = await failure(doc);
        expect(err.message).not.toContain('TOP SECRET');
      }
      await new Promise((r) => setTimeout(r, 50));
      expect(hits).toBe(0);
      for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    } finally {
      server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('XmlWriter and escaping', () => {
  it('escapes text and attributes', () => {
    expect(escapeText('a < b && c > d]]>')).toBe('a &lt; b &amp;&amp; c &gt; d]]&gt;');
    expect(escapeAttribute('say "hi"\n\tnow & <then>')).toBe('say &quot;hi&quot;&#10;&#9;now &amp; &lt;then&gt;');
    // Characters XML 1.0 cannot carry become U+FFFD instead of breaking the file.
    expect(escapeText('bell\u0007 and \ud800 lone')).toBe('bell\ufffd and \ufffd lone');
    expect(escapeText('pair 𠀀 ok')).toBe('pair 𠀀 ok');
  });

  it('writes an indented document, streamable in pieces', async () => {
    const w = new XmlWriter();
    w.declaration().open('tbx', { xmlns: 'urn:iso:std:iso:30042:ed-2', 'xml:lang': 'en', skip: null });
    const first = w.take();
    w.open('conceptEntry', { id: 'c&1' }).element('term', undefined, '联合国 <UN>').element('ref', { target: 'c2' }).close().close();
    const doc = first + w.take();
    expect(doc).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
        '<tbx xmlns="urn:iso:std:iso:30042:ed-2" xml:lang="en">\n' +
        '  <conceptEntry id="c&amp;1">\n' +
        '    <term>联合国 &lt;UN&gt;</term>\n' +
        '    <ref target="c2"/>\n' +
        '  </conceptEntry>\n' +
        '</tbx>\n',
    );
    expect(w.pending).toBe(0);
    expect(w.depth).toBe(0);
    const tree = await readXmlTree(doc);
    expect(textContent(childElements(childElements(tree)[0], 'term')[0])).toBe('联合国 <UN>');
  });

  it('refuses names that are not XML names', () => {
    expect(() => new XmlWriter().open('a b')).toThrow(/not an XML name/);
    expect(() => new XmlWriter().element('a', { 'x"y': '1' })).toThrow(/not an XML name/);
    expect(() => new XmlWriter().close()).toThrow();
  });

  it('round-trips any text and attribute value through write and read', async () => {
    const xmlChar = fc.string({ unit: 'binary' }).map((s) => s.replace(/[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, ''));
    await fc.assert(
      fc.asyncProperty(xmlChar, xmlChar, async (text, value) => {
        const w = new XmlWriter();
        w.open('root').element('e', { v: value }, text).close();
        const tree = await readXmlTree(w.take());
        const e = childElements(tree, 'e')[0];
        expect(attr(e, 'v')).toBe(value);
        expect(textContent(e)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });
});
