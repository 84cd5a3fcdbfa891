import { expect } from 'chai';
import { communeLabel, placeLabel, provinceLabel } from '../../src/admin-units/labels.js';

const quangTri = { code: '44', name: 'Quảng Trị', fullName: 'Tỉnh Quảng Trị' };
const quangBinh = { code: '44', name: 'Quảng Bình', fullName: 'Tỉnh Quảng Bình' };

describe('place labels', () => {
  it('shows a former province with the one it merged into', () => {
    expect(provinceLabel(quangTri, quangBinh)).to.equal('Quảng Bình (nay thuộc tỉnh Quảng Trị)');
    expect(provinceLabel(quangTri)).to.equal('Quảng Trị');
    expect(
      provinceLabel(
        { code: '42', name: 'Hà Tĩnh', fullName: 'Tỉnh Hà Tĩnh' },
        { code: '42', name: 'Hà Tĩnh', fullName: 'Tỉnh Hà Tĩnh' },
      ),
    ).to.equal('Hà Tĩnh');
  });
  it('lists every successor of a split commune', () => {
    const former = { code: '01234', name: 'An Lạc', fullName: 'Xã An Lạc' };
    const a = { code: '00001', name: 'Tân An', fullName: 'Xã Tân An' };
    const b = { code: '00002', name: 'Bình Minh', fullName: 'Phường Bình Minh' };
    expect(communeLabel(null, former, [a, b])).to.equal('Xã An Lạc (nay thuộc xã Tân An, phường Bình Minh)');
    expect(communeLabel(a)).to.equal('Xã Tân An');
  });
  it('reads as one place, commune then province', () => {
    const former = { code: '01234', name: 'Quảng Phú', fullName: 'Xã Quảng Phú' };
    const now = { code: '00003', name: 'Quảng Trạch', fullName: 'Xã Quảng Trạch' };
    expect(
      placeLabel({ province: quangTri, formerProvince: quangBinh, formerCommune: former, successors: [now] }),
    ).to.equal('Xã Quảng Phú (nay thuộc xã Quảng Trạch), tỉnh Quảng Bình (nay thuộc tỉnh Quảng Trị)');
    expect(placeLabel({ province: quangTri, commune: now })).to.equal('Xã Quảng Trạch, tỉnh Quảng Trị');
    expect(placeLabel({ province: quangTri })).to.equal('Tỉnh Quảng Trị');
  });
});
