import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { expectAccessible, login, startWorld, type World } from './browser.js';

describe('movements in Chromium, at phone width', function () {
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

  it('the public catalogue and a movement page, without a draft', async () => {
    await page.goto(world.base + '/');
    await page.getByRole('link', { name: 'Phong trào thi đua' }).first().click();
    await page.waitForURL(/\/phong-trao$/);
    expect(await page.locator('h2').allInnerTexts()).to.include.members(['Đang triển khai', 'Đã kết thúc']);
    expect(await page.content()).not.to.include('chuyển đổi số cộng đồng');
    await expectAccessible(page, 'movements-01-catalogue');
    await page.getByRole('link', { name: /Thái Nguyên giai đoạn 2022–2026/ }).click();
    await page.waitForURL(/\/phong-trao\/thai-nguyen-phoi-hop-2022-2026$/);
    expect(await page.locator('.model-card').count()).to.be.greaterThan(0);
    await expectAccessible(page, 'movements-02-movement');
    await page.locator('#field').selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Lọc' }).click();
    await page.waitForURL(/field=/);
    await expectAccessible(page, 'movements-03-movement-filtered');
  });

  it('the management pages of the central admin, a refused form kept as typed', async () => {
    await login(page, world.base, 'admin.demo');
    await page.getByRole('link', { name: 'Phong trào thi đua' }).last().click();
    await page.waitForURL(/\/quan-ly\/phong-trao$/);
    await expectAccessible(page, 'movements-04-admin-list');
    await page.getByRole('link', { name: '+ Phong trào mới' }).click();
    await page.getByLabel('Tên phong trào').fill('Phong trào thử trên trình duyệt');
    await page.getByLabel(/^Mã phong trào/).fill('Sai Mã');
    await page.getByLabel('Cơ quan phát động').fill('Ban Dân vận Trung ương');
    await page.getByLabel('Tên giai đoạn 1').fill('Giai đoạn đầu');
    await page.getByLabel('Từ năm').first().fill('2020');
    await page.getByRole('button', { name: 'Lưu' }).click();
    expect(await page.locator('.field-error').allInnerTexts()).to.have.length(2);
    expect(await page.getByLabel('Tên phong trào').inputValue()).to.equal('Phong trào thử trên trình duyệt');
    await expectAccessible(page, 'movements-05-form-refused');
    await page.getByLabel(/^Mã phong trào/).fill('phong-trao-thu');
    await page.getByLabel('Từ năm').first().fill(String(new Date().getFullYear()));
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.waitForURL(/\/quan-ly\/phong-trao\/phong-trao-thu$/);
    expect(await page.locator('.flash').innerText()).to.contain('Đã tạo phong trào');
    await expectAccessible(page, 'movements-06-manage');
  });
});
