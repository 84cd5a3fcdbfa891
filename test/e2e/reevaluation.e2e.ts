import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { expectAccessible, horizontalOverflow, login, startWorld, type World } from './browser.js';

// The yearly re-evaluation at 375 px, axe-clean: the list with its counts, "chọn tất cả", a refused batch
// that keeps its ticks, a dropped model, and the one-model page.
describe('yearly re-evaluation in Chromium', function () {
  this.timeout(240000);
  let world: World;
  let page: Page;
  before(async () => {
    world = await startWorld();
    page = await world.context.newPage();
    await page.setViewportSize({ width: 375, height: 812 });
  });
  after(async () => {
    await world?.cleanup();
  });

  it('a province reviewer decides a batch, and one model on its own page', async () => {
    await login(page, world.base, 'tinh.demo');
    await page.getByRole('link', { name: 'Đánh giá lại hằng năm' }).click();
    await page.waitForURL(/\/quan-ly\/danh-gia-lai/);
    expect(await page.locator('.yearly-counts').innerText()).to.include('Công nhận lại');
    await expectAccessible(page, 'reevaluation-list');
    expect(await horizontalOverflow(page), 'no sideways scroll at 375 px').to.equal(0);

    // The script's "chọn tất cả" ticks every box of the page.
    await page.getByLabel(/Chọn tất cả/).check();
    const boxes = page.locator('input[name="chon"]');
    const count = await boxes.count();
    expect(count).to.be.at.least(2);
    for (let i = 0; i < count; i++) expect(await boxes.nth(i).isChecked()).to.equal(true);
    await page.getByLabel(/Chọn tất cả/).uncheck();

    const first = await boxes.nth(0).getAttribute('value');
    await boxes.nth(0).check();
    await page.getByLabel(/Không còn hiệu quả — thu hồi/).check();
    await page.getByRole('button', { name: 'Ghi nhận đánh giá cho các mô hình đã chọn' }).click();
    expect(await page.locator('[role=alert]').innerText()).to.include('Cần nhập lý do');
    expect(await page.locator(`#c-${first}`).isChecked()).to.equal(true);
    await expectAccessible(page, 'reevaluation-refused');

    await page.getByLabel(/^Lý do/).fill('Không còn duy trì sau khi sáp nhập thôn.');
    await page.getByRole('button', { name: 'Ghi nhận đánh giá cho các mô hình đã chọn' }).click();
    expect(await page.locator('.flash').innerText()).to.include('Đã ghi nhận 1 mô hình không còn hiệu quả');

    await page.locator('a', { hasText: 'Đánh giá riêng mô hình này' }).first().click();
    await page.waitForURL(/\/quan-ly\/danh-gia-lai\/\d+/);
    await expectAccessible(page, 'reevaluation-one');
    expect(await horizontalOverflow(page), 'no sideways scroll at 375 px').to.equal(0);
    await page.getByLabel(/Còn hiệu quả — công nhận lại/).check();
    await page.getByRole('button', { name: 'Ghi nhận đánh giá' }).click();
    await page.waitForURL(/\/quan-ly\/danh-gia-lai\?/);
    expect(await page.locator('.flash').innerText()).to.include('Đã ghi nhận 1 mô hình còn hiệu quả');
  });
});
