import { expect } from 'chai';
import { foldedWords, foldVietnamese, slugify } from '../../src/text/fold.js';

describe('foldVietnamese', () => {
  it('removes diacritics, lowers case and folds đ', () => {
    expect(foldVietnamese('Dân vận khéo')).to.equal('dan van kheo');
    expect(foldVietnamese('ĐỒNG THÁP Đắk Lắk')).to.equal('dong thap dak lak');
    expect(foldVietnamese('Quốc phòng – an ninh')).to.equal('quoc phong – an ninh');
  });
  it('gives one result for composed, decomposed and differently placed tone marks', () => {
    const composed = 'Hòa Bình Thủy';
    const decomposed = composed.normalize('NFD');
    expect(foldVietnamese(decomposed)).to.equal(foldVietnamese(composed));
    expect(foldVietnamese('Hoà')).to.equal(foldVietnamese('Hòa'));
    expect(foldVietnamese('Thuỷ')).to.equal(foldVietnamese('Thủy'));
  });
  it('collapses whitespace and splits words', () => {
    expect(foldVietnamese('  Nồi   cháo\ttình thương ')).to.equal('noi chao tinh thuong');
    expect(foldedWords('“Dân vận khéo 1+10”!')).to.deep.equal(['dan', 'van', 'kheo', '1', '10']);
    expect(slugify('Tổ tự quản đường biên, mốc giới')).to.equal('to-tu-quan-duong-bien-moc-gioi');
  });
});
