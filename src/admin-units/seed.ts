import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Executor } from '../db/client.js';
import { communes, formerCommunes, formerCommuneSuccessors, formerProvinces, provinces } from '../db/schema.js';
import { adminUnitsDataDir } from '../paths.js';
import { foldVietnamese } from '../text/fold.js';
import { insertInChunks } from '../db/bulk.js';

type Row = Record<string, string>;

function readCsv(name: string): Row[] {
  const text = fs.readFileSync(path.join(adminUnitsDataDir, name), 'utf8');
  return parse(text, { columns: true, skip_empty_lines: true }) as Row[];
}

/** Loads the 34 provinces, their communes, and the former units mapped to them. */
export async function seedAdministrativeUnits(tx: Executor): Promise<void> {
  const provinceRows = readCsv('provinces.csv');
  await insertInChunks(
    tx,
    provinces,
    provinceRows.map((r) => ({
      code: r.code,
      name: r.name,
      fullName: r.full_name,
      type: r.type,
      nameFolded: foldVietnamese(r.name),
      reviewingBodyName:
        r.type === 'thanh_pho' ? 'Ban Tuyên giáo và Dân vận Thành ủy' : 'Ban Tuyên giáo và Dân vận Tỉnh ủy',
    })),
  );
  await insertInChunks(
    tx,
    communes,
    readCsv('communes.csv').map((r) => ({
      code: r.code,
      name: r.name,
      fullName: r.full_name,
      type: r.type,
      provinceCode: r.province_code,
      nameFolded: foldVietnamese(r.name),
    })),
  );
  await insertInChunks(
    tx,
    formerProvinces,
    readCsv('former_provinces.csv').map((r) => ({
      code: r.code,
      name: r.name,
      fullName: r.full_name,
      mergedIntoProvinceCode: r.merged_into_province_code,
    })),
  );
  await insertInChunks(
    tx,
    formerCommunes,
    readCsv('former_communes.csv').map((r) => ({
      code: r.code,
      name: r.name,
      fullName: r.full_name,
      type: r.type,
      formerDistrictName: r.former_district_name,
      formerProvinceCode: r.former_province_code,
      mergeType: r.merge_type,
    })),
  );
  await insertInChunks(
    tx,
    formerCommuneSuccessors,
    readCsv('former_communes_edges.csv').map((r) => ({
      formerCode: r.former_code,
      communeCode: r.new_code,
      relation: r.relation,
      note: r.note_vi,
    })),
  );
}
