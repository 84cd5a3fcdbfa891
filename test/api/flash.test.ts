import { expect } from 'chai';
import { sql } from 'drizzle-orm';
import type request from 'supertest';
import { queryRows } from '../../src/db/client.js';
import { csrfFrom, PASSWORD, tokenOf, upload } from '../helpers/people.js';
import * as sample from '../helpers/sample-files.js';
import { fileWorld, type FileWorld } from '../helpers/disk.js';

type Agent = ReturnType<typeof request.agent>;

const FORM = {
  type: 'collective',
  title: 'Thôn Đồng Tâm làm đường bê tông liên xóm',
  fieldCode: 'kinh-te',
  startedYear: '2024',
  movementCodes: 'dan-van-kheo',
  summary: '42 hộ hiến đất để mở đường liên xóm.',
  situation: 'Đường nhỏ.',
  goals: 'Mở rộng đường.',
  beneficiaries: '180 hộ.',
  activities: 'Họp dân, hiến đất.',
  leadBodies: 'Chi bộ thôn',
  partnerBodies: '',
  resourcesMoneyMillion: '350',
  resourcesWorkDays: '900',
  resourcesNonState: '',
  results: 'Đường rộng 5 m.',
  sustainability: 'Tổ tự quản duy tu.',
  holderName: 'Nhân dân thôn Đồng Tâm',
  holderRole: 'Tập thể',
  contactName: 'Trưởng thôn',
  contactPhone: '0900 123 456',
  contactEmail: '',
  indicatorName: 'Đường làm mới',
  indicatorValue: '2',
  indicatorUnit: 'km',
  checkedSimilar: '1',
};

const FLASH = /<p class="flash" role="status">([^<]*)<\/p>/;
const flashOf = (html: string) => FLASH.exec(html)?.[1] ?? null;

// One message of success for the next page, whatever kind of change it follows, and only once.
describe('flash messages after each successful change', function () {
  this.timeout(120000);
  let world: FileWorld;
  let modelId: number;
  before(async () => {
    world = await fileWorld();
  });
  after(() => world.close());

  /** Posts a form, follows the redirect, and returns the flash on that page and on the page after it. */
  async function postAndFollow(agent: Agent, url: string, body: Record<string, string>) {
    const res = await agent
      .post(url)
      .type('form')
      .send({ _csrf: await tokenOf(agent), ...body });
    expect(res.status, res.text.slice(0, 500)).to.equal(303);
    const next = await agent.get(res.headers.location);
    const after = await agent.get(res.headers.location);
    return {
      location: res.headers.location as string,
      html: next.text,
      shown: flashOf(next.text),
      again: flashOf(after.text),
    };
  }
  const versionOf = async (id: number) =>
    String(
      (await queryRows<{ version: number }>(world.database.db, sql`select version from models where id = ${id}`))[0]
        .version,
    );

  it('says a draft was saved, then that it was submitted, once each', async () => {
    const cadre = world.people.agents.cadre;
    const saved = await postAndFollow(cadre, '/quan-ly/mo-hinh', { ...FORM, intent: 'save' });
    expect(saved.shown).to.equal('Đã lưu bản nháp mô hình.');
    expect(saved.again).to.equal(null);
    modelId = Number(/\/quan-ly\/mo-hinh\/(\d+)$/.exec(saved.location)![1]);
    const submitted = await postAndFollow(cadre, `/quan-ly/mo-hinh/${modelId}/sua`, {
      ...FORM,
      version: await versionOf(modelId),
      intent: 'submit',
    });
    expect(submitted.shown).to.equal('Đã lưu và gửi thẩm định mô hình.');
    expect(submitted.again).to.equal(null);
  });

  it('says what each review action did, on the next page only', async () => {
    const reviewer = world.people.agents.reviewer;
    const returned = await postAndFollow(reviewer, `/quan-ly/mo-hinh/${modelId}/thao-tac`, {
      action: 'return',
      version: await versionOf(modelId),
      comment: 'Bổ sung ảnh.',
    });
    expect(returned.shown).to.equal('Đã trả lại mô hình để cán bộ xã bổ sung.');
    expect(returned.again).to.equal(null);
    const resubmitted = await postAndFollow(world.people.agents.cadre, `/quan-ly/mo-hinh/${modelId}/thao-tac`, {
      action: 'submit',
      version: await versionOf(modelId),
    });
    expect(resubmitted.shown).to.equal('Đã gửi thẩm định mô hình.');
    const approved = await postAndFollow(reviewer, `/quan-ly/mo-hinh/${modelId}/thao-tac`, {
      action: 'approve',
      version: await versionOf(modelId),
      year: String(new Date().getFullYear()),
      level: 'province',
      grade: 'tot',
    });
    expect(approved.shown).to.equal('Đã duyệt và công nhận mô hình.');
    expect(approved.again).to.equal(null);
    // A refused action says nothing of success.
    const refused = await reviewer
      .post(`/quan-ly/mo-hinh/${modelId}/thao-tac`)
      .type('form')
      .send({ _csrf: await tokenOf(reviewer), action: 'reject', version: '1', comment: '' });
    expect(refused.status).to.be.within(400, 499);
    expect(flashOf(refused.text)).to.equal(null);
  });

  it('says files were uploaded, changed and removed', async () => {
    const cadre = world.people.agents.cadre;
    const res = await postAndFollow(cadre, '/quan-ly/mo-hinh', { ...FORM, title: 'Mô hình có tệp', intent: 'save' });
    const id = Number(/\/quan-ly\/mo-hinh\/(\d+)$/.exec(res.location)![1]);
    const sent = await upload(cadre, id, [
      ['anh.png', await sample.png()],
      ['bao-cao.pdf', sample.pdf()],
    ]);
    expect(sent.status).to.equal(303);
    expect(flashOf((await cadre.get(sent.headers.location)).text)).to.equal('Đã tải lên 2 tệp.');
    const page = await cadre.get(sent.headers.location);
    expect(flashOf(page.text)).to.equal(null);
    const [file] = await queryRows<{ id: number }>(
      world.database.db,
      sql`select id from evidence_files where model_id = ${id} order by id limit 1`,
    );
    const edited = await postAndFollow(cadre, `/quan-ly/mo-hinh/${id}/tep/sap-xep`, {
      ids: String(file.id),
      [`caption_${file.id}`]: 'Ảnh con đường',
      [`visibility_${file.id}`]: 'public',
    });
    expect(edited.shown).to.equal('Đã lưu chú thích và chế độ hiển thị của các tệp.');
    expect(edited.again).to.equal(null);
    const removed = await postAndFollow(cadre, `/quan-ly/mo-hinh/${id}/tep/${file.id}/xoa`, {});
    expect(removed.shown).to.equal('Đã xóa tệp.');
  });

  it('says an account was locked, unlocked, a reviewing body renamed and a password changed', async () => {
    const admin = world.people.agents.centralAdmin;
    const target = world.people.users.cadreOtherCommune!.id;
    const locked = await postAndFollow(admin, `/quan-ly/tai-khoan/${target}/khoa`, {});
    expect(locked.shown).to.contain('Đã khóa tài khoản.');
    expect(locked.again).to.equal(null);
    const unlocked = await postAndFollow(admin, `/quan-ly/tai-khoan/${target}/mo-khoa`, {});
    expect(unlocked.shown).to.equal('Đã mở khóa tài khoản.');
    const body = await postAndFollow(admin, '/quan-ly/co-quan-tham-dinh/19', {
      reviewingBodyName: 'Ban Tuyên giáo và Dân vận Tỉnh ủy Thái Nguyên',
    });
    expect(body.shown).to.equal('Đã lưu tên cơ quan thẩm định.');
    expect(body.again).to.equal(null);

    const reviewer = world.people.agents.reviewerOtherProvince;
    const page = await reviewer.get('/tai-khoan/mat-khau');
    const res = await reviewer
      .post('/tai-khoan/mat-khau')
      .type('form')
      .send({
        _csrf: csrfFrom(page.text),
        current: PASSWORD,
        password: 'mot mat khau moi that dai',
        confirm: 'mot mat khau moi that dai',
      });
    expect(res.status, res.text.slice(0, 300)).to.equal(303);
    expect(flashOf((await reviewer.get(res.headers.location)).text)).to.contain('Đã đổi mật khẩu.');
    expect(flashOf((await reviewer.get('/dashboard')).text)).to.equal(null);
  });

  it('says an account was created and a password set, the link shown once on the account page', async () => {
    const admin = world.people.agents.centralAdmin;
    const created = await postAndFollow(admin, '/quan-ly/tai-khoan', {
      username: 'moi.tao',
      displayName: 'Mới Tạo',
      role: 'province_reviewer',
      provinceCode: '19',
    });
    expect(created.shown).to.equal('Đã tạo tài khoản moi.tao.');
    expect(created.again).to.equal(null);
    const [row] = await queryRows<{ id: number }>(
      world.database.db,
      sql`select id from users where username = 'moi.tao'`,
    );
    const reset = await postAndFollow(admin, `/quan-ly/tai-khoan/${row.id}/dat-lai-mat-khau`, {});
    expect(reset.shown).to.equal('Đã tạo liên kết đặt lại mật khẩu cho tài khoản moi.tao.');
    const token = /\/dat-mat-khau\/([A-Za-z0-9_-]{43})/.exec(reset.html)![1];
    // The link was on that page only: the same page after it (postAndFollow's second look) had it no more.
    expect((await admin.get(reset.location)).text).not.to.contain(token);

    const visitor = world.people.agents.anonymous;
    const form = await visitor.get(`/dat-mat-khau/${token}`);
    const set = await visitor
      .post(`/dat-mat-khau/${token}`)
      .type('form')
      .send({ _csrf: csrfFrom(form.text), password: 'mat khau moi cua toi', confirm: 'mat khau moi cua toi' });
    expect(set.status).to.equal(303);
    expect(set.headers.location).to.equal('/login');
    expect(flashOf((await visitor.get('/login')).text)).to.contain('Đã đặt mật khẩu cho tài khoản moi.tao.');
    expect(flashOf((await visitor.get('/login')).text)).to.equal(null);
  });
});
