import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { expectAccessible, login, startWorld, type World } from './browser.js';

const TITLE = 'Tổ tự quản giữ gìn đường làng sạch đẹp thôn Bản Trang';
const SUMMARY = 'Mỗi tuần một buổi, 50 hộ dọn vệ sinh và trồng hoa hai bên đường.';

describe('a form posted after the session ended, in Chromium', function () {
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

  it('asks the cadre to sign in again and gives the form back filled in, then saves the draft', async () => {
    await login(page, world.base, 'xa.demo');
    await page.goto(world.base + '/quan-ly/mo-hinh/moi');
    await page.getByLabel('Tên mô hình').fill(TITLE);
    await page.getByLabel(/^Tóm tắt/).fill(SUMMARY);
    // The idle timeout passed while the form was open: the browser drops the expired cookie.
    await world.context.clearCookies();
    await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
    await page.waitForURL(/\/login\?/);
    expect(await page.locator('#kept-form-login').innerText()).to.contain('Phiên đăng nhập đã hết hạn.');
    await expectAccessible(page, 'kept-form-login');
    await page.getByLabel('Tên đăng nhập').fill('xa.demo');
    await page.getByLabel('Mật khẩu').fill('demo12345');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL(/\/quan-ly\/mo-hinh\/moi\?giu-lai=/);
    expect(await page.locator('#kept-form').innerText()).to.contain('nội dung bạn nhập đã được giữ lại');
    expect(await page.getByLabel('Tên mô hình').inputValue()).to.equal(TITLE);
    expect(await page.getByLabel(/^Tóm tắt/).inputValue()).to.equal(SUMMARY);
    await expectAccessible(page, 'kept-form-back');
    await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
    await page.waitForURL(/\/quan-ly\/mo-hinh\/\d+$/);
    expect(await page.locator('h1').innerText()).to.equal(TITLE);
    expect(await page.locator('#missing-fields').innerText()).to.contain('Còn thiếu trước khi gửi thẩm định');
  });
});
