import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { expectAccessible, login, logout, startWorld, type World } from './browser.js';

// Issue 13's journey end to end: a province movement, a model under it that replicates another, its
// approval and a Bằng khen, and what the public then sees on the movement page and both model pages.
const MOVEMENT = 'Phong trào thi đua “Thôn xóm sáng – xanh – sạch” tỉnh Thái Nguyên';
const CODE = 'thai-nguyen-thon-xom-sang-xanh-sach';
const TITLE = 'Thôn Khuôn Ngù thắp sáng đường quê theo cách của Hưng Yên';
const DECISION = '3579/QĐ-UBND';

describe('a province movement, a replica under it and its commendation, in Chromium', function () {
  this.timeout(300000);
  let world: World;
  let page: Page;
  const year = new Date().getFullYear();
  const today = new Date().toLocaleDateString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' });
  before(async () => {
    world = await startWorld();
    page = await world.context.newPage();
    await page.setViewportSize({ width: 375, height: 812 });
  });
  after(async () => {
    await world?.cleanup();
  });

  it('goes from the province admin to the cadre, the reviewer and the public', async () => {
    // The province admin launches the movement.
    await login(page, world.base, 'tinh.demo');
    await page.goto(world.base + '/quan-ly/phong-trao');
    await page.getByRole('link', { name: '+ Phong trào mới' }).click();
    await page.getByLabel('Tên phong trào').fill(MOVEMENT);
    await page.getByLabel(/^Mã phong trào/).fill(CODE);
    await page.getByLabel('Tình trạng').selectOption('in_force');
    await page.getByLabel('Cơ quan phát động').fill('Ban Dân vận Tỉnh ủy Thái Nguyên');
    await page.getByLabel('Năm bắt đầu').fill(String(year));
    await page.getByLabel('Tiêu chí').fill('Mỗi thôn có đường điện chiếu sáng do nhân dân góp công.');
    await page.getByLabel('Tên giai đoạn 1').fill(`Giai đoạn ${year}–${year + 4}`);
    await page.locator('#phaseStart0').fill(String(year));
    await page.locator('#phaseEnd0').fill(String(year + 4));
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.waitForURL(new RegExp(`/quan-ly/phong-trao/${CODE}$`));
    await expectAccessible(page, 'journey13-01-movement-created');
    await logout(page);

    // The cadre registers a model under it that replicates a Hưng Yên model.
    await login(page, world.base, 'xa.demo');
    await page.goto(world.base + '/quan-ly/mo-hinh/moi');
    await page.getByLabel('Tên mô hình').fill(TITLE);
    await page.getByLabel('Lĩnh vực').selectOption('kinh-te');
    await page.getByLabel('Năm bắt đầu thực hiện').fill(String(year - 1));
    await page.getByLabel(/^Tóm tắt/).fill('Nhân dân góp tiền, góp công lắp đèn chiếu sáng đường thôn.');
    await page.getByLabel('Thực trạng, lý do xây dựng').fill('Đường thôn tối, đi lại khó khăn.');
    await page.getByLabel('Mục tiêu, tiêu chí đánh giá').fill('Toàn bộ đường trục thôn có đèn.');
    await page.getByLabel('Địa bàn, đối tượng').fill('95 hộ thôn Khuôn Ngù.');
    await page.getByLabel('Nội dung, cách thức thực hiện').fill('Họp dân, bàn cách làm, tổ tự quản vận hành.');
    await page.getByLabel('Lực lượng chủ trì').fill('Chi bộ thôn Khuôn Ngù');
    await page.getByLabel('Kết quả kiểm chứng được').fill('3,5 km đường có đèn.');
    await page.getByLabel('Khả năng duy trì, nhân rộng').fill('Quỹ điện do các hộ đóng góp hằng tháng.');
    await page.getByLabel('Tên tập thể hoặc họ tên cá nhân').fill('Nhân dân thôn Khuôn Ngù');
    await page.getByLabel(MOVEMENT).check();
    await page.getByLabel(/Tìm mô hình gốc/).fill('hung yen');
    await page.getByRole('button', { name: 'Tìm mô hình gốc' }).click();
    expect(await page.getByLabel(MOVEMENT).isChecked(), 'the search step keeps the ticked movement').to.equal(true);
    await page.locator('.source-matches button').first().click();
    const sourceId = await page.locator('input[name=replicatesId]').first().inputValue();
    // The public title, as the public pages show it (an individual's name may be withheld there).
    const sourceTitle = (await (await page.request.get(`${world.base}/api/v1/models/${sourceId}`)).json()).title;
    await page.getByLabel('Điều đã điều chỉnh so với mô hình gốc').fill('Dùng đèn năng lượng mặt trời.');
    await page.getByRole('button', { name: 'Lưu và gửi thẩm định' }).click();
    if (await page.getByText('Có thể trùng').count())
      await page.getByRole('button', { name: 'Lưu và gửi thẩm định' }).click();
    await page.waitForURL(/\/quan-ly\/mo-hinh\/\d+$/);
    const entryUrl = page.url();
    expect(await page.locator('#replication').innerText()).to.include('năng lượng mặt trời');
    await logout(page);

    // The province reviews it: approves, then records a Bằng khen.
    await login(page, world.base, 'tinh.demo');
    await page.goto(entryUrl);
    await page.getByLabel('Năm công nhận').fill(String(year));
    await page.getByRole('button', { name: 'Duyệt' }).click();
    await page.waitForURL(entryUrl);
    expect(await page.locator('.meta .tag').innerText()).to.equal('Đã công nhận');
    await page.getByRole('link', { name: 'Thêm, sửa, thu hồi khen thưởng' }).click();
    await page.getByLabel('Hình thức khen thưởng (bắt buộc)').selectOption('bang_khen');
    await page.getByLabel('Cơ quan khen thưởng (bắt buộc)').fill('UBND tỉnh Thái Nguyên');
    await page.getByLabel('Số quyết định (bắt buộc)').fill(DECISION);
    await page.getByLabel('Ngày quyết định (bắt buộc)').fill(today);
    await page.getByRole('button', { name: 'Ghi nhận khen thưởng' }).click();
    await page.getByText('Đã ghi nhận khen thưởng.').waitFor();
    await expectAccessible(page, 'journey13-02-commendation');
    await logout(page);

    // The public: the movement page lists the model; the replica names its original; the original lists the replica.
    await page.goto(world.base + '/phong-trao');
    await page.getByRole('link', { name: MOVEMENT }).click();
    await page.waitForURL(new RegExp(`/phong-trao/${CODE}$`));
    expect(await page.locator('main').innerText()).to.include(`Giai đoạn ${year}–${year + 4}`);
    await expectAccessible(page, 'journey13-03-movement-page');
    await page.getByRole('link', { name: TITLE }).click();
    const replica = await page.locator('main').innerText();
    expect(replica).to.include(MOVEMENT).and.include('Bằng khen').and.include(DECISION);
    expect(await page.locator('#nhan-rong').innerText()).to.include(sourceTitle);
    await expectAccessible(page, 'journey13-04-replica');
    await page.locator('#nhan-rong').getByRole('link', { name: sourceTitle }).click();
    expect(await page.locator('#nhan-rong').innerText()).to.include(TITLE);
    expect(await page.locator('.replication-summary').innerText()).to.match(/Được nhân rộng ở \d+ nơi, thuộc \d+ tỉnh/);
    await expectAccessible(page, 'journey13-05-original');
  });
});
