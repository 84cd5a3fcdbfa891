import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { expectAccessible, horizontalOverflow, login, logout, screenshot, startWorld, type World } from './browser.js';

// Issue 14's journey: a reviewer opens a consultation, a citizen gives an opinion on a phone, the reviewer
// reads it and approves; the next year's re-evaluation keeps that model and drops another, which leaves
// the public catalogue while its history stays.
const OPINION = 'Con đường do dân góp công làm rất bền, bà con trong thôn đều đồng tình.';
const DROP_REASON = 'Tổ tự quản giải thể, mô hình không còn duy trì.';

describe('the yearly cycle: consultation, approval and re-evaluation, in Chromium', function () {
  this.timeout(300000);
  let world: World;
  let page: Page;
  const year = new Date().getFullYear();
  before(async () => {
    world = await startWorld();
    page = await world.context.newPage();
  });
  after(async () => {
    await world?.cleanup();
  });

  it('goes from the consultation to the next year’s re-evaluation', async () => {
    // The reviewer opens a consultation on a submitted entry of the province.
    await page.setViewportSize({ width: 1280, height: 900 });
    await login(page, world.base, 'tinh.demo');
    await page.goto(world.base + '/dashboard?status=submitted');
    await page.locator('table a[href^="/quan-ly/mo-hinh/"]').first().click();
    await page.waitForURL(/\/quan-ly\/mo-hinh\/\d+$/);
    const entryUrl = page.url();
    const id = entryUrl.split('/').pop()!;
    const title = (await page.locator('h1').innerText()).trim();
    await page.getByLabel('Số ngày lấy ý kiến').fill('10');
    await page.getByRole('button', { name: 'Lấy ý kiến nhân dân' }).click();
    await page.waitForURL(entryUrl);
    expect(await page.locator('.flash').innerText()).to.include('Đã mở lấy ý kiến nhân dân');
    await expectAccessible(page, 'journey14-01-consultation-open');
    await logout(page);

    // A citizen on a phone finds it and gives an opinion.
    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto(world.base + '/lay-y-kien');
    await page.locator(`a[href="/lay-y-kien/${id}"]`).first().click();
    await page.waitForURL(new RegExp(`/lay-y-kien/${id}$`));
    expect(await page.locator('h1').innerText()).to.include(title.slice(0, 20));
    await page.getByLabel(/^Họ tên/).fill('Nguyễn Văn Dân');
    await page.getByRole('radio', { name: 'Đồng ý', exact: true }).check();
    await page.getByLabel('Ý kiến (bắt buộc)').fill(OPINION);
    await page.getByRole('button', { name: 'Gửi ý kiến' }).click();
    expect(await page.locator('.flash').innerText()).to.contain('Cảm ơn bạn đã góp ý');
    expect(await horizontalOverflow(page), 'no sideways scroll at 375 px').to.equal(0);
    await expectAccessible(page, 'journey14-02-opinion-given');
    await screenshot(page, 'journey14-02-opinion-given');

    // The reviewer reads it and approves, recognising it for last year.
    await page.setViewportSize({ width: 1280, height: 900 });
    await login(page, world.base, 'tinh.demo');
    await page.goto(entryUrl);
    const opinions = await page.locator('#y-kien').innerText();
    expect(opinions).to.include(OPINION).and.include('Nguyễn Văn Dân');
    const approve = page.locator('form.action-form').filter({ has: page.locator('input[name=action][value=approve]') });
    await approve.getByLabel('Năm công nhận').fill(String(year - 1));
    await approve.getByRole('button', { name: 'Duyệt' }).click();
    await page.waitForURL(entryUrl);
    expect(await page.locator('.history').innerText()).to.match(/Ý kiến nhân dân: 1 đồng ý, 0 không đồng ý/);

    // The public model page says the people were asked.
    await page.goto(world.base + `/lay-y-kien/${id}`);
    await page.waitForURL(/\/mo-hinh\/[^/]+$/);
    const publicUrl = page.url();
    expect((await page.locator('main').innerText()).toLowerCase()).to.include('đã lấy ý kiến nhân dân: 1 ý kiến');

    // This year's re-evaluation: the model is kept, on its own page.
    await page.goto(world.base + `/quan-ly/danh-gia-lai/${id}?nam=${year}`);
    await page.getByLabel(/Còn hiệu quả — công nhận lại/).check();
    await page.getByRole('button', { name: 'Ghi nhận đánh giá', exact: true }).click();
    await page.waitForURL(/\/quan-ly\/danh-gia-lai\?/);
    expect(await page.locator('.flash').innerText()).to.include('Đã ghi nhận 1 mô hình còn hiệu quả');

    // Another model of the province is dropped from the list.
    await page.goto(world.base + `/quan-ly/danh-gia-lai?nam=${year}&xem=chua-danh-gia`);
    const box = page.locator('input[name="chon"]').first();
    const droppedId = (await box.getAttribute('value'))!;
    expect(droppedId).not.to.equal(id);
    const droppedTitle = (await page.locator(`a[href="/quan-ly/mo-hinh/${droppedId}"]`).first().innerText()).trim();
    await box.check();
    await page.getByLabel(/Không còn hiệu quả — thu hồi/).check();
    await page.getByLabel(/^Lý do/).fill(DROP_REASON);
    await page.getByRole('button', { name: 'Ghi nhận đánh giá cho các mô hình đã chọn' }).click();
    expect(await page.locator('.flash').innerText()).to.include('Đã ghi nhận 1 mô hình không còn hiệu quả');
    await page.goto(world.base + `/quan-ly/danh-gia-lai?nam=${year}&xem=da-danh-gia`);
    const decided = await page.locator('main').innerText();
    expect(decided).to.include(droppedTitle).and.include(DROP_REASON);
    await expectAccessible(page, 'journey14-03-reevaluated');

    // The dropped model's history keeps the reason; the kept one shows both recognitions.
    await page.goto(world.base + `/quan-ly/mo-hinh/${droppedId}`);
    expect(await page.locator('.history').innerText()).to.include(DROP_REASON);
    await page.goto(entryUrl);
    expect(await page.locator('main').innerText())
      .to.include(`${year - 1}`)
      .and.include(`${year}`);
    await logout(page);

    // The public: the kept model is still there, the dropped one is gone from the catalogue and the API.
    expect((await page.goto(publicUrl))!.status()).to.equal(200);
    const api = await (
      await page.request.get(`${world.base}/api/v1/models?q=${encodeURIComponent(droppedTitle)}`)
    ).json();
    expect(api.items.map((m: { id: number }) => String(m.id))).not.to.include(droppedId);
    expect((await page.request.get(`${world.base}/api/v1/models/${droppedId}`)).status()).to.equal(404);
  });
});
