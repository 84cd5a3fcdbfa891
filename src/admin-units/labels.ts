/** How a place reads in the UI and the API: a former unit is always shown with its current one. */
export interface UnitName {
  code: string;
  name: string;
  fullName: string;
}

const lowerFirst = (s: string) => s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);

/** "Quảng Bình (nay thuộc tỉnh Quảng Trị)", or just "Quảng Trị" for a current province. */
export function provinceLabel(current: UnitName, former?: UnitName | null): string {
  if (!former) return current.name;
  if (former.name === current.name) return current.name;
  return `${former.name} (nay thuộc ${lowerFirst(current.fullName)})`;
}

/** "Xã Quảng Phú (nay thuộc xã Quảng Trạch)"; a split commune lists every successor. */
export function communeLabel(current: UnitName | null, former?: UnitName | null, successors: UnitName[] = []): string {
  if (!former) return current?.fullName ?? '';
  const now = successors.map((s) => lowerFirst(s.fullName));
  if (now.length === 0) return former.fullName;
  if (now.length === 1 && successors[0].fullName === former.fullName) return former.fullName;
  return `${former.fullName} (nay thuộc ${now.join(', ')})`;
}

/** The whole place, commune then province, with the current units for former ones. */
export function placeLabel(p: {
  province: UnitName;
  formerProvince?: UnitName | null;
  commune?: UnitName | null;
  formerCommune?: UnitName | null;
  successors?: UnitName[];
}): string {
  const province =
    p.formerProvince && p.formerProvince.name !== p.province.name
      ? `${lowerFirst(p.formerProvince.fullName)} (nay thuộc ${lowerFirst(p.province.fullName)})`
      : lowerFirst(p.province.fullName);
  const commune = communeLabel(p.commune ?? null, p.formerCommune, p.successors ?? []);
  return commune ? `${commune}, ${province}` : province.charAt(0).toLocaleUpperCase('vi') + province.slice(1);
}
