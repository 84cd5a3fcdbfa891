// The central admins' list of commendation forms: add, rename, reorder, deactivate; delete only while unused.
import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../db/client.js';
import { Conflict, NotFound } from '../http/errors.js';
import { slugify } from '../text/fold.js';
import { FieldErrors } from './validation.js';

export interface FormInput {
  name: string;
  position: number;
  isActive: boolean;
}

const NAME_MAX = 120;

export function parseFormInput(body: Record<string, unknown>): FormInput {
  const errors: Record<string, string> = {};
  const name = typeof body.name === 'string' ? body.name.normalize('NFC').trim().replace(/\s+/g, ' ') : '';
  if (name.length < 2 || name.length > NAME_MAX)
    errors.name = `Tên hình thức khen thưởng dài từ 2 đến ${NAME_MAX} ký tự.`;
  const positionText = typeof body.position === 'string' ? body.position.trim() : '';
  const position = positionText === '' ? 0 : Number(positionText);
  if (!/^\d{0,4}$/.test(positionText)) errors.position = 'Thứ tự là số nguyên từ 0 đến 9999.';
  if (Object.keys(errors).length) throw new FieldErrors(errors);
  return { name, position, isActive: body.isActive === 'on' || body.isActive === '1' || body.isActive === 'yes' };
}

async function nameTaken(db: Executor, name: string, except: string | null): Promise<boolean> {
  const rows = await queryRows(
    db,
    sql`select 1 from commendation_forms where lower(name) = lower(${name}) and code <> ${except ?? ''}`,
  );
  return rows.length > 0;
}

export async function addForm(db: Executor, input: FormInput): Promise<string> {
  if (await nameTaken(db, input.name, null)) throw new FieldErrors({ name: `Đã có hình thức “${input.name}”.` });
  const base = slugify(input.name).replace(/-/g, '_').slice(0, 28) || 'hinh_thuc';
  const taken = new Set(
    (await queryRows<{ code: string }>(db, sql`select code from commendation_forms where code like ${`${base}%`}`)).map(
      (r) => r.code,
    ),
  );
  let code = base;
  for (let n = 2; taken.has(code); n++) code = `${base}_${n}`;
  // A new form goes last unless a place is given.
  const [last] = await queryRows<{ p: number }>(
    db,
    sql`select coalesce(max(position), 0)::int as p from commendation_forms`,
  );
  const position = input.position || Number(last.p) + 10;
  await db.execute(sql`insert into commendation_forms (code, name, position, is_active)
    values (${code}, ${input.name}, ${position}, true)`);
  return code;
}

export async function updateForm(db: Executor, code: string, input: FormInput): Promise<void> {
  if (await nameTaken(db, input.name, code)) throw new FieldErrors({ name: `Đã có hình thức “${input.name}”.` });
  const rows = await queryRows(
    db,
    sql`update commendation_forms set name = ${input.name}, position = ${input.position}, is_active = ${input.isActive}
    where code = ${code} returning code`,
  );
  if (!rows.length) throw new NotFound('Không có hình thức khen thưởng này.');
}

/** Deletes a form no commendation has; one in use can only be deactivated, so records keep their form. */
export async function deleteForm(db: Executor, code: string): Promise<void> {
  const [form] = await queryRows<{ uses: number }>(
    db,
    sql`select (select count(*) from commendations c where c.form = f.code)::int as uses
    from commendation_forms f where f.code = ${code}`,
  );
  if (!form) throw new NotFound('Không có hình thức khen thưởng này.');
  if (Number(form.uses) > 0)
    throw new Conflict(
      { status: 'in_use', version: 0 },
      `Hình thức này đã dùng cho ${form.uses} khen thưởng nên không xóa được; hãy bỏ chọn “Đang dùng” để ngừng sử dụng.`,
    );
  await db.execute(sql`delete from commendation_forms where code = ${code}`);
}
