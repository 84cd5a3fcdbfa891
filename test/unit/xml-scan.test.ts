import { expect } from 'chai';
import { decodeEntities, startTags, XmlPieces } from '../../src/evidence/xml-scan.js';

const XML =
  '<?xml version="1.0"?><Relationships xmlns="x"><Relationship Id="r1" Target="a>b" TargetMode=\'Ext&#101;rnal\'/>' +
  '<w:t>Ba &amp; Bốn &lt;ok&gt;</w:t><Override PartName="/w" ContentType="a&#x2B;xml"/></Relationships>';

const tagsOf = (xml: string) => [...startTags(xml)].map((t) => [t.local, Object.fromEntries(t.attributes)]);

describe('XML scanning for office parts', () => {
  it('decodes the five named entities and character references', () => {
    expect(decodeEntities('&lt;&gt;&amp;&quot;&apos;&#65;&#x1EA1;&bogus;')).to.equal('<>&"\'Aạ&bogus;');
  });

  it('reads attributes whose values hold ">" and character references', () => {
    expect(tagsOf(XML)).to.deep.equal([
      ['Relationships', { xmlns: 'x' }],
      ['Relationship', { Id: 'r1', Target: 'a>b', TargetMode: 'External' }],
      ['t', {}],
      ['Override', { PartName: '/w', ContentType: 'a+xml' }],
    ]);
  });

  for (const size of [1, 2, 3, 7, 16]) {
    it(`cuts a stream in chunks of ${size} only between tags, losing nothing`, () => {
      const pieces = new XmlPieces();
      const out: string[] = [];
      for (let i = 0; i < XML.length; i += size) out.push(pieces.push(XML.slice(i, i + size))!);
      out.push(pieces.end());
      expect(out.join('')).to.equal(XML);
      expect(out.flatMap(tagsOf)).to.deep.equal(tagsOf(XML));
      for (const p of out) expect(p === '' || p.startsWith('<')).to.equal(true);
    });
  }

  it('gives up on a part that runs on for megabytes without a tag', () => {
    const pieces = new XmlPieces();
    let last: string | null = '';
    for (let i = 0; i < 200 && last !== null; i++) last = pieces.push('x'.repeat(64 * 1024));
    expect(last).to.equal(null);
  });
});
