// Serving evidence files: always through the app and the policy, never from a static folder.
import { Router, type Request, type Response } from 'express';
import { create as contentDisposition } from 'content-disposition';
import rangeParser from 'range-parser';
import type { AppContext } from '../context.js';
import { can } from '../policy/policy.js';
import { publicText } from '../policy/privacy.js';
import { findFile, type EvidenceFile } from './queries.js';
import type { FileStore } from './storage.js';
import { NotFound, Invalid } from '../http/errors.js';

/** What a link asks for: the thumbnail, the file to look at (an image's clean copy), or the original. */
const VARIANTS = { thumbnail: 'anh-nho', view: 'xem', original: 'tai-ve' } as const;
type Variant = keyof typeof VARIANTS;
const VARIANT_BY_SLUG = Object.fromEntries(Object.entries(VARIANTS).map(([k, v]) => [v, k])) as Record<string, Variant>;

export const fileUrl = (file: Pick<EvidenceFile, 'id'>, variant: Variant) => `/tep/${file.id}/${VARIANTS[variant]}`;

// Shown in the browser, never run: images and video inline. PDFs and office files are always
// downloaded: a browser's PDF viewer would run the file in this site's origin, and its scripts
// cannot be sandboxed without breaking the viewer.
const INLINE = new Set(['image/jpeg', 'image/png', 'image/webp', 'video/mp4']);

interface Served {
  key: string;
  mime: string;
  name: string;
  inline: boolean;
}

function chooseObject(file: EvidenceFile, variant: Variant): Served | null {
  const webpName = `${file.originalName.replace(/\.[^.]*$/, '')}.webp`;
  if (variant === 'thumbnail')
    return file.thumbnailKey ? { key: file.thumbnailKey, mime: 'image/webp', name: webpName, inline: true } : null;
  if (variant === 'view' && file.displayKey)
    return { key: file.displayKey, mime: 'image/webp', name: webpName, inline: true };
  return {
    key: file.storageKey,
    mime: file.mimeType,
    name: file.originalName,
    inline: variant === 'view' && INLINE.has(file.mimeType),
  };
}

export function downloadRoutes(ctx: AppContext, store: FileStore): Router {
  const router = Router();

  router.get('/tep/:id/:variant', async (req: Request, res: Response) => {
    const variant = VARIANT_BY_SLUG[String(req.params.variant)];
    const id = String(req.params.id);
    const notFound = new NotFound('Không tìm thấy tệp này, hoặc tệp không được công khai.');
    if (!variant || !/^[1-9]\d{0,8}$/.test(id)) throw notFound;
    const found = await findFile(ctx.db, Number(id));
    // Whether a file exists is not told to someone who may not see it.
    if (!found || !can(req.user, 'viewFile', found.resource)) throw notFound;
    const { resource } = found;
    // The saved file name is public text to anyone outside the entry's scope.
    const file = can(req.user, 'viewInternal', resource.model)
      ? found.file
      : { ...found.file, originalName: publicText(found.file.originalName, found.holder) };
    if (variant === 'original' && file.kind === 'image' && !can(req.user, 'viewOriginalFile', resource)) throw notFound;
    const served = chooseObject(file, variant);
    if (!served) throw notFound;
    const stat = await store.stat(served.key);
    if (!stat) {
      req.log?.warn({ fileId: file.id, key: served.key }, 'evidence file missing from storage');
      throw new NotFound('Tệp này hiện không có trên máy chủ. Hãy báo quản trị viên.');
    }
    await send(req, res, store, served, stat.size, can(null, 'viewFile', resource));
  });

  return router;
}

async function send(req: Request, res: Response, store: FileStore, served: Served, size: number, publicCache: boolean) {
  // Keys are random and never reused, so the key and size identify the bytes.
  const etag = `"${served.key}-${size}"`;
  res.set({
    'Content-Type': served.mime,
    'Content-Disposition': contentDisposition(served.name, { type: served.inline ? 'inline' : 'attachment' }),
    'X-Content-Type-Options': 'nosniff',
    'Accept-Ranges': 'bytes',
    ETag: etag,
    // A file can become internal at any moment (made internal, model withdrawn): a public copy may be
    // kept but is asked about again on every use, so a 304 is cheap and the next use after the change
    // is a 404; an internal one is never kept.
    'Cache-Control': publicCache ? 'public, no-cache' : 'private, no-store',
    // Whatever a file contains, opened on its own it runs nothing.
    'Content-Security-Policy':
      "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; sandbox",
  });
  if (req.headers['if-none-match'] === etag) return void res.status(304).end();

  let range: { start: number; end: number } | undefined;
  const ifRange = req.headers['if-range'];
  if (req.headers.range && (!ifRange || ifRange === etag)) {
    const parsed = rangeParser(size, req.headers.range, { combine: true });
    if (parsed === -1) {
      res.set('Content-Range', `bytes */${size}`);
      throw new Invalid('Khoảng byte yêu cầu không hợp lệ.', { status: 416 });
    }
    // Several ranges are answered with the first, which browsers' media players never exceed.
    if (parsed !== -2 && parsed.type === 'bytes' && parsed.length > 0)
      range = { start: parsed[0].start, end: parsed[0].end };
  }
  if (range) {
    res.status(206).set('Content-Range', `bytes ${range.start}-${range.end}/${size}`);
    res.set('Content-Length', String(range.end - range.start + 1));
  } else {
    res.status(200).set('Content-Length', String(size));
  }
  if (req.method === 'HEAD') return void res.end();
  const stream = await store.get(served.key, range);
  await new Promise<void>((resolve) => {
    stream.on('error', (err) => {
      req.log?.error({ err }, 'evidence file read failed');
      res.destroy(err);
      resolve();
    });
    res.on('close', () => {
      stream.destroy();
      resolve();
    });
    stream.pipe(res);
  });
}
