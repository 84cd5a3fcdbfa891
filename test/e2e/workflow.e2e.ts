import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { expectAccessible, login, logout, screenshot, startWorld, type World } from './browser.js';

const TITLE = 'Xóm Đồi Chè chung tay thắp sáng đường quê bằng đèn năng lượng mặt trời';

describe('the vetting workflow in Chromium', function () {
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

  it('a cadre registers and submits, a reviewer returns it, the cadre amends, the reviewer approves, the public finds it', async () => {
    await page.goto(world.base + '/login');
    await expectAccessible(page, 'workflow-login');
    await login(page, world.base, 'xa.demo');
    await expectAccessible(page, 'workflow-dashboard-cadre');
    await page.getByRole('link', { name: /Đăng ký mô hình mới/ }).click();
    await expectAccessible(page, 'workflow-form');
    await page.getByLabel('Tên mô hình').fill(TITLE);
    await page.getByLabel('Lĩnh vực').selectOption('kinh-te');
    await page.getByLabel('Năm bắt đầu thực hiện').fill('2025');
    await page
      .getByLabel(/^Tóm tắt/)
      .fill('38 hộ góp 96 triệu đồng lắp 64 bóng đèn năng lượng mặt trời trên 2,6 km đường xóm.');
    await page.getByLabel('Thực trạng, lý do xây dựng').fill('Đường xóm tối, người dân đi lại khó khăn buổi tối.');
    await page.getByLabel('Mục tiêu, tiêu chí đánh giá').fill('Toàn bộ đường xóm có đèn chiếu sáng.');
    await page.getByLabel('Địa bàn, đối tượng').fill('38 hộ xóm Đồi Chè.');
    await page
      .getByLabel('Nội dung, cách thức thực hiện')
      .fill('Chi bộ họp bàn, các hộ tự nguyện góp tiền và ngày công.');
    await page.getByLabel('Lực lượng chủ trì').fill('Chi bộ xóm Đồi Chè');
    await page.getByLabel('Kết quả kiểm chứng được').fill('64 bóng đèn trên 2,6 km đường.');
    await page.getByLabel('Khả năng duy trì, nhân rộng').fill('Tổ tự quản thu phí điện hằng tháng.');
    await page.getByLabel('Tên tập thể hoặc họ tên cá nhân').fill('Nhân dân xóm Đồi Chè');
    await page.getByRole('button', { name: 'Lưu và gửi thẩm định' }).click();
    if (await page.getByText('Có thể trùng').count())
      await page.getByRole('button', { name: 'Lưu và gửi thẩm định' }).click();
    await page.waitForURL(/\/quan-ly\/mo-hinh\/\d+$/);
    const entryUrl = page.url();
    expect(await page.locator('.meta .tag').innerText()).to.equal('Chờ thẩm định');
    await logout(page);

    await login(page, world.base, 'tinh.demo');
    await page.goto(entryUrl);
    await expectAccessible(page, 'workflow-review');
    await page
      .getByLabel('Ý kiến, nội dung cần bổ sung (bắt buộc)')
      .fill('Bổ sung số tiền điện hằng tháng mỗi hộ đóng.');
    await page.getByRole('button', { name: 'Trả lại' }).click();
    await page.waitForURL(entryUrl);
    expect(await page.locator('.meta .tag').innerText()).to.equal('Trả lại để bổ sung');
    await logout(page);

    await login(page, world.base, 'xa.demo');
    expect(await page.locator('main').innerText()).to.contain('Bổ sung số tiền điện hằng tháng mỗi hộ đóng.');
    await page.getByRole('link', { name: TITLE }).click();
    await page.getByRole('link', { name: 'Sửa nội dung' }).click();
    expect(await page.locator('#return-comment').innerText()).to.contain(
      'Bổ sung số tiền điện hằng tháng mỗi hộ đóng.',
    );
    await page
      .getByLabel('Kết quả kiểm chứng được')
      .fill('64 bóng đèn trên 2,6 km đường; mỗi hộ đóng 15.000 đồng tiền điện một tháng.');
    await page.getByRole('button', { name: 'Lưu và gửi thẩm định' }).click();
    await page.waitForURL(entryUrl);
    expect(await page.locator('.meta .tag').innerText()).to.equal('Chờ thẩm định');
    await logout(page);

    await login(page, world.base, 'tinh.demo');
    await page.goto(entryUrl);
    // What the resubmission changed, before and after, above the record.
    const diff = page.locator('#changes table');
    expect(await diff.locator('tbody tr').count()).to.equal(1);
    expect(await diff.locator('tbody th').innerText()).to.equal('Kết quả kiểm chứng được');
    expect(await diff.locator('tbody td').last().innerText()).to.contain('15.000 đồng tiền điện');
    await expectAccessible(page, 'workflow-review-changes');
    await page.getByLabel('Năm công nhận').fill('2026');
    await page.getByRole('button', { name: 'Duyệt' }).click();
    await page.waitForURL(entryUrl);
    expect(await page.locator('.meta .tag').innerText()).to.equal('Đã công nhận');
    await logout(page);

    await page.goto(world.base + '/mo-hinh?q=' + encodeURIComponent('thap sang duong que doi che'));
    await page.getByRole('link', { name: TITLE }).click();
    expect(await page.locator('h1').innerText()).to.equal(TITLE);
    expect(await page.locator('main').innerText()).to.contain('mỗi hộ đóng 15.000 đồng');
    await screenshot(page, 'workflow-public');
  });
});
