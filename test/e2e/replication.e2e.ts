import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { expectAccessible, horizontalOverflow, login, logout, startWorld, type World } from './browser.js';

// Naming an original on the form (the search step, then search-as-you-type), a reviewer's link and its
// removal, and the public pages of a demo chain: at 375 px, axe-clean.
describe('replication in Chromium', function () {
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

  it('the public pages of the demo chain show the replicas and the original', async () => {
    const top = (await (await page.request.get(world.base + '/api/v1/models?sort=replicated&limit=1')).json()).items[0];
    expect(top.replicationCount).to.be.at.least(3);
    await page.goto(world.base + `/mo-hinh/${top.slug}`);
    await expect(page.locator('.replication-summary')).to.exist;
    expect(await page.locator('.replication-summary').innerText()).to.match(/Được nhân rộng ở \d+ nơi, thuộc \d+ tỉnh/);
    await expectAccessible(page, 'replication-original');
    await page.locator('#nhan-rong a').last().click();
    expect(await page.locator('#nhan-rong').innerText()).to.include('nhân rộng từ');
    await expectAccessible(page, 'replication-replica');
    await page.goto(world.base + '/mo-hinh?replica=true&sort=replicated');
    await expectAccessible(page, 'replication-browse');
  });

  it('a cadre finds and names an original; a reviewer adds and removes a link', async () => {
    await login(page, world.base, 'xa.demo');
    await page.goto(world.base + '/quan-ly/mo-hinh/moi');
    await page.getByLabel('Tên mô hình').fill('Tuyến đường hoa nhân rộng từ Hưng Yên');
    await page.getByLabel(/Tìm mô hình gốc/).fill('hung yen');
    await page.getByRole('button', { name: 'Tìm mô hình gốc' }).click();
    expect(await page.getByLabel('Tên mô hình').inputValue()).to.equal('Tuyến đường hoa nhân rộng từ Hưng Yên');
    await expectAccessible(page, 'replication-form-matches');
    expect(await horizontalOverflow(page), 'no sideways scroll at 375 px').to.equal(0);
    await page.locator('.source-matches button').first().click();
    await page.getByLabel('Điều đã điều chỉnh so với mô hình gốc').fill('Trồng hoa giấy thay cho hoa mười giờ.');
    // With JavaScript the matches come while typing.
    await page.getByLabel(/Tìm mô hình gốc/).fill('thai nguyen');
    await page.waitForSelector('#source-matches li');
    await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
    await page.waitForURL(/\/quan-ly\/mo-hinh\/\d+$/);
    expect(await page.locator('#replication').innerText()).to.include('Trồng hoa giấy');
    await expectAccessible(page, 'replication-entry');
    const entry = page.url();
    await logout(page);

    await login(page, world.base, 'tinh.demo');
    await page.goto(entry + '/nhan-rong?q=ha+tinh');
    await expectAccessible(page, 'replication-manage');
    expect(await horizontalOverflow(page), 'no sideways scroll at 375 px').to.equal(0);
    await page.locator('.source-matches form').first().getByRole('button').click();
    await page.waitForURL(/\/quan-ly\/mo-hinh\/\d+$/);
    expect(await page.locator('.flash, [role=status]').first().innerText()).to.include('Đã thêm liên kết nhân rộng');
    await page.locator('#replication form').first().getByRole('button').click();
    await expectAccessible(page, 'replication-confirm');
    await page.getByRole('button', { name: 'Gỡ liên kết' }).click();
    await page.waitForURL(/\/quan-ly\/mo-hinh\/\d+$/);
    expect(await page.locator('main').innerText()).to.include('Đã gỡ liên kết nhân rộng');
  });
});
