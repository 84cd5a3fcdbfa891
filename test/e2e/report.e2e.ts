import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { expectAccessible, horizontalOverflow, login, startWorld, type World } from './browser.js';

// The summing-up report at 375 px, axe-clean, reached from the dashboard; printed, its form and links
// go away and the table headers repeat on each page.
describe('summing-up report in Chromium', function () {
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

  it('a province reviewer reads the report of a range of years, and prints it', async () => {
    await login(page, world.base, 'tinh.demo');
    await page.getByRole('link', { name: 'Báo cáo tổng hợp' }).click();
    await page.waitForURL(/\/quan-ly\/bao-cao/);
    await page.getByLabel('Hoặc từ năm').fill('2020');
    await page.getByLabel('đến năm').fill(String(new Date().getFullYear()));
    await page.getByRole('button', { name: 'Xem báo cáo' }).click();
    await page.waitForURL(/tu=2020/);
    expect(await page.locator('#report-totals').innerText()).to.include('Công nhận lần đầu');
    await expectAccessible(page, 'report');
    expect(await horizontalOverflow(page), 'no sideways scroll at 375 px').to.equal(0);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.report-form').isVisible()).to.equal(false);
    const group = await page.locator('#report-places thead').evaluate((el) => getComputedStyle(el).display);
    expect(group).to.equal('table-header-group');
  });
});
