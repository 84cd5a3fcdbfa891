import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../db/client.js';
import { foldVietnamese } from '../text/fold.js';

const TITLES = [
  'Dân vận khéo trong hiến đất mở rộng đường giao thông nông thôn', 'Tổ tự quản đường biên, mốc giới',
  'Nồi cháo tình thương tại bệnh viện', 'Camera an ninh – mắt thần khu dân cư', 'Chi hội phụ nữ tiết kiệm giúp nhau thoát nghèo',
  'Mỗi đảng viên kèm cặp mười hộ dân', 'Thắp sáng đường quê', 'Tuyến đường hoa, đường cây xanh kiểu mẫu',
  'Tổ hợp tác trồng rau an toàn', 'Ngôi nhà nhân ái cho hộ nghèo', 'Khu dân cư không có tội phạm và tệ nạn xã hội',
  'Phân loại rác thải tại nguồn', 'Câu lạc bộ dân vận khéo của người cao tuổi', 'Zalo kết nối chính quyền với nhân dân',
  'Dòng họ tự quản về an ninh trật tự', 'Hũ gạo tiết kiệm khuyến học', 'Chuyển đổi số cùng người dân',
  'Vận động đồng bào bỏ hủ tục trong việc cưới, việc tang', 'Sân chơi cho thiếu nhi do dân cùng làm',
  'Nhà nước và nhân dân cùng làm kênh mương nội đồng',
];
const SUMMARIES = [
  'Các hộ dân tự nguyện hiến đất, góp ngày công để làm đường, nay xe cơ giới vào tận ngõ.',
  'Cán bộ, đảng viên bám sát địa bàn, lắng nghe và giải quyết kịp thời kiến nghị của nhân dân.',
  'Mô hình huy động nguồn lực xã hội hóa, giúp hộ nghèo có sinh kế và vươn lên thoát nghèo.',
  'Nhân dân tự quản an ninh trật tự, số vụ việc phức tạp giảm rõ rệt so với trước.',
  'Phát huy vai trò người có uy tín trong cộng đồng, vận động bà con thay đổi nếp nghĩ, cách làm.',
];
const FIELDS = ['kinh-te', 'van-hoa-xa-hoi', 'quoc-phong-an-ninh', 'xay-dung-dang'];

export interface BulkResult { inserted: number; seconds: number }

/**
 * Adds `count` synthetic approved models, generated inside the database in large INSERT … SELECT
 * statements. Text is folded here with the one folding function and passed in as arrays.
 */
export async function seedBulk(database: Database, count: number, onProgress?: (done: number) => void): Promise<BulkResult> {
  const started = Date.now();
  const db = database.db;
  const run = randomBytes(4).toString('hex');
  const titles = TITLES; const titlesFolded = TITLES.map(foldVietnamese);
  const summaries = SUMMARIES; const summariesFolded = SUMMARIES.map(foldVietnamese);
  const arr = (a: string[]) => sql`${`{${a.map((s) => `"${s.replace(/"/g, '\\"')}"`).join(',')}}`}::text[]`;
  const [{ n: communeCount }] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from communes`);
  // Stored searches would each be tested against every new row: drop them, the next use recounts them.
  await db.execute(sql`delete from search_queries where id <> 0`);
  // A pending list absorbs the flood of index entries; vacuum merges it afterwards.
  await db.execute(sql`alter index models_public_search_idx set (fastupdate = on)`);
  await db.execute(sql`alter index models_title_trgm_idx set (fastupdate = on)`);
  await db.execute(sql`alter index models_public_title_search_idx set (fastupdate = on)`);
  try {
    const chunk = 50_000;
    for (let from = 1; from <= count; from += chunk) {
      const to = Math.min(count, from + chunk - 1);
      await db.execute(sql`with c as (select row_number() over (order by code) as rn, code, name, full_name, name_folded, province_code from communes)
        insert into models (slug, type, title, field_code, province_code, commune_code, started_year, recognised_year,
          summary, holder_name, holder_role, publish_consent, status, is_demo, title_folded, search_folded,
          published_at, created_at, updated_at, submitted_at)
        select 'tong-hop-' || ${run} || '-' || g,
          case when g % 5 < 3 then 'collective' else 'individual' end,
          (${arr(titles)})[1 + (g * 7) % ${titles.length}] || ' – ' || c.full_name || ' (' || g || ')',
          (${arr(FIELDS)})[1 + (g * 13) % 4],
          c.province_code, c.code,
          2016 + (g * 3) % 10, 2016 + (g * 3) % 10 + (g % 2),
          (${arr(summaries)})[1 + (g * 11) % ${summaries.length}],
          'Tập thể ' || c.full_name, 'Tập thể', true, 'approved', true,
          (${arr(titlesFolded)})[1 + (g * 7) % ${titles.length}] || ' – ' || c.name_folded || ' (' || g || ')',
          (${arr(summariesFolded)})[1 + (g * 11) % ${summaries.length}] || ' ' || c.name_folded,
          now() - (g || ' minutes')::interval, now(), now(), now()
        from generate_series(${from}::int, ${to}::int) g
        join c on c.rn = 1 + (g * 31) % ${communeCount}`);
      onProgress?.(to);
    }
    await db.execute(sql`insert into recognitions (model_id, year, level, grade)
      select id, recognised_year, 'commune', 'tot' from models where slug like ${`tong-hop-${run}-%`}`);
    await db.execute(sql`insert into model_movements (model_id, movement_id)
      select m.id, mv.id from models m, movements mv where m.slug like ${`tong-hop-${run}-%`} and mv.code = 'dan-van-kheo'`);
  } finally {
    await db.execute(sql`alter index models_public_search_idx set (fastupdate = off)`);
    await db.execute(sql`alter index models_title_trgm_idx set (fastupdate = off)`);
    await db.execute(sql`alter index models_public_title_search_idx set (fastupdate = off)`);
  }
  await db.execute(sql`vacuum analyze models`);
  return { inserted: count, seconds: (Date.now() - started) / 1000 };
}
