import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { insertInChunks } from '../db/bulk.js';
import { communes, models, movements, provinces, recognitions } from '../db/schema.js';
import { inTransaction } from '../db/transaction.js';
import { MAIN_MOVEMENT } from '../reference/vocabulary.js';
import { modelRow, reserveModelIds } from '../submissions/model-row.js';

const TITLES = [
  'Dân vận khéo trong hiến đất mở rộng đường giao thông nông thôn',
  'Tổ tự quản đường biên, mốc giới',
  'Nồi cháo tình thương tại bệnh viện',
  'Camera an ninh – mắt thần khu dân cư',
  'Chi hội phụ nữ tiết kiệm giúp nhau thoát nghèo',
  'Mỗi đảng viên kèm cặp mười hộ dân',
  'Thắp sáng đường quê',
  'Tuyến đường hoa, đường cây xanh kiểu mẫu',
  'Tổ hợp tác trồng rau an toàn',
  'Ngôi nhà nhân ái cho hộ nghèo',
  'Khu dân cư không có tội phạm và tệ nạn xã hội',
  'Phân loại rác thải tại nguồn',
  'Câu lạc bộ dân vận khéo của người cao tuổi',
  'Zalo kết nối chính quyền với nhân dân',
  'Dòng họ tự quản về an ninh trật tự',
  'Hũ gạo tiết kiệm khuyến học',
  'Chuyển đổi số cùng người dân',
  'Vận động đồng bào bỏ hủ tục trong việc cưới, việc tang',
  'Sân chơi cho thiếu nhi do dân cùng làm',
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

export interface BulkResult {
  inserted: number;
  seconds: number;
}

// Models per transaction (and per INSERT): large enough that the counting triggers run rarely.
const BATCH = 10_000;

/**
 * Adds `count` synthetic approved models, each with a recognition and the main movement. Rows are
 * made by the one model-row builder, as registration makes them, and sent in large JSON batches;
 * each batch is one transaction, so a model never lacks its recognition. The main movement is
 * added to all of them at the end.
 */
export async function seedBulk(db: Db, count: number, onProgress?: (done: number) => void): Promise<BulkResult> {
  const started = Date.now();
  const places = await db
    .select({
      code: communes.code,
      name: communes.name,
      fullName: communes.fullName,
      provinceCode: communes.provinceCode,
      provinceName: provinces.name,
    })
    .from(communes)
    .innerJoin(provinces, eq(provinces.code, communes.provinceCode))
    .orderBy(communes.code);
  const [main] = await db.select({ id: movements.id }).from(movements).where(eq(movements.code, MAIN_MOVEMENT.code));
  // Stored searches would each be tested against every new row: drop them, the next use recounts them.
  await db.execute(sql`delete from search_queries where id <> 0`);
  // A pending list absorbs the flood of index entries; vacuum merges it afterwards.
  await db.execute(sql`alter index models_public_search_idx set (fastupdate = on)`);
  await db.execute(sql`alter index models_title_trgm_idx set (fastupdate = on)`);
  await db.execute(sql`alter index models_public_title_search_idx set (fastupdate = on)`);
  const added: number[] = [];
  try {
    for (let from = 1; from <= count; from += BATCH) {
      const to = Math.min(count, from + BATCH - 1);
      await inTransaction(db, async (tx) => {
        const ids = await reserveModelIds(tx, to - from + 1);
        const now = Date.now();
        const rows = ids.map((id, i) => {
          const g = from + i;
          const c = places[(g * 31) % places.length];
          const startedYear = 2016 + ((g * 3) % 10);
          return modelRow(
            {
              type: g % 5 < 3 ? 'collective' : 'individual',
              title: `${TITLES[(g * 7) % TITLES.length]} – ${c.fullName} (${g})`,
              fieldCode: FIELDS[(g * 13) % FIELDS.length],
              startedYear,
              summary: SUMMARIES[(g * 11) % SUMMARIES.length],
              holderName: `Tập thể ${c.fullName}`,
              holderRole: 'Tập thể',
              publishConsent: true,
            },
            { provinceCode: c.provinceCode, communeCode: c.code, names: [c.name, c.provinceName] },
            {
              id,
              status: 'approved',
              isDemo: true,
              recognisedYear: startedYear + (g % 2),
              createdAt: new Date(now),
              submittedAt: new Date(now),
              firstSubmittedAt: new Date(now),
              publishedAt: new Date(now - g * 60_000),
            },
          );
        });
        await insertInChunks(tx, models, rows, BATCH);
        await insertInChunks(
          tx,
          recognitions,
          rows.map((r) => ({
            modelId: r.id!,
            year: r.recognisedYear!,
            level: 'commune' as const,
            grade: 'tot' as const,
          })),
          BATCH,
        );
        added.push(ids[0], ids[ids.length - 1]);
      });
      if (to === count || Math.floor(to / 50_000) > Math.floor((to - BATCH) / 50_000)) onProgress?.(to);
    }
    // The membership counts join each batch of memberships with the whole models table, so the
    // memberships go in at once, not per batch (which grew with the table).
    if (added.length) {
      await db.execute(sql`insert into model_movements (model_id, movement_id)
        select id, ${main.id}::int from models
        where id between ${Math.min(...added)}::int and ${Math.max(...added)}::int and is_demo
        on conflict do nothing`);
    }
  } finally {
    await db.execute(sql`alter index models_public_search_idx set (fastupdate = off)`);
    await db.execute(sql`alter index models_title_trgm_idx set (fastupdate = off)`);
    await db.execute(sql`alter index models_public_title_search_idx set (fastupdate = off)`);
  }
  await db.execute(sql`vacuum analyze models`);
  // Without fresh statistics the planner takes a million memberships for a few thousand, and a
  // movement filter over the models table (the statistics page's level count) takes seconds.
  await db.execute(sql`analyze model_movements`);
  await db.execute(sql`analyze recognitions`);
  return { inserted: count, seconds: (Date.now() - started) / 1000 };
}
