import http from 'node:http';
import net from 'node:net';
import { expect } from 'chai';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/client.js';
import { movements } from '../../src/db/schema.js';
import { DEMO_MOVEMENTS } from '../../src/demo/movements.js';

// A central movement still running, so that the registration form offers it whatever the year.
const { phases: _phases, ...OPEN_MOVEMENT } = DEMO_MOVEMENTS.find((m) => m.code === 'toan-dan-bao-ve-an-ninh-to-quoc')!;
import { insertModel } from '../helpers/fixtures.js';
import { fileWorld, filesUnder, type FileWorld } from '../helpers/disk.js';
import { tokenOf } from '../helpers/people.js';
import { answerMalformedRequests } from '../../src/http/input.js';
import { png } from '../helpers/sample-files.js';

// Bytes as Node's HTTP client sends a header value: each character one byte (Latin-1).
const bytes = (...b: number[]) => Buffer.from(b).toString('latin1');
const utf8AsHeader = (s: string) => Buffer.from(s, 'utf8').toString('latin1');

const FORM = {
  type: 'collective',
  title: 'Tổ hòa giải thôn Đồng Tâm',
  fieldCode: 'kinh-te',
  startedYear: '2022',
  summary: 'Tổ hòa giải giải quyết 30 vụ việc.',
  situation: 'Nhiều tranh chấp đất đai.',
  goals: 'Không để khiếu kiện vượt cấp.',
  beneficiaries: '300 hộ.',
  activities: 'Họp tổ hằng tháng.',
  leadBodies: 'Chi bộ thôn',
  results: '30 vụ hòa giải thành.',
  sustainability: 'Duy trì hằng năm.',
  holderName: 'Tổ hòa giải thôn Đồng Tâm',
  checkedSimilar: '1',
};
const encode = (pairs: [string, string][]) =>
  pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');

describe('hostile and malformed input', () => {
  let w: FileWorld;
  let submitted: number;
  let draft: number;
  const count = async (table: string) =>
    (await queryRows<{ n: number }>(w.database.db, sql`select count(*)::int as n from ${sql.identifier(table)}`))[0].n;
  before(async () => {
    w = await fileWorld();
    submitted = (await insertModel(w.database, { title: 'Mô hình chờ thẩm định', status: 'submitted' })).id;
    draft = (
      await insertModel(w.database, { title: 'Bản nháp của xã', status: 'draft', communeCode: w.people.commune })
    ).id;
    await w.database.db.insert(movements).values(OPEN_MOVEMENT);
  });
  after(() => w.close());

  describe('the address', () => {
    for (const path of ['/mo-hinh/%E0%A4%A', '/mo-hinh/%ZZ', '/mo-hinh/a%00b', '/quan-ly/mo-hinh/%C3%28']) {
      it(`answers ${path} with a 400 page in Vietnamese`, async () => {
        const res = await w.people.agents.anonymous.get(path);
        expect(res.status).to.equal(400);
        expect(res.type).to.equal('text/html');
        expect(res.text).to.contain('Địa chỉ không hợp lệ');
      });
    }
    for (const query of ['q=%ZZ', 'q=%C3%28', 'q=a%00', 'q=%E0%A4%A']) {
      it(`answers ?${query} with a 400, as a page and as JSON under /api`, async () => {
        const page = await w.people.agents.anonymous.get(`/mo-hinh?${query}`);
        expect(page.status).to.equal(400);
        expect(page.text).to.contain('Địa chỉ không hợp lệ (tham số &#34;q&#34;)');
        const api = await w.people.agents.anonymous.get(`/api/v1/models?${query}`);
        expect(api.status).to.equal(400);
        expect(api.body.error).to.include({ status: 400, parameter: 'q' });
        expect(api.body.error.message).to.contain('mã phần trăm');
      });
    }
    it('answers a broken path under /api in JSON', async () => {
      const res = await w.people.agents.anonymous.get('/api/v1/models/%E0%A4%A');
      expect(res.status).to.equal(400);
      expect(res.body.error.message).to.contain('Địa chỉ không hợp lệ');
    });
    it('takes well-formed Vietnamese in the query string', async () => {
      const res = await w.people.agents.anonymous.get(`/mo-hinh?q=${encodeURIComponent('hòa giải')}`);
      expect(res.status).to.equal(200);
    });
  });

  describe('headers', () => {
    it('drops a cookie that is not UTF-8 (another site may have set it) and answers the page', async () => {
      const res = await w.people.agents.anonymous.get('/').set('Cookie', `other=a${bytes(0xc3, 0x28)}b; theme=x`);
      expect(res.status).to.equal(200);
    });
    it('keeps the session of a signed-in person beside a cookie that is not UTF-8', async () => {
      const agent = w.people.agents.cadre;
      const jar = (agent as unknown as { jar: { getCookies(a: unknown): { toValueString(): string }[] } }).jar;
      const session = jar
        .getCookies({ domain: '127.0.0.1', path: '/', secure: false, script: false })
        .map((c) => c.toValueString())
        .join('; ');
      const res = await w.people.agents.anonymous
        .get('/dashboard')
        .set('Cookie', `other=a${bytes(0xc3, 0x28)}b; ${session}`);
      expect(res.status).to.equal(200);
    });
    for (const name of ['User-Agent', 'Referer', 'Accept-Language']) {
      it(`refuses ${name} that is not UTF-8`, async () => {
        const res = await w.people.agents.anonymous.get('/').set(name, `a${bytes(0xc3, 0x28)}b`);
        expect(res.status).to.equal(400);
        expect(res.text).to.contain(`Tiêu đề HTTP &#34;${name}&#34; không hợp lệ`);
      });
    }
    it('refuses an API request with such a header in JSON', async () => {
      const res = await w.people.agents.anonymous.get('/api/v1/fields').set('User-Agent', bytes(0xff, 0xfe));
      expect(res.status).to.equal(400);
      expect(res.body.error.message).to.contain('Tiêu đề HTTP "User-Agent" không hợp lệ');
    });
    it('takes UTF-8 text in a header', async () => {
      const res = await w.people.agents.anonymous.get('/').set('User-Agent', utf8AsHeader('Trình duyệt ô'));
      expect(res.status).to.equal(200);
    });
    for (const host of [`x${bytes(0xff)}y`, 'a b', '<script>', 'example.vn/evil']) {
      it(`refuses the Host ${JSON.stringify(host)}`, async () => {
        const res = await w.people.agents.anonymous.get('/api/v1/fields').set('Host', host);
        expect(res.status).to.equal(400);
        expect(res.body.error.message).to.contain('"Host"');
      });
    }
  });

  describe("what Node's parser refuses before the app", () => {
    let server: http.Server;
    let port = 0;
    before(async () => {
      server = http.createServer(w.app);
      answerMalformedRequests(server);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as net.AddressInfo).port;
    });
    after(() => new Promise<void>((resolve) => server.close(() => resolve())));

    /** The whole answer to bytes written as they are, until the server closes the connection. */
    const raw = (head: string) =>
      new Promise<string>((resolve, reject) => {
        const socket = net.connect(port, '127.0.0.1', () => socket.write(Buffer.from(head, 'latin1')));
        const chunks: Buffer[] = [];
        socket.on('data', (c) => chunks.push(c));
        socket.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        socket.on('error', reject);
      });
    for (const [what, head, status, message] of [
      ['a NUL in a header', 'GET / HTTP/1.1\r\nHost: x\r\nUser-Agent: a\0b\r\n\r\n', 400, 'ký tự không được phép'],
      [
        'a control byte in a header',
        'GET / HTTP/1.1\r\nHost: x\r\nReferer: a\x01b\r\n\r\n',
        400,
        'ký tự không được phép',
      ],
      ['a raw byte in the address', 'GET /mo-hinh/\xe0\xa4 HTTP/1.1\r\nHost: x\r\n\r\n', 400, 'ký tự không được phép'],
      ['a NUL in the address', 'GET /a\0b HTTP/1.1\r\nHost: x\r\n\r\n', 400, 'ký tự không được phép'],
      ['headers over the size limit', `GET /?q=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`, 431, 'quá dài'],
    ] as const) {
      it(`answers ${what} with ${status} in Vietnamese`, async () => {
        const answer = await raw(head);
        expect(answer).to.match(new RegExp(`^HTTP/1.1 ${status} `));
        expect(answer).to.contain('Content-Type: text/plain; charset=utf-8');
        expect(answer).to.contain(message);
      });
    }
    it('lets bytes 0x80–0xFF in a header value through to the app, which checks them', async () => {
      const answer = await raw('GET / HTTP/1.1\r\nHost: x\r\nUser-Agent: a\xc3\x28b\r\nConnection: close\r\n\r\n');
      expect(answer).to.match(/^HTTP\/1.1 400 /);
      expect(answer).to.contain('Tiêu đề HTTP &#34;User-Agent&#34; không hợp lệ');
    });
  });

  describe('URL-encoded form bodies', () => {
    // Latin-1, so that the string's characters are the bytes sent (the test writes raw bytes that way).
    const login = async (body: string) => {
      const agent = w.people.agents.anonymous;
      const _csrf = await tokenOf(agent);
      return agent
        .post('/login')
        .set('Content-Type', 'application/x-www-form-urlencoded')
        .serialize((b: unknown) => b as string)
        .send(Buffer.from(`_csrf=${encodeURIComponent(_csrf)}&${body}`, 'latin1'));
    };
    for (const [body, expected] of [
      ['username=%ZZ&password=x', 'Dữ liệu biểu mẫu không hợp lệ (trường “username”)'],
      ['username=%C3%28&password=x', 'Dữ liệu biểu mẫu không hợp lệ (trường “username”)'],
      ['username=a%00&password=x', 'Dữ liệu biểu mẫu không hợp lệ (trường “username”)'],
      [`username=${bytes(0xff)}&password=x`, 'chỉ nhận văn bản mã hóa UTF-8'],
      ['username=a&username=b&password=x', 'Trường “username” chỉ được có một giá trị'],
      ['username[]=a&password=x', 'Trường “username[]” không hợp lệ'],
      ['username[a]=a&password=x', 'Trường “username[a]” không hợp lệ'],
    ]) {
      it(`refuses ${JSON.stringify(body)} with a 400 naming what is wrong`, async () => {
        const res = await login(body);
        expect(res.status).to.equal(400);
        expect(res.text).to.contain(expected.replace(/"/g, '&#34;'));
      });
    }

    it('refuses a workflow action whose comment is sent twice, and records nothing', async () => {
      const agent = w.people.agents.reviewer;
      const _csrf = await tokenOf(agent);
      const res = await agent
        .post(`/quan-ly/mo-hinh/${submitted}/thao-tac`)
        .type('form')
        .send(
          `_csrf=${encodeURIComponent(_csrf)}&version=1&action=approve&year=2025&level=province&grade=tot&comment=a&comment=b`,
        );
      expect(res.status).to.equal(400);
      expect(res.text).to.contain('Trường “comment” chỉ được có một giá trị');
      expect(await count('status_history')).to.equal(0);
      expect(await count('recognitions')).to.equal(0);
    });

    it('keeps the fields a form declares as lists: movements and indicator rows', async () => {
      const agent = w.people.agents.cadre;
      const _csrf = await tokenOf(agent);
      const res = await agent
        .post('/quan-ly/mo-hinh')
        .type('form')
        .send(
          encode([
            ['_csrf', _csrf],
            ...Object.entries(FORM),
            ['movementCodes', 'dan-van-kheo'],
            ['movementCodes', OPEN_MOVEMENT.code],
            ['indicatorName', 'Số vụ hòa giải'],
            ['indicatorValue', '30'],
            ['indicatorUnit', 'vụ'],
            ['indicatorName', 'Số hộ'],
            ['indicatorValue', '300'],
            ['indicatorUnit', 'hộ'],
          ]),
        );
      expect(res.status, res.text.slice(0, 300)).to.equal(303);
      const id = Number(/\/quan-ly\/mo-hinh\/(\d+)$/.exec(res.headers.location)![1]);
      const rows = await queryRows<{ movements: number; indicators: number }>(
        w.database.db,
        sql`select (select count(*)::int from model_movements where model_id = ${id}) as movements,
          (select count(*)::int from model_indicators where model_id = ${id}) as indicators`,
      );
      expect(rows[0]).to.deep.equal({ movements: 2, indicators: 2 });
    });

    it('still refuses a repeat of a field the form does not declare as a list', async () => {
      const agent = w.people.agents.cadre;
      const _csrf = await tokenOf(agent);
      const before = await count('models');
      const res = await agent
        .post('/quan-ly/mo-hinh')
        .type('form')
        .send(encode([['_csrf', _csrf], ...Object.entries(FORM), ['title', 'Tên thứ hai']]));
      expect(res.status).to.equal(400);
      expect(res.text).to.contain('Trường “title” chỉ được có một giá trị');
      expect(await count('models')).to.equal(before);
    });
  });

  describe('query parameters', () => {
    for (const query of ['q=a&q=b', 'province[]=19', 'province[a]=19']) {
      it(`refuses ?${query} on the API, naming the parameter`, async () => {
        const res = await w.people.agents.anonymous.get(`/api/v1/models?${query}`);
        expect(res.status).to.equal(400);
        expect(res.body.error.parameter).to.match(/^(q|province\[\]|province\[a\])$/);
        expect(res.body.error.message).to.match(/^Tham số "[^"]+" (chỉ được có một giá trị|không hợp lệ)/);
      });
    }
    it('refuses a repeated filter on an internal page too', async () => {
      const res = await w.people.agents.reviewer.get('/dashboard?status=submitted&status=approved');
      expect(res.status).to.equal(400);
      expect(res.text).to.contain('Tham số &#34;status&#34; chỉ được có một giá trị');
    });
    it('never writes markup echoed from a parameter name into a JSON answer', async () => {
      const res = await w.people.agents.anonymous.get(`/api/v1/fields?${encodeURIComponent('<script>x</script>')}=1`);
      expect(res.status).to.equal(400);
      expect(res.text).not.to.contain('<script>');
      expect(res.body.error.parameter).to.equal('<script>x</script>');
    });
  });

  describe('multipart form fields (the upload form)', () => {
    const tempFiles = () => filesUnder(w.uploadDir);
    const upload = async (fields: [string, string][]) => {
      const agent = w.people.agents.cadre;
      const token = await tokenOf(agent);
      let req = agent.post(`/quan-ly/mo-hinh/${draft}/tep?_csrf=${encodeURIComponent(token)}`);
      for (const [k, v] of fields) req = req.field(k, v);
      return req.attach('files', await png(), { filename: 'anh.png', contentType: 'image/png' });
    };
    for (const [fields, expected] of [
      [
        [
          ['caption', 'a'],
          ['caption', 'b'],
        ],
        'Trường “caption” chỉ được có một giá trị',
      ],
      [[['caption[]', 'a']], 'Trường “caption” chỉ được có một giá trị'],
      [[['caption', 'a\0b']], 'Trường “caption” không hợp lệ'],
      [[['visibility', `x${'\uFFFD'}`]], 'Trường “visibility” không hợp lệ'],
    ] as [[string, string][], string][]) {
      it(`refuses ${JSON.stringify(fields)} and keeps no file`, async () => {
        const before = tempFiles();
        const res = await upload(fields);
        expect(res.status).to.equal(400);
        expect(res.text).to.contain(expected);
        expect(await count('evidence_files')).to.equal(0);
        expect(tempFiles()).to.deep.equal(before);
      });
    }
  });
});
