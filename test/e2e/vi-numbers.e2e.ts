import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { expectAccessible, horizontalOverflow, login, logout, startWorld, type World } from './browser.js';

const TITLE = 'Thôn Nà Pài góp công bê tông hóa đường và sân phơi';

describe('Vietnamese numbers typed on a phone', function () {
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

  it('reads 1.250, 4.200, 2.600 and 2,8 as a Vietnamese reader would, and shows them back so', async () => {
    await login(page, world.base, 'xa.demo');
    await page.goto(world.base + '/quan-ly/mo-hinh/moi');
    await page.getByLabel('Tên mô hình').fill(TITLE);
    await page.getByLabel('Lĩnh vực').selectOption('kinh-te');
    await page.getByLabel('Năm bắt đầu thực hiện').fill('2024');
    await page.getByLabel(/^Tóm tắt/).fill('Nhân dân góp công làm đường và sân phơi bê tông.');
    await page.getByLabel('Thực trạng, lý do xây dựng').fill('Đường đất lầy lội.');
    await page.getByLabel('Mục tiêu, tiêu chí đánh giá').fill('Bê tông hóa đường thôn.');
    await page.getByLabel('Địa bàn, đối tượng').fill('72 hộ thôn Nà Pài.');
    await page.getByLabel('Nội dung, cách thức thực hiện').fill('Họp dân, chia tổ, góp ngày công.');
    await page.getByLabel('Lực lượng chủ trì').fill('Chi bộ thôn Nà Pài');
    await page.getByLabel('Kết quả kiểm chứng được').fill('Đường và sân phơi bê tông.');
    await page.getByLabel('Khả năng duy trì, nhân rộng').fill('Tổ tự quản duy tu.');
    await page.getByLabel('Tên tập thể hoặc họ tên cá nhân').fill('Nhân dân thôn Nà Pài');
    await page.getByLabel('Kinh phí (triệu đồng)').fill('1.25');
    await page.getByLabel('Ngày công').fill('2.600');
    await page.getByLabel('Chỉ số 1').fill('Sân phơi bê tông');
    await page.locator('#ind-value-0').fill('4.200');
    await page.locator('#ind-unit-0').fill('m²');
    await page.getByLabel('Chỉ số 2').fill('Đường bê tông');
    await page.locator('#ind-value-1').fill('2,8');
    await page.locator('#ind-unit-1').fill('km');
    await page.getByRole('button', { name: 'Lưu bản nháp' }).click();

    // "1.25" is refused beside the field; everything typed stays.
    await page.waitForSelector('#err-resourcesMoneyMillion');
    expect(await page.locator('#err-resourcesMoneyMillion').innerText()).to.match(/^Số không hợp lệ: viết 1\.250/);
    expect(await page.getByLabel('Ngày công').inputValue()).to.equal('2.600');
    await expectAccessible(page, 'vi-numbers-form-error');
    expect(await horizontalOverflow(page)).to.equal(0);

    await page.getByLabel('Kinh phí (triệu đồng)').fill('1.250');
    await page.getByRole('button', { name: 'Lưu và gửi thẩm định' }).click();
    if (await page.getByText('Có thể trùng').count())
      await page.getByRole('button', { name: 'Lưu và gửi thẩm định' }).click();
    await page.waitForURL(/\/quan-ly\/mo-hinh\/\d+$/);
    const entryUrl = page.url();
    expect(await page.locator('dd[data-field="resourcesMoneyMillion"]').innerText()).to.equal('1.250');
    expect(await page.locator('dd[data-field="resourcesWorkDays"]').innerText()).to.equal('2.600');
    expect(await page.locator('table.indicator-table td.num').allInnerTexts()).to.deep.equal(['4.200', '2,8']);
    await logout(page);

    await login(page, world.base, 'tinh.demo');
    await page.goto(entryUrl);
    await page.getByLabel('Năm công nhận').fill('2025');
    await page.getByLabel('Ngày quyết định (không bắt buộc)').fill('2/9/2025');
    await page.getByRole('button', { name: 'Duyệt' }).click();
    await page.waitForURL(entryUrl);
    expect(await page.locator('.meta .tag').innerText()).to.equal('Đã công nhận');
    await logout(page);

    await page.goto(world.base + '/mo-hinh?q=' + encodeURIComponent('na pai be tong'));
    await page.getByRole('link', { name: TITLE }).click();
    const pub = await page.locator('main').innerText();
    expect(pub).to.contain('Kinh phí: 1.250 triệu đồng').and.contain('Ngày công: 2.600');
    expect(await page.locator('table.indicators td.num').allInnerTexts()).to.deep.equal(['4.200', '2,8']);
  });
});
