// One demo entry under consultation, with a few opinions (one hidden as abusive), so that the public
// "Lấy ý kiến nhân dân" page has something to show after `npm start`.
import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../db/client.js';

const OPINIONS: { name: string; stance: 'agree' | 'disagree'; body: string; hidden?: boolean }[] = [
  { name: 'Nguyễn Văn An', stance: 'agree', body: 'Tôi ở cùng xã, thấy mô hình làm thật, bà con được lợi rõ.' },
  { name: '', stance: 'agree', body: 'Nên công nhận để các thôn khác học tập cách làm.' },
  {
    name: 'Trần Thị Bình',
    stance: 'disagree',
    body: 'Số liệu kết quả nên ghi rõ nguồn; năm đầu còn ít hộ tham gia.',
  },
  { name: '', stance: 'disagree', body: 'Nội dung xúc phạm, đã được cán bộ thẩm định ẩn.', hidden: true },
];

/** Puts the first submitted demo entry of the preferred provinces (the demo reviewer's first) under consultation. */
export async function loadDemoConsultation(tx: Tx, provinceOrder: readonly string[]): Promise<void> {
  const [m] = await queryRows<{ id: number; version: number; reviewer: number | null }>(
    tx,
    sql`select m.id, m.version, (select u.id from users u where u.role = 'province_reviewer'
        and u.province_code = m.province_code order by u.id limit 1) as reviewer
    from models m where m.status = 'submitted' and m.is_demo
    order by array_position(${`{${provinceOrder.join(',')}}`}::text[], m.province_code::text) nulls last, m.id
    limit 1`,
  );
  if (!m) return;
  await tx.execute(sql`update models set status = 'consultation' where id = ${m.id}`);
  const [c] = await queryRows<{ id: number; closes_at: string }>(
    tx,
    sql`insert into consultations (model_id, opened_by, opened_at, closes_at)
    values (${m.id}, ${m.reviewer}, now() - interval '3 days', now() + interval '7 days') returning id, closes_at`,
  );
  await tx.execute(sql`insert into status_history (model_id, actor_id, action, from_status, to_status, comment, changes, version, created_at)
    values (${m.id}, ${m.reviewer}, 'consult', 'submitted', 'consultation', '',
      ${JSON.stringify({ consultation: { days: 10, closesAt: c.closes_at } })}::jsonb, ${m.version}, now() - interval '3 days')`);
  for (const [i, o] of OPINIONS.entries()) {
    await tx.execute(sql`insert into opinions (consultation_id, author_name, stance, body, address_key, created_at, hidden_at, hidden_by)
      values (${c.id}, ${o.name}, ${o.stance}, ${o.body}, ${`demo-${i}`}, now() - make_interval(hours => ${60 - i * 12}::int),
        ${o.hidden ? sql`now() - interval '1 hour'` : sql`null`}, ${o.hidden ? m.reviewer : null})`);
  }
}
