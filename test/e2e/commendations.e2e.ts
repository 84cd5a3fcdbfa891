import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { expectAccessible, login, logout, startWorld, type World } from './browser.js';

describe('commendations in Chromium', function () {
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

  it('a province admin records, refuses a future date, revokes; the public page follows; the centre keeps the forms', async () => {
    const list = await (await page.request.get(world.base + '/api/v1/models?province=19&limit=1')).json();
    const id = list.items[0].id as number;
    await login(page, world.base, 'tinh.demo');
    await page.goto(`${world.base}/quan-ly/mo-hinh/${id}`);
    await page.getByRole('link', { name: 'Thêm, sửa, thu hồi khen thưởng' }).click();
    await expectAccessible(page, 'commendations-list');
    await page.getByLabel('Hình thức khen thưởng (bắt buộc)').selectOption('bang_khen');
    await page.getByLabel('Cơ quan khen thưởng (bắt buộc)').fill('UBND tỉnh Thái Nguyên');
    await page.getByLabel('Số quyết định (bắt buộc)').fill('2468/QĐ-UBND');
    await page.getByLabel('Ngày quyết định (bắt buộc)').fill('01/01/2100');
    await page.getByRole('button', { name: 'Ghi nhận khen thưởng' }).click();
    expect(await page.locator('#err-decisionDate').innerText()).to.include('không được sau hôm nay');
    expect(await page.getByLabel('Số quyết định (bắt buộc)').inputValue()).to.equal('2468/QĐ-UBND');
    await expectAccessible(page, 'commendations-refused');
    await page.getByLabel('Ngày quyết định (bắt buộc)').fill('10/10/2025');
    await page.getByRole('button', { name: 'Ghi nhận khen thưởng' }).click();
    await page.getByText('Đã ghi nhận khen thưởng.').waitFor();
    const model = await (await page.request.get(`${world.base}/api/v1/models/${id}`)).json();
    const publicPath = new URL(model.url).pathname;
    await page.goto(world.base + publicPath);
    expect(await page.locator('body').innerText()).to.include('2468/QĐ-UBND');

    await page.goto(`${world.base}/quan-ly/mo-hinh/${id}/khen-thuong`);
    await page.locator('li', { hasText: '2468/QĐ-UBND' }).getByRole('link', { name: 'Sửa hoặc thu hồi' }).click();
    await expectAccessible(page, 'commendations-edit');
    await page.getByLabel('Ngày thu hồi (bắt buộc)').fill('11/10/2025');
    await page.getByLabel('Lý do thu hồi (bắt buộc)').fill('Sai thủ tục đề nghị');
    await page.getByRole('button', { name: 'Thu hồi khen thưởng' }).click();
    await page.getByText(/Đã thu hồi khen thưởng/).waitFor();
    await page.goto(world.base + publicPath);
    expect(await page.locator('body').innerText()).not.to.include('2468/QĐ-UBND');
    await logout(page);

    await login(page, world.base, 'admin.demo');
    await page.getByRole('link', { name: 'Hình thức khen thưởng' }).click();
    await expectAccessible(page, 'commendation-forms');
    await page.goto(world.base + '/mo-hinh?commendedAt=province');
    await expectAccessible(page, 'browse-commended');
  });
});
