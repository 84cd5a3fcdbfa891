// The tables of the open-data archive: one CSV per entity of the public catalogue. Only what the public pages
// show: approved models; their recognitions, standing commendations and movements; replication links between
// approved models; movements not in draft with their phases; the administrative units, current and former.
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '../db/client.js';
import { PUBLIC, streamModels } from '../listing/query.js';
import { PUBLIC_MODEL_COLUMNS, type CellValue, type Column, type PublicExportRow } from '../listing/export-columns.js';
import { publicText } from '../policy/privacy.js';
import { RECOGNITION_GRADES, RECOGNITION_LEVELS } from '../reference/vocabulary.js';
import { KIND_LABELS, STATUS_LABELS } from '../movements/labels.js';
import { EXPORT_BATCH } from '../listing/export-writers.js';

type Row = Record<string, any>;

export interface OpenDataTable {
  file: string;
  title: string;
  about: string;
  columns: Column<Row>[];
  rows: (db: Executor, site: string) => AsyncIterable<Row>;
}

const BATCH = 2000;

/**
 * Every row of a query in batches that resume after the last key read, so that no table sits in memory.
 * `select(after)` reads one batch ordered by the key, after the given key values (none for the first).
 */
async function* keyset(
  db: Executor,
  select: (after: SQL) => SQL,
  key: string[],
  keyOf: (r: Row) => unknown[],
): AsyncGenerator<Row> {
  let after: unknown[] | null = null;
  const keyList = sql.join(
    key.map((k) =>
      sql.join(
        k.split('.').map((part) => sql.identifier(part)),
        sql`.`,
      ),
    ),
    sql`, `,
  );
  for (;;) {
    const condition: SQL = after
      ? sql`(${keyList}) > (${sql.join(
          after.map((v) => sql`${v}`),
          sql`, `,
        )})`
      : sql`true`;
    const rows: Row[] = await queryRows<Row>(db, sql`${select(condition)} order by ${keyList} limit ${BATCH}`);
    yield* rows;
    if (rows.length < BATCH) return;
    after = keyOf(rows[rows.length - 1]);
  }
}

/** Masks an unconsented individual's name in text of a model's row (holder columns h_type, h_name, h_consent). */
const masked = (r: Row, text: unknown) =>
  text === null || text === undefined
    ? null
    : publicText(String(text), { type: r.h_type, publishConsent: r.h_consent, holderName: r.h_name });
const holderOf = (alias: string) => {
  const a = sql.identifier(alias);
  return sql`${a}.type as h_type, ${a}.holder_name as h_name, ${a}.publish_consent as h_consent`;
};

const col = (
  header: string,
  kind: Column<Row>['kind'],
  description: string,
  value: (r: Row) => unknown,
): Column<Row> => ({ header, kind, description, value: (r) => (value(r) ?? null) as CellValue });
const text = (header: string, description: string, field: string) => col(header, 'text', description, (r) => r[field]);
const int = (header: string, description: string, field: string) =>
  col(header, 'integer', description, (r) => (r[field] === null ? null : Number(r[field])));
const day = (header: string, description: string, field: string) =>
  col(header, 'date', description, (r) => (r[field] === null ? null : String(r[field]).slice(0, 10)));

export const OPEN_DATA_TABLES: OpenDataTable[] = [
  {
    file: 'mo-hinh.csv',
    title: 'Mô hình',
    about: 'Các mô hình đã được công nhận, cùng cột như tệp tải từ trang Tra cứu (/mo-hinh.csv).',
    columns: PUBLIC_MODEL_COLUMNS as unknown as Column<Row>[],
    async *rows(db, site) {
      for await (const m of streamModels(
        db,
        { audience: PUBLIC, filters: {}, sort: 'newest' },
        { batchSize: EXPORT_BATCH },
      ))
        yield { ...m, url: `${site}/mo-hinh/${encodeURIComponent(m.slug)}` } satisfies PublicExportRow;
    },
  },
  {
    file: 'cong-nhan.csv',
    title: 'Công nhận',
    about: 'Các lần công nhận của mô hình (năm, cấp, loại).',
    columns: [
      int('Mã công nhận', 'Mã số của lần công nhận', 'id'),
      int('Mã mô hình', 'Mã số mô hình (cột Mã số của mo-hinh.csv)', 'model_id'),
      int('Năm', 'Năm công nhận', 'year'),
      text('Mã cấp', 'commune, province hoặc central', 'level'),
      col('Cấp', 'text', 'Cấp công nhận', (r) => RECOGNITION_LEVELS[r.level as keyof typeof RECOGNITION_LEVELS]),
      text('Mã loại', 'tot hoặc kha', 'grade'),
      col('Loại', 'text', 'Tốt hoặc Khá', (r) => RECOGNITION_GRADES[r.grade as keyof typeof RECOGNITION_GRADES]),
      text('Số quyết định', 'Số quyết định công nhận', 'decision_number'),
      day('Ngày quyết định', 'Ngày quyết định (YYYY-MM-DD)', 'decision_date'),
    ],
    rows: (db) =>
      keyset(
        db,
        (after) => sql`select r.id, r.model_id, r.year, r.level, r.grade, r.decision_number, r.decision_date
        from recognitions r join models m on m.id = r.model_id and m.status = 'approved' where ${after}`,
        ['r.id'],
        (r) => [r.id],
      ),
  },
  {
    file: 'khen-thuong.csv',
    title: 'Khen thưởng',
    about: 'Khen thưởng còn hiệu lực của mô hình (khen thưởng đã thu hồi không công bố).',
    columns: [
      int('Mã khen thưởng', 'Mã số của khen thưởng', 'id'),
      int('Mã mô hình', 'Mã số mô hình', 'model_id'),
      text('Mã hình thức', 'Mã hình thức khen thưởng', 'form'),
      text('Hình thức', 'Hình thức khen thưởng (Bằng khen, Giấy khen…)', 'form_name'),
      col('Cơ quan khen thưởng', 'text', 'Cơ quan ra quyết định', (r) => masked(r, r.issuing_body)),
      text('Mã cấp', 'commune, province hoặc central', 'level'),
      text('Số quyết định', 'Số quyết định', 'decision_number'),
      day('Ngày quyết định', 'Ngày quyết định (YYYY-MM-DD)', 'decision_date'),
      text('Mã phong trào', 'Phong trào gắn với khen thưởng (xem phong-trao.csv), nếu có', 'movement_code'),
      col('Ghi chú', 'text', 'Ghi chú công khai', (r) => masked(r, r.note)),
    ],
    rows: (db) =>
      keyset(
        db,
        (after) => sql`select c.id, c.model_id, c.form, f.name as form_name, c.issuing_body, c.level,
          c.decision_number, c.decision_date, mv.code as movement_code, c.note, ${holderOf('m')}
        from commendations c join models m on m.id = c.model_id and m.status = 'approved'
        join commendation_forms f on f.code = c.form
        left join movements mv on mv.id = c.movement_id and mv.status <> 'draft'
        where c.revoked_at is null and ${after}`,
        ['c.id'],
        (r) => [r.id],
      ),
  },
  {
    file: 'phong-trao.csv',
    title: 'Phong trào',
    about: 'Các phong trào thi đua đã ban hành (không gồm bản nháp).',
    columns: [
      int('Mã số', 'Mã số của phong trào', 'id'),
      text('Mã phong trào', 'Mã phong trào (như trong API /api/v1/movements)', 'code'),
      text('Tên phong trào', 'Tên', 'name'),
      col('Loại', 'text', 'Thường xuyên hoặc theo chuyên đề', (r) => KIND_LABELS[r.kind] ?? r.kind),
      text('Mã cấp', 'central, province hoặc commune', 'level'),
      text('Mã tỉnh', 'Tỉnh phát động (phong trào cấp tỉnh)', 'province_code'),
      text('Cơ quan phát động', 'Cơ quan phát động', 'issuing_body'),
      text('Số văn bản', 'Số văn bản phát động', 'document_number'),
      day('Ngày văn bản', 'Ngày văn bản (YYYY-MM-DD)', 'document_date'),
      int('Năm bắt đầu', 'Năm bắt đầu', 'start_year'),
      int('Năm kết thúc', 'Năm kết thúc, nếu có', 'end_year'),
      col('Tình trạng', 'text', 'Đang thực hiện hoặc đã kết thúc', (r) => STATUS_LABELS[r.status] ?? r.status),
      text('Mục tiêu', 'Mục tiêu', 'goals'),
      text('Tiêu chí', 'Tiêu chí', 'criteria'),
      text('Đối tượng', 'Đối tượng tham gia', 'participants'),
      text('Mô tả', 'Mô tả', 'description'),
      col('Dữ liệu mẫu', 'boolean', 'Dữ liệu trình diễn (có hoặc không)', (r) => r.is_demo),
    ],
    rows: (db) =>
      keyset(
        db,
        (after) => sql`select id, code, name, kind, level, province_code, issuing_body, document_number,
          document_date, start_year, end_year, status, goals, criteria, participants, description, is_demo
        from movements where status <> 'draft' and ${after}`,
        ['id'],
        (r) => [r.id],
      ),
  },
  {
    file: 'giai-doan.csv',
    title: 'Giai đoạn của phong trào',
    about: 'Các giai đoạn của các phong trào trong phong-trao.csv.',
    columns: [
      int('Mã giai đoạn', 'Mã số của giai đoạn', 'id'),
      text('Mã phong trào', 'Mã phong trào (phong-trao.csv)', 'movement_code'),
      text('Tên giai đoạn', 'Tên', 'name'),
      int('Năm bắt đầu', 'Năm bắt đầu', 'start_year'),
      int('Năm kết thúc', 'Năm kết thúc, nếu có', 'end_year'),
      int('Thứ tự', 'Thứ tự trong phong trào', 'position'),
    ],
    rows: (db) =>
      keyset(
        db,
        (after) => sql`select p.id, mv.code as movement_code, p.name, p.start_year, p.end_year, p.position
        from movement_phases p join movements mv on mv.id = p.movement_id and mv.status <> 'draft' where ${after}`,
        ['p.id'],
        (r) => [r.id],
      ),
  },
  {
    file: 'mo-hinh-phong-trao.csv',
    title: 'Mô hình thuộc phong trào',
    about: 'Mỗi dòng: một mô hình tham gia một phong trào.',
    columns: [
      int('Mã mô hình', 'Mã số mô hình (mo-hinh.csv)', 'model_id'),
      text('Mã phong trào', 'Mã phong trào (phong-trao.csv)', 'movement_code'),
    ],
    rows: (db) =>
      keyset(
        db,
        (after) => sql`select mm.model_id, mm.movement_id, mv.code as movement_code from model_movements mm
        join models m on m.id = mm.model_id and m.status = 'approved'
        join movements mv on mv.id = mm.movement_id and mv.status <> 'draft' where ${after}`,
        ['mm.model_id', 'mm.movement_id'],
        (r) => [r.model_id, r.movement_id],
      ),
  },
  {
    file: 'nhan-rong.csv',
    title: 'Nhân rộng',
    about: 'Mỗi dòng: mô hình nhân rộng (mã nhân rộng) học theo mô hình gốc; cả hai đều đã được công nhận.',
    columns: [
      int('Mã mô hình gốc', 'Mã số mô hình được nhân rộng', 'source_model_id'),
      int('Mã mô hình nhân rộng', 'Mã số mô hình học theo', 'replica_model_id'),
      col('Ghi chú', 'text', 'Điều mô hình nhân rộng thay đổi so với mô hình gốc', (r) => masked(r, r.note)),
    ],
    rows: (db) =>
      keyset(
        db,
        (after) => sql`select r.source_model_id, r.replica_model_id, r.note, ${holderOf('rm')}
        from replications r join models rm on rm.id = r.replica_model_id and rm.status = 'approved'
        join models sm on sm.id = r.source_model_id and sm.status = 'approved' where ${after}`,
        ['r.source_model_id', 'r.replica_model_id'],
        (r) => [r.source_model_id, r.replica_model_id],
      ),
  },
  {
    file: 'tinh.csv',
    title: 'Tỉnh, thành phố',
    about: 'Các tỉnh, thành phố hiện nay (sau sắp xếp năm 2025).',
    columns: [
      text('Mã tỉnh', 'Mã tỉnh (2 chữ số)', 'code'),
      text('Tên', 'Tên ngắn', 'name'),
      text('Tên đầy đủ', 'Tên đầy đủ', 'full_name'),
      text('Loại', 'Loại đơn vị (tỉnh hoặc thành phố trực thuộc Trung ương)', 'type'),
    ],
    rows: (db) =>
      keyset(
        db,
        (after) => sql`select code, name, full_name, type from provinces where ${after}`,
        ['code'],
        (r) => [r.code],
      ),
  },
  {
    file: 'xa.csv',
    title: 'Xã, phường',
    about: 'Các xã, phường, đặc khu hiện nay.',
    columns: [
      text('Mã xã', 'Mã xã (5 chữ số)', 'code'),
      text('Tên', 'Tên ngắn', 'name'),
      text('Tên đầy đủ', 'Tên đầy đủ', 'full_name'),
      text('Loại', 'Loại đơn vị (xã, phường, đặc khu)', 'type'),
      text('Mã tỉnh', 'Tỉnh (tinh.csv)', 'province_code'),
    ],
    rows: (db) =>
      keyset(
        db,
        (after) => sql`select code, name, full_name, type, province_code from communes where ${after}`,
        ['code'],
        (r) => [r.code],
      ),
  },
  {
    file: 'tinh-cu.csv',
    title: 'Tỉnh cũ',
    about: 'Các tỉnh trước khi hợp nhất, với tỉnh mới mà mỗi tỉnh đã nhập vào.',
    columns: [
      text('Mã tỉnh cũ', 'Mã tỉnh cũ', 'code'),
      text('Tên', 'Tên ngắn', 'name'),
      text('Tên đầy đủ', 'Tên đầy đủ', 'full_name'),
      text('Mã tỉnh mới', 'Tỉnh hiện nay (tinh.csv)', 'merged_into_province_code'),
    ],
    rows: (db) =>
      keyset(
        db,
        (after) => sql`select code, name, full_name, merged_into_province_code from former_provinces where ${after}`,
        ['code'],
        (r) => [r.code],
      ),
  },
  {
    file: 'xa-cu.csv',
    title: 'Xã cũ',
    about: 'Các xã, phường, thị trấn trước khi sắp xếp.',
    columns: [
      text('Mã xã cũ', 'Mã xã cũ', 'code'),
      text('Tên', 'Tên ngắn', 'name'),
      text('Tên đầy đủ', 'Tên đầy đủ', 'full_name'),
      text('Loại', 'Loại đơn vị', 'type'),
      text('Huyện cũ', 'Quận, huyện, thị xã cũ', 'former_district_name'),
      text('Mã tỉnh cũ', 'Tỉnh cũ (tinh-cu.csv)', 'former_province_code'),
      text('Cách sắp xếp', 'whole: nhập toàn bộ vào một xã mới; split: chia về nhiều xã', 'merge_type'),
    ],
    rows: (db) =>
      keyset(
        db,
        (after) => sql`select code, name, full_name, type, former_district_name, former_province_code, merge_type
        from former_communes where ${after}`,
        ['code'],
        (r) => [r.code],
      ),
  },
  {
    file: 'xa-cu-xa-moi.csv',
    title: 'Xã cũ và xã mới',
    about: 'Mỗi dòng: một xã cũ và một xã mới nhận (toàn bộ hoặc một phần) địa bàn của nó.',
    columns: [
      text('Mã xã cũ', 'xa-cu.csv', 'former_code'),
      text('Mã xã mới', 'xa.csv', 'commune_code'),
      text('Quan hệ', 'Cách xã mới nhận địa bàn', 'relation'),
      text('Ghi chú', 'Ghi chú', 'note'),
    ],
    rows: (db) =>
      keyset(
        db,
        (after) => sql`select former_code, commune_code, relation, note from former_commune_successors where ${after}`,
        ['former_code', 'commune_code'],
        (r) => [r.former_code, r.commune_code],
      ),
  },
];

/** The fingerprint of what the catalogue version does not follow (recognitions are internal to it). */
export async function recognitionsMark(db: Executor): Promise<string> {
  const [row] = await queryRows<{ n: number; top: number }>(
    db,
    sql`select count(*)::int as n, coalesce(max(id), 0)::int as top from recognitions`,
  );
  return `${Number(row.n)}-${Number(row.top)}`;
}
