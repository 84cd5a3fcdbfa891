import { expect } from 'chai';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../src/db/client.js';
import { similarTitles, titleSimilarity } from '../../src/submissions/similar.js';
import { foldVietnamese } from '../../src/text/fold.js';
import type { Actor } from '../../src/policy/roles.js';
import { freshDatabase } from '../helpers/db.js';
import { insertModel } from '../helpers/fixtures.js';

// Titles a province would hold as duplicates of each other, and titles that only share the usual words.
const SAME: [string, string][] = [
  [
    'Dân vận khéo trong hiến đất mở rộng đường giao thông nông thôn',
    'Vận động nhân dân hiến đất mở rộng đường giao thông nông thôn',
  ],
  ['Tổ tự quản đường biên, mốc giới', 'Tổ tự quản đường biên mốc giới thôn Bản Lầu'],
  ['Phân loại rác thải tại nguồn', 'Mô hình phân loại rác thải tại nguồn ở khu dân cư'],
  ['Hũ gạo tiết kiệm khuyến học', 'Hu gao tiet kiem khuyen hoc cua chi hoi phu nu'],
  ['Camera an ninh – mắt thần khu dân cư', 'Mô hình camera an ninh mắt thần'],
];
const DIFFERENT: [string, string][] = [
  ['Dân vận khéo trong làm đường giao thông nông thôn', 'Tổ hợp tác trồng na (mãng cầu) của hội nông dân'],
  ['Mô hình dân vận khéo xây dựng nông thôn mới', 'Mô hình dân vận khéo chăm sóc người cao tuổi'],
  ['Thắp sáng đường quê', 'Sân chơi cho thiếu nhi do dân cùng làm'],
  ['Nồi cháo tình thương tại bệnh viện', 'Ngôi nhà nhân ái cho hộ nghèo'],
  ['Mỗi đảng viên kèm cặp mười hộ dân', 'Dòng họ tự quản về an ninh trật tự'],
];

describe('similar titles: a warning, ranked, within what the person may see', () => {
  describe('titleSimilarity', () => {
    for (const [a, b] of SAME)
      it(`matches "${a}" with "${b}"`, () => {
        expect(titleSimilarity(foldVietnamese(a), foldVietnamese(b))).to.be.at.least(0.42);
      });
    for (const [a, b] of DIFFERENT)
      it(`keeps "${a}" apart from "${b}"`, () => {
        expect(titleSimilarity(foldVietnamese(a), foldVietnamese(b))).to.be.below(0.42);
      });
  });

  describe('similarTitles on the database', () => {
    let database: Database;
    let communes: string[];
    const cadreOf = (communeCode: string): Actor => ({
      id: 1,
      role: 'commune_cadre',
      provinceCode: '19',
      communeCode,
    });
    before(async () => {
      database = await freshDatabase();
      communes = (
        await queryRows<{ code: string }>(
          database.db,
          sql`select code from communes where province_code = '19' order by code limit 2`,
        )
      ).map((r) => r.code);
      const title = 'Thôn Làng Chùa hiến đất mở rộng đường liên xóm';
      await insertModel(database, { title, status: 'approved', communeCode: communes[1] });
      await insertModel(database, { title: `${title} giai đoạn hai`, status: 'draft', communeCode: communes[1] });
      await insertModel(database, { title: `${title} năm 2025`, status: 'submitted', communeCode: communes[0] });
      await insertModel(database, { title: 'Tổ hợp tác trồng na của hội nông dân', communeCode: communes[1] });
      await insertModel(database, { title: `${title} ở Hà Tĩnh`, provinceCode: '42' });
    });
    after(async () => {
      await database.close();
    });

    it("offers approved models and the cadre's own commune's entries, never another commune's drafts", async () => {
      const found = await similarTitles(
        database.db,
        cadreOf(communes[0]),
        '19',
        'Thon Lang Chua hien dat mo rong duong lien xom',
      );
      const titles = found.map((f) => f.title);
      expect(titles).to.have.members([
        'Thôn Làng Chùa hiến đất mở rộng đường liên xóm',
        'Thôn Làng Chùa hiến đất mở rộng đường liên xóm năm 2025',
      ]);
      // Best match first.
      expect(titles[0]).to.equal('Thôn Làng Chùa hiến đất mở rộng đường liên xóm');
    });

    it("shows the other commune's draft to that commune's cadre", async () => {
      const found = await similarTitles(database.db, cadreOf(communes[1]), '19', 'Thôn Làng Chùa hiến đất mở rộng');
      expect(found.map((f) => f.title)).to.include('Thôn Làng Chùa hiến đất mở rộng đường liên xóm giai đoạn hai');
    });

    it('finds nothing for an unrelated title', async () => {
      const found = await similarTitles(database.db, cadreOf(communes[0]), '19', 'Đường giao thông nông thôn mới');
      expect(found.map((f) => f.title)).to.not.include('Tổ hợp tác trồng na của hội nông dân');
    });
  });
});
