import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Router } from 'express';
import { create as contentDisposition } from 'content-disposition';
import type { AppContext } from '../context.js';
import { can } from '../policy/policy.js';
import { Forbidden } from '../http/errors.js';
import { baseUrl } from '../http/hosts.js';
import { onlyParams } from '../http/params.js';
import { PUBLIC_MODEL_COLUMNS } from '../listing/export-columns.js';
import { OPEN_DATA_TABLES } from './tables.js';
import { CatalogueArchive } from './archive.js';

const ARCHIVE_PATH = '/du-lieu-mo/danh-muc.zip';

export function openDataRoutes(ctx: AppContext): Router {
  const router = Router();
  const archive = new CatalogueArchive(ctx.db, path.join(ctx.config.dataDir, 'open-data'), ctx.config.openData);

  router.get('/du-lieu-mo', onlyParams(), (req, res) => {
    if (!can(req.user, 'viewPublic')) throw new Forbidden('Bạn không có quyền xem trang này.');
    res.render('open-data/index', {
      title: 'Dữ liệu mở',
      description: 'Tải toàn bộ danh mục mô hình “Dân vận khéo” và dùng API dữ liệu mở.',
      shareable: true,
      site: baseUrl(req, ctx.config),
      licence: ctx.config.openData,
      exportsPerHour: ctx.config.openData.exportsPerHour,
      tables: OPEN_DATA_TABLES.map((t) => ({
        file: t.file,
        title: t.title,
        about: t.about,
        columns: t.columns.length,
      })),
      modelColumns: PUBLIC_MODEL_COLUMNS.map((c) => c.header),
      archivePath: ARCHIVE_PATH,
    });
  });

  router.get(ARCHIVE_PATH, onlyParams(), async (req, res) => {
    if (!can(req.user, 'viewPublic')) throw new Forbidden('Bạn không có quyền tải tệp này.');
    const file = await archive.current(baseUrl(req, ctx.config));
    res.set('ETag', file.etag);
    res.set('Last-Modified', file.builtAt.toUTCString());
    // Always asked again, answered 304 while the catalogue has not changed.
    res.set('Cache-Control', 'public, no-cache');
    if (req.fresh) {
      res.status(304).end();
      return;
    }
    res.set('Content-Type', 'application/zip');
    res.set('Content-Length', String(file.size));
    res.set(
      'Content-Disposition',
      contentDisposition(`du-lieu-mo-dan-van-kheo-${file.builtAt.toISOString().slice(0, 10)}.zip`),
    );
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    // A build replacing this one may remove the file once it is open: the open descriptor still reads it whole.
    await pipeline(fs.createReadStream(file.path), res);
  });

  return router;
}
