import { sql } from 'drizzle-orm';
import { queryRows, type Db, type Executor, type Tx } from '../db/client.js';
import { can, type FileResource } from '../policy/policy.js';
import { modelResource, type ScopedRow } from '../policy/resources.js';
import { publicText } from '../policy/privacy.js';

export interface EvidenceFile {
  id: number;
  modelId: number;
  storageKey: string;
  thumbnailKey: string | null;
  displayKey: string | null;
  originalName: string;
  mimeType: string;
  kind: 'image' | 'document' | 'video';
  sizeBytes: number;
  width: number | null;
  height: number | null;
  caption: string;
  position: number;
  isPublic: boolean;
  createdAt: string;
}

const COLUMNS = sql`f.id, f.model_id as "modelId", f.storage_key as "storageKey", f.thumbnail_key as "thumbnailKey",
  f.display_key as "displayKey", f.original_name as "originalName", f.mime_type as "mimeType", f.kind, f.size_bytes as "sizeBytes",
  f.width, f.height, f.caption, f.position, f.is_public as "isPublic", f.created_at as "createdAt"`;

/** A model's files in the order the commune gave them. */
export async function listFiles(db: Db | Tx, modelId: number): Promise<EvidenceFile[]> {
  return queryRows<EvidenceFile>(
    db,
    sql`select ${COLUMNS} from evidence_files f where f.model_id = ${modelId} order by f.position, f.id`,
  );
}

export interface FileWithModel {
  file: EvidenceFile;
  resource: FileResource;
  /** Whose name the file's public text may not show (policy/privacy.ts). */
  holder: { type: string; publishConsent: boolean; holderName: string };
}

/** One file with what the policy needs to decide who may see it. */
export async function findFile(db: Db, id: number): Promise<FileWithModel | null> {
  const [row] = await queryRows<
    EvidenceFile & {
      m: {
        status: string;
        province_code: string;
        commune_code: string | null;
        former_commune_code: string | null;
        created_by: number | null;
        type: string;
        publish_consent: boolean;
        holder_name: string;
      };
    }
  >(
    db,
    sql`
    select ${COLUMNS}, json_build_object('status', m.status, 'province_code', m.province_code, 'commune_code', m.commune_code,
      'former_commune_code', m.former_commune_code, 'created_by', m.created_by, 'type', m.type, 'publish_consent', m.publish_consent,
      'holder_name', m.holder_name) as m
    from evidence_files f join models m on m.id = f.model_id where f.id = ${id}`,
  );
  if (!row) return null;
  const m = typeof row.m === 'string' ? JSON.parse(row.m) : row.m;
  const { m: _m, ...file } = row;
  const model = { ...(await modelResource(db, m)), type: m.type, publishConsent: Boolean(m.publish_consent) };
  const holder = { type: m.type, publishConsent: Boolean(m.publish_consent), holderName: String(m.holder_name) };
  return { file, holder, resource: { model, file: { isPublic: file.isPublic, kind: file.kind } } };
}

/** Totals that the per-entry limits are checked against. */
export async function fileTotals(
  tx: Executor,
  modelId: number,
): Promise<{ count: number; bytes: number; lastPosition: number }> {
  const [t] = await queryRows<{ count: number; bytes: string | number; last: number }>(
    tx,
    sql`
    select count(*)::int as count, coalesce(sum(size_bytes), 0)::bigint as bytes, coalesce(max(position), -1)::int as last
    from evidence_files where model_id = ${modelId}`,
  );
  return { count: t.count, bytes: Number(t.bytes), lastPosition: t.last };
}

export interface Gallery {
  images: EvidenceFile[];
  documents: EvidenceFile[];
  videos: EvidenceFile[];
}

/** What the public page shows of a model's files, decided by the same policy as the downloads. */
export async function publicGallery(db: Db, modelId: number): Promise<Gallery> {
  const rows = await queryRows<
    EvidenceFile & {
      status: string;
      type: string;
      publish_consent: boolean;
      province_code: string;
      holder_name: string;
    }
  >(
    db,
    sql`
    select ${COLUMNS}, m.status, m.type, m.publish_consent, m.province_code, m.holder_name
    from evidence_files f join models m on m.id = f.model_id
    where f.model_id = ${modelId} and f.is_public order by f.position, f.id`,
  );
  const visible = rows.filter((r) =>
    can(null, 'viewFile', {
      model: {
        status: r.status,
        type: r.type,
        publishConsent: Boolean(r.publish_consent),
        provinceCode: r.province_code,
        communeCode: null,
      },
      file: { isPublic: r.isPublic, kind: r.kind },
    }),
  );
  // Captions and file names are public text too: a name without consent is masked in them.
  const holder = (r: (typeof rows)[number]) => ({
    type: r.type,
    publishConsent: Boolean(r.publish_consent),
    holderName: r.holder_name,
  });
  for (const f of visible) {
    f.caption = publicText(f.caption, holder(f));
    f.originalName = publicText(f.originalName, holder(f));
  }
  return {
    images: visible.filter((f) => f.kind === 'image'),
    documents: visible.filter((f) => f.kind === 'document'),
    videos: visible.filter((f) => f.kind === 'video'),
  };
}

/** The model whose files a page manages: what the page shows of it and what decides its scope. */
export interface FileOwner extends ScopedRow {
  id: number;
  title: string;
  type: string;
  publish_consent: boolean;
  place: string;
}

export async function findFileOwner(db: Executor, id: number): Promise<FileOwner | null> {
  const [m] = await queryRows<FileOwner>(
    db,
    sql`select m.id, m.title, m.status, m.type, m.publish_consent, m.province_code,
      m.commune_code, m.former_commune_code, m.created_by, coalesce(c.full_name, fc.full_name, '') || ', ' || p.name as place
    from models m join provinces p on p.code = m.province_code
    left join communes c on c.code = m.commune_code left join former_communes fc on fc.code = m.former_commune_code
    where m.id = ${id}`,
  );
  return m ?? null;
}
