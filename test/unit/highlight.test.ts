import { expect } from 'chai';
import { highlight } from '../../src/text/highlight.js';

describe('highlight', () => {
  it('marks accented words found by a query without diacritics', () => {
    expect(highlight('Dân vận khéo ở Thái Nguyên', 'dan van')).to.equal(
      '<mark>Dân</mark> <mark>vận</mark> khéo ở Thái Nguyên',
    );
    expect(highlight('Đường làng', 'duong')).to.equal('<mark>Đường</mark> làng');
  });
  it('marks whole words that start with a query word, as the search matches prefixes', () => {
    expect(highlight('Hiến đất mở đường', 'hie')).to.equal('<mark>Hiến</mark> đất mở đường');
    expect(highlight('cơ sở', 'so')).to.equal('cơ <mark>sở</mark>');
  });
  it('escapes everything, the query included', () => {
    expect(highlight('<b>Dân</b> & "vận"', '<script>dan')).to.equal(
      '&lt;b&gt;<mark>Dân</mark>&lt;/b&gt; &amp; &quot;vận&quot;',
    );
    expect(highlight('<i>x</i>', undefined)).to.equal('&lt;i&gt;x&lt;/i&gt;');
  });
});
