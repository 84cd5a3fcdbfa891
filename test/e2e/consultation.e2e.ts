import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { expectAccessible, login, screenshot, startWorld, type World } from './browser.js';

describe('consultation in Chromium', function () {
  this.timeout(300000);
  let world: World;
  let page: Page;
  before(async () => {
    world = await startWorld();
    page = await world.context.newPage();
  });
  after(async () => {
    await world?.cleanup();
  });

  it('lists the demo entry, shows its record and takes an opinion, at 375 px', async () => {
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(world.base + '/');
    await page.getByRole('link', { name: 'Lấy ý kiến nhân dân' }).click();
    await page.waitForURL(/\/lay-y-kien$/);
    await expectAccessible(page, 'consultation list');
    await screenshot(page, 'consultation-01-list');
    await page.locator('.model-card h3 a').first().click();
    await page.waitForURL(/\/lay-y-kien\/\d+$/);
    expect(await page.locator('#thoi-han').innerText()).to.match(/Nhận ý kiến đến .*\d{2}\/\d{2}\/\d{4}/);
    await expectAccessible(page, 'consultation page');
    // Sent without a stance: the reason, and the text kept.
    await page.getByLabel('Ý kiến (bắt buộc)').fill('Mô hình rất thiết thực với bà con.');
    await page.getByRole('button', { name: 'Gửi ý kiến' }).click();
    expect(await page.locator('#refusal').innerText()).to.contain('Chưa gửi được ý kiến');
    expect(await page.getByLabel('Ý kiến (bắt buộc)').inputValue()).to.equal('Mô hình rất thiết thực với bà con.');
    await expectAccessible(page, 'consultation page refused');
    await screenshot(page, 'consultation-02-refused');
    await page.getByRole('radio', { name: 'Đồng ý', exact: true }).check();
    await page.getByLabel(/Số điện thoại hoặc thư điện tử/).fill('0912 345 678');
    await page.getByRole('button', { name: 'Gửi ý kiến' }).click();
    expect(await page.locator('.flash').innerText()).to.contain('Cảm ơn bạn đã góp ý');
    expect(await page.content()).not.to.contain('0912 345 678');
  });

  it('shows the reviewer the opinions, the hidden one marked, on the entry page', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await login(page, world.base, 'tinh.hatinh.demo');
    await page.goto(world.base + '/dashboard?status=consultation');
    await page.locator('table a[href^="/quan-ly/mo-hinh/"]').first().click();
    const section = page.locator('#y-kien');
    expect(await section.innerText())
      .to.contain('Đã ẩn')
      .and.contain('0912 345 678');
    await expectAccessible(page, 'entry page with opinions');
    await screenshot(page, 'consultation-03-reviewer');
  });
});
