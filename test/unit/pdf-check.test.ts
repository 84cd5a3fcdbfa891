import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDeflate } from 'node:zlib';
import { expect } from 'chai';
import { checkPdf, PDF_CHECK_DEFAULTS, PdfCheckerMissing } from '../../src/evidence/pdf-check.js';
import * as sample from '../helpers/sample-files.js';
import { pdfOf } from '../helpers/hostile-files.js';

const OPTIONS = { qpdfPath: 'qpdf', ...PDF_CHECK_DEFAULTS };

/** An object stream whose one object is followed by `mb` megabytes of spaces once inflated. */
async function objectStreamBomb(mb: number): Promise<Buffer> {
  const head = '4 0 ';
  const deflate = createDeflate({ level: 1 });
  const parts: Buffer[] = [];
  deflate.on('data', (c: Buffer) => parts.push(c));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  deflate.write(`${head}<< /S /JavaScript /JS (app.alert\\(1\\)) >>`);
  const chunk = Buffer.alloc(1024 * 1024, 0x20);
  for (let i = 0; i < mb; i++) deflate.write(chunk);
  deflate.end();
  await done;
  const data = Buffer.concat(parts);
  const chunks: Buffer[] = [Buffer.from('%PDF-1.7\n', 'latin1')];
  const offsets: number[] = [];
  let length = chunks[0].length;
  const add = (b: Buffer | string) => {
    const buf = typeof b === 'string' ? Buffer.from(b, 'latin1') : b;
    offsets.push(length);
    chunks.push(buf);
    length += buf.length;
  };
  add('1 0 obj\n<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>\nendobj\n');
  add('2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n');
  add('3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>\nendobj\n');
  add(
    Buffer.concat([
      Buffer.from(
        `5 0 obj\n<< /Type /ObjStm /N 1 /First ${head.length} /Filter /FlateDecode /Length ${data.length} >>\nstream\n`,
        'latin1',
      ),
      data,
      Buffer.from('\nendstream\nendobj\n', 'latin1'),
    ]),
  );
  const xref = length;
  // Cross-reference stream rows (type, offset or stream number, generation or index) for objects 0–6.
  const rows = [
    [0, 0, 255],
    [1, offsets[0], 0],
    [1, offsets[1], 0],
    [1, offsets[2], 0],
    [2, 5, 0],
    [1, offsets[3], 0],
    [1, xref, 0],
  ];
  const table = Buffer.alloc(rows.length * 6);
  rows.forEach(([t, o, g], i) => {
    table[i * 6] = t;
    table.writeUInt32BE(o, i * 6 + 1);
    table[i * 6 + 5] = g;
  });
  add(
    Buffer.concat([
      Buffer.from(
        `6 0 obj\n<< /Type /XRef /Size 7 /W [1 4 1] /Root 1 0 R /Length ${table.length} >>\nstream\n`,
        'latin1',
      ),
      table,
      Buffer.from(`\nendstream\nendobj\nstartxref\n${xref}\n%%EOF\n`, 'latin1'),
    ]),
  );
  return Buffer.concat(chunks);
}

describe('PDF check (qpdf)', function () {
  this.timeout(60000);
  let dir: string;
  const write = (name: string, body: Buffer | string, mode = 0o644) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, body, { mode });
    return p;
  };
  /** A stand-in for qpdf: prints `json`, complains with `warnings`, exits with `code`. */
  const fakeQpdf = (json: string, warnings: string[], code: number) =>
    write(
      `fake-${Math.random().toString(36).slice(2)}.sh`,
      `#!/bin/sh\nprintf '%s' '${json}'\n${warnings.map((w) => `echo '${w}' >&2`).join('\n')}\nexit ${code}\n`,
      0o755,
    );
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dvk-pdfcheck-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('accepts a well-formed PDF and one whose cross-reference offset is wrong (repaired)', async () => {
    expect(await checkPdf(write('a.pdf', sample.pdf()), 'a.pdf', OPTIONS)).to.deep.equal({ ok: true });
    const broken = sample
      .pdf()
      .toString('latin1')
      .replace(/startxref\n\d+/, 'startxref\n999999');
    expect(await checkPdf(write('b.pdf', broken), 'b.pdf', OPTIONS)).to.deep.equal({ ok: true });
  });

  it('names the active entry it found', async () => {
    const pdf = pdfOf([
      '<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
      '<< /S /La#75nch /F (cmd.exe) >>',
    ]);
    expect(await checkPdf(write('c.pdf', pdf), 'c.pdf', OPTIONS)).to.deep.equal({
      ok: false,
      problem: 'active',
      name: 'Launch',
    });
  });

  it('refuses a link to a javascript: address, and accepts a web link', async () => {
    const linked = (uri: string) =>
      pdfOf([
        '<< /Type /Catalog /Pages 2 0 R >>',
        '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
        '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Annots [4 0 R] >>',
        `<< /Type /Annot /Subtype /Link /Rect [0 0 100 100] /A << /S /URI /URI (${uri}) >> >>`,
      ]);
    expect(await checkPdf(write('j.pdf', linked(' JavaScript:app.alert(1)')), 'j.pdf', OPTIONS)).to.deep.equal({
      ok: false,
      problem: 'active',
      name: 'URI javascript:',
    });
    expect(await checkPdf(write('k.pdf', linked('https://danvan.vn')), 'k.pdf', OPTIONS)).to.deep.equal({ ok: true });
  });

  it('refuses an object stream that inflates beyond qpdf’s memory limit instead of missing what is in it', async () => {
    const file = write('bomb.pdf', await objectStreamBomb(300));
    expect(fs.statSync(file).size).to.be.below(2 * 1024 * 1024);
    const verdict = await checkPdf(file, 'bomb.pdf', { ...OPTIONS, maxMemoryBytes: 128 * 1024 * 1024 });
    expect(verdict).to.deep.equal({ ok: false, problem: 'unreadable' });
  });

  it('stops reading output beyond the limit', async () => {
    const verdict = await checkPdf(write('d.pdf', sample.pdf()), 'd.pdf', { ...OPTIONS, maxOutputBytes: 100 });
    expect(verdict).to.deep.equal({ ok: false, problem: 'too-complex' });
  });

  it('kills a qpdf that does not finish in time', async () => {
    const slow = write('slow.sh', '#!/bin/sh\nexec sleep 60\n', 0o755);
    const verdict = await checkPdf(write('e.pdf', sample.pdf()), 'e.pdf', {
      ...OPTIONS,
      qpdfPath: slow,
      timeoutMs: 300,
    });
    expect(verdict).to.deep.equal({ ok: false, problem: 'timeout' });
  });

  it('accepts repair warnings only when no object stream could have been missed', async () => {
    const repaired = 'WARNING: x.pdf: file is damaged';
    const pdf = write('f.pdf', sample.pdf());
    const plain = '{"qpdf":[{},{"obj:1 0 R":{"value":{"/Type":"/Catalog"}}}]}';
    const packed = '{"qpdf":[{},{"obj:5 0 R":{"stream":{"dict":{"/Type": "/ObjStm"}}}}]}';
    const check = (json: string, warnings: string[], code: number) =>
      checkPdf(pdf, 'f.pdf', { ...OPTIONS, qpdfPath: fakeQpdf(json, warnings, code) });
    expect(await check(plain, [repaired], 3)).to.deep.equal({ ok: true });
    expect(await check(packed, [repaired], 3)).to.deep.equal({ ok: false, problem: 'unreadable' });
    expect(
      await check(plain, ['WARNING: x.pdf (offset 9): error decoding stream data for object 5 0'], 3),
    ).to.deep.equal({
      ok: false,
      problem: 'unreadable',
    });
    expect(await check(plain, [], 2)).to.deep.equal({ ok: false, problem: 'unreadable' });
  });

  it('runs at most two qpdf processes at once', async () => {
    const runs = path.join(dir, 'runs');
    fs.mkdirSync(runs);
    const counting = write(
      'counting.sh',
      `#!/bin/sh\ntouch "${runs}/$$"\nls "${runs}" | wc -l >> "${dir}/seen"\nsleep 0.2\nrm "${runs}/$$"\nprintf '{}'\n`,
      0o755,
    );
    const pdf = write('h.pdf', sample.pdf());
    const verdicts = await Promise.all(
      Array.from({ length: 6 }, () => checkPdf(pdf, 'h.pdf', { ...OPTIONS, qpdfPath: counting })),
    );
    expect(verdicts).to.deep.equal(Array.from({ length: 6 }, () => ({ ok: true })));
    const seen = fs.readFileSync(path.join(dir, 'seen'), 'utf8').trim().split('\n').map(Number);
    expect(seen).to.have.length(6);
    expect(Math.max(...seen)).to.be.at.most(2);
  });

  it('fails closed when qpdf is missing', async () => {
    const missing = checkPdf(write('g.pdf', sample.pdf()), 'g.pdf', { ...OPTIONS, qpdfPath: path.join(dir, 'none') });
    const err = await missing.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).to.be.instanceOf(PdfCheckerMissing);
    expect((err as Error).message).to.contain('không kiểm tra được tệp PDF “g.pdf”');
  });
});
