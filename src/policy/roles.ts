/** The working roles of the registry, from the commune up to the centre. */
export const ROLES = ['commune_cadre', 'province_reviewer', 'province_admin', 'central_admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  commune_cadre: 'Cán bộ xã',
  province_reviewer: 'Thẩm định cấp tỉnh',
  province_admin: 'Quản trị cấp tỉnh',
  central_admin: 'Quản trị Trung ương',
};

/** What the policy needs of a signed-in user; the full account row fits. */
export interface Actor {
  id: number;
  role: Role;
  provinceCode: string | null;
  communeCode: string | null;
  disabled?: boolean;
}
