import { count, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { users } from '../db/schema.js';

/** Demo accounts, created only with the demo data; password for all: DEMO_PASSWORD. */
export const DEMO_PASSWORD = 'demo12345';

export interface DemoAccount {
  username: string;
  displayName: string;
  role: 'commune_cadre' | 'province_reviewer' | 'province_admin' | 'central_admin';
  provinceCode: string | null;
  /** Filled by the loader with the province's commune that holds most demo models. */
  needsCommune: boolean;
  description: string;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    username: 'admin.demo',
    displayName: 'Quản trị Trung ương (demo)',
    role: 'central_admin',
    provinceCode: null,
    needsCommune: false,
    description: 'quản trị Trung ương, toàn quốc',
  },
  {
    username: 'tinh.demo',
    displayName: 'Ban Tuyên giáo và Dân vận Tỉnh ủy Thái Nguyên (demo)',
    role: 'province_admin',
    provinceCode: '19',
    needsCommune: false,
    description: 'quản trị và thẩm định cấp tỉnh, Thái Nguyên',
  },
  {
    username: 'xa.demo',
    displayName: 'Cán bộ xã (demo), Thái Nguyên',
    role: 'commune_cadre',
    provinceCode: '19',
    needsCommune: true,
    description: 'cán bộ xã, Thái Nguyên',
  },
  {
    username: 'tinh.hatinh.demo',
    displayName: 'Ban Tuyên giáo và Dân vận Tỉnh ủy Hà Tĩnh (demo)',
    role: 'province_reviewer',
    provinceCode: '42',
    needsCommune: false,
    description: 'thẩm định cấp tỉnh, Hà Tĩnh',
  },
  {
    username: 'xa.hatinh.demo',
    displayName: 'Cán bộ xã (demo), Hà Tĩnh',
    role: 'commune_cadre',
    provinceCode: '42',
    needsCommune: true,
    description: 'cán bộ xã, Hà Tĩnh',
  },
];

export async function demoDataPresent(db: Db): Promise<boolean> {
  const [{ n }] = await db.select({ n: count() }).from(users).where(eq(users.isDemo, true));
  return n > 0;
}
