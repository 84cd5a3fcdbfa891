import { expect } from 'chai';
import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { queryRows } from '../../src/db/client.js';
import { insertModel } from '../helpers/fixtures.js';
import { expectAccessible, login, logout, startWorld, type World } from './browser.js';

// Issue 12's daily loop: a cadre on a phone types Vietnamese numbers; a reviewer on a desktop works
// through a queue of more than 200 entries, returns the entry from page 2, sees what the cadre changed
// and approves it from page 2 again; the public page shows the corrected figure.
const TITLE = 'Thôn Bản Quyền góp công làm sân phơi và đường bê tông';
const QUEUED = 230;
const PHONE = { width: 375, height: 812 };
const DESKTOP = { width: 1366, height: 768 };

describe('the daily loop, a phone and a queue of hundreds, in Chromium', function () {
  this.timeout(300000);
  let world: World;
  let page: Page;
  before(async () => {
    world = await startWorld();
    page = await world.context.newPage();
    const db = world.app.database.db;
    // Entries waiting in the reviewer's province, one hour apart, the oldest first in its queue.
    for (let i = 0; i < QUEUED; i++) await insertModel(db, { title: `Hàng chờ số ${i + 1}`, status: 'submitted' });
    await db.execute(sql`update models set submitted_at = now() - make_interval(hours => 1000 - cast(substring(title from 'số ([0-9]+)') as int))
      where title like 'Hàng chờ số %'`);
  });
  after(async () => {
    await world?.cleanup();
  });

  /** Puts the entry between the 55th and 56th oldest waiting entries of its province: on page 2 of 50. */
  async function placeOnPageTwo(id: number) {
    const db = world.app.database.db;
    const [{ at }] = await queryRows<{ at: string }>(
      db,
      sql`with q as (select submitted_at from models where status = 'submitted' and province_code = '19' and id <> ${id}
        order by submitted_at, id offset 54 limit 2)
      select (min(submitted_at) + (max(submitted_at) - min(submitted_at)) / 2)::text as at from q`,
    );
    await db.execute(sql`update models set submitted_at = ${at}::timestamptz where id = ${id}`);
  }

  /** The reviewer's queue, page 2 through its link, then the entry. */
  async function openFromPageTwo(): Promise<void> {
    await page.goto(world.base + '/dashboard');
    const total = await page.locator('main').innerText();
    const shown = /1–50 trong ([\d.]+) mô hình/.exec(total);
    expect(shown, 'the total is shown').to.not.equal(null);
    expect(Number(shown![1].replace(/\./g, ''))).to.be.greaterThan(200);
    expect(await page.getByRole('link', { name: TITLE }).count(), 'not on page 1').to.equal(0);
    await page
      .getByRole('navigation', { name: 'Phân trang' })
      .getByRole('link', { name: 'Trang 2', exact: true })
      .click();
    await page.waitForURL(/page=2/);
    expect(await page.locator('main').innerText()).to.match(/51–100 trong/);
    await expectAccessible(page, 'daily-loop-queue-page-2');
    await page.getByRole('link', { name: TITLE }).click();
    await page.waitForURL(/\/quan-ly\/mo-hinh\/\d+$/);
  }

  it('registers with Vietnamese numbers, returns, resubmits and approves from page 2', async () => {
    await page.setViewportSize(PHONE);
    await login(page, world.base, 'xa.demo');
    await page.goto(world.base + '/quan-ly/mo-hinh/moi');
    await page.getByLabel('Tên mô hình').fill(TITLE);
    await page.getByLabel('Lĩnh vực').selectOption('kinh-te');
    await page.getByLabel('Năm bắt đầu thực hiện').fill('2024');
    await page.getByLabel(/^Tóm tắt/).fill('Nhân dân góp công làm sân phơi và đường bê tông.');
    await page.getByLabel('Thực trạng, lý do xây dựng').fill('Đường đất lầy lội mùa mưa.');
    await page.getByLabel('Mục tiêu, tiêu chí đánh giá').fill('Bê tông hóa đường thôn.');
    await page.getByLabel('Địa bàn, đối tượng').fill('80 hộ thôn Bản Quyền.');
    await page.getByLabel('Nội dung, cách thức thực hiện').fill('Họp dân, chia tổ, góp ngày công.');
    await page.getByLabel('Lực lượng chủ trì').fill('Chi bộ thôn Bản Quyền');
    await page.getByLabel('Kết quả kiểm chứng được').fill('Đường và sân phơi bê tông.');
    await page.getByLabel('Khả năng duy trì, nhân rộng').fill('Tổ tự quản duy tu.');
    await page.getByLabel('Tên tập thể hoặc họ tên cá nhân').fill('Nhân dân thôn Bản Quyền');
    await page.getByLabel('Kinh phí (triệu đồng)').fill('1.250');
    await page.getByLabel('Ngày công').fill('2.600');
    await page.getByLabel('Chỉ số 1').fill('Sân phơi bê tông');
    await page.locator('#ind-value-0').fill('4.200');
    await page.locator('#ind-unit-0').fill('m²');
    await page.getByLabel('Chỉ số 2').fill('Đường bê tông');
    await page.locator('#ind-value-1').fill('2,8');
    await page.locator('#ind-unit-1').fill('km');
    await expectAccessible(page, 'daily-loop-form');
    await page.getByRole('button', { name: 'Lưu và gửi thẩm định' }).click();
    if (await page.getByText('Có thể trùng').count())
      await page.getByRole('button', { name: 'Lưu và gửi thẩm định' }).click();
    await page.waitForURL(/\/quan-ly\/mo-hinh\/\d+$/);
    const entryUrl = page.url();
    const id = Number(/(\d+)$/.exec(entryUrl)![1]);
    expect(await page.locator('dd[data-field="resourcesMoneyMillion"]').innerText()).to.equal('1.250');
    expect(await page.locator('dd[data-field="resourcesWorkDays"]').innerText()).to.equal('2.600');
    expect(await page.locator('table.indicator-table td.num').allInnerTexts()).to.deep.equal(['4.200', '2,8']);
    await expectAccessible(page, 'daily-loop-submitted');
    await logout(page);
    await placeOnPageTwo(id);

    await page.setViewportSize(DESKTOP);
    await login(page, world.base, 'tinh.demo');
    await openFromPageTwo();
    expect(page.url()).to.equal(entryUrl);
    await page
      .getByLabel('Ý kiến, nội dung cần bổ sung (bắt buộc)')
      .fill('Ngày công ghi chưa đủ: cộng cả đợt làm sân phơi.');
    await page.getByRole('button', { name: 'Trả lại' }).click();
    await page.waitForURL(entryUrl);
    expect(await page.locator('.meta .tag').innerText()).to.equal('Trả lại để bổ sung');
    await logout(page);

    await page.setViewportSize(PHONE);
    await login(page, world.base, 'xa.demo');
    await page.goto(entryUrl);
    expect(await page.locator('main').innerText()).to.contain('cộng cả đợt làm sân phơi');
    await page.getByRole('link', { name: 'Sửa nội dung' }).click();
    expect(await page.locator('#return-comment').innerText()).to.contain('cộng cả đợt làm sân phơi');
    expect(await page.getByLabel('Ngày công').inputValue()).to.equal('2.600');
    await page.getByLabel('Ngày công').fill('3.100');
    await page.getByRole('button', { name: 'Lưu và gửi thẩm định' }).click();
    await page.waitForURL(entryUrl);
    expect(await page.locator('dd[data-field="resourcesWorkDays"]').innerText()).to.equal('3.100');
    await logout(page);
    await placeOnPageTwo(id);

    await page.setViewportSize(DESKTOP);
    await login(page, world.base, 'tinh.demo');
    await openFromPageTwo();
    const diff = page.locator('#changes table');
    expect(await diff.locator('tbody tr').count()).to.equal(1);
    expect(await diff.locator('tbody th').innerText()).to.equal('Ngày công');
    const [before, after] = await diff.locator('tbody td').allInnerTexts();
    expect(before).to.contain('2.600');
    expect(after).to.contain('3.100');
    await expectAccessible(page, 'daily-loop-review-changes');
    await page.getByLabel('Năm công nhận').fill(String(new Date().getFullYear()));
    await page.getByRole('button', { name: 'Duyệt' }).click();
    await page.waitForURL(entryUrl);
    expect(await page.locator('.meta .tag').innerText()).to.equal('Đã công nhận');
    await logout(page);

    const model = await (await page.request.get(`${world.base}/api/v1/models/${id}`)).json();
    await page.goto(world.base + new URL(model.url).pathname);
    expect(await page.locator('main').innerText()).to.contain('Ngày công: 3.100');
    expect(await page.locator('table.indicators td.num').allInnerTexts()).to.deep.equal(['4.200', '2,8']);
  });
});
