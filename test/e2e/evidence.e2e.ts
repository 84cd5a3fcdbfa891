import { expect } from 'chai';
import sharp from 'sharp';
import type { Page } from 'playwright-core';
import { expectAccessible, login, logout, screenshot, startWorld, type World } from './browser.js';
import { pdf } from '../helpers/sample-files.js';

const TITLE = 'Tổ hòa giải thôn Gò Chè gắn camera an ninh cùng người dân';

/** A photo-like JPEG (noise does not compress), with camera EXIF and GPS, about `kb` kilobytes. */
async function photo(seed: number, kb = 350): Promise<Buffer> {
  const side = Math.round(Math.sqrt((kb * 1024) / 1.1));
  const pixels = Buffer.alloc(side * side * 3);
  for (let i = 0; i < pixels.length; i++) pixels[i] = ((i + seed) * 2654435761) >>> 24;
  return sharp(pixels, { raw: { width: side, height: side, channels: 3 } })
    .jpeg({ quality: 90 })
    .withExif({ IFD0: { Make: 'TestPhone' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '21/1 35/1 12/1' } })
    .toBuffer();
}

describe('evidence files in Chromium', function () {
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

  it('a cadre attaches two photos and a PDF (with a progress bar), the reviewer approves, the public sees the gallery', async () => {
    await login(page, world.base, 'xa.demo');
    await page.getByRole('link', { name: /Đăng ký mô hình mới/ }).click();
    await page.getByLabel('Tên mô hình').fill(TITLE);
    await page.getByLabel('Lĩnh vực').selectOption('quoc-phong-an-ninh');
    await page.getByLabel('Năm bắt đầu thực hiện').fill('2025');
    await page
      .getByLabel(/^Tóm tắt/)
      .fill('42 hộ góp tiền lắp 12 camera ở các ngả đường, tổ hòa giải theo dõi và nhắc nhở.');
    await page.getByLabel('Thực trạng, lý do xây dựng').fill('Trộm cắp vặt xảy ra vào ban đêm.');
    await page.getByLabel('Mục tiêu, tiêu chí đánh giá').fill('Không còn trộm cắp vặt.');
    await page.getByLabel('Địa bàn, đối tượng').fill('42 hộ thôn Gò Chè.');
    await page.getByLabel('Nội dung, cách thức thực hiện').fill('Họp dân, góp tiền, lắp camera, phân công theo dõi.');
    await page.getByLabel('Lực lượng chủ trì').fill('Tổ hòa giải thôn Gò Chè');
    await page.getByLabel('Kết quả kiểm chứng được').fill('12 camera; không còn vụ trộm nào trong năm.');
    await page.getByLabel('Khả năng duy trì, nhân rộng').fill('Các hộ đóng tiền điện, mạng hằng tháng.');
    await page.getByLabel('Tên tập thể hoặc họ tên cá nhân').fill('Tổ hòa giải thôn Gò Chè');
    await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
    // A similar title never holds a draft back: its page warns instead.
    await page.waitForURL(/\/quan-ly\/mo-hinh\/\d+$/);
    const entryUrl = page.url();

    await page.getByRole('link', { name: 'Thêm, sửa tệp minh chứng' }).click();
    await page.waitForURL(/\/tep$/);
    await expectAccessible(page, 'evidence-files-empty');
    await page.getByLabel(/^Chọn tệp/).setInputFiles([
      { name: 'Họp dân lắp camera.jpg', mimeType: 'image/jpeg', buffer: await photo(1) },
      { name: 'Camera ngả ba.jpg', mimeType: 'image/jpeg', buffer: await photo(2) },
      { name: 'Biên bản họp dân.pdf', mimeType: 'application/pdf', buffer: pdf() },
    ]);
    await page.getByLabel(/^Chú thích/).fill('Người dân thôn Gò Chè lắp camera');

    // A slow mobile uplink, so the progress bar has time to be seen moving.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 40,
      downloadThroughput: -1,
      uploadThroughput: 160 * 1024,
    });
    await page.getByRole('button', { name: 'Tải lên' }).click();
    const bar = page.locator('progress#upload-progress-bar');
    await bar.waitFor({ state: 'visible' });
    await page.waitForFunction(() => {
      const p = document.querySelector('progress#upload-progress-bar') as HTMLProgressElement | null;
      return !!p && p.value > 0 && p.value < 100;
    });
    expect(await page.locator('[data-progress-text]').innerText()).to.match(/^Đã tải lên \d+%$/);
    await screenshot(page, 'evidence-uploading');
    await page.waitForFunction(
      () =>
        !document.querySelector('progress#upload-progress-bar') || document.querySelectorAll('.file-item').length === 3,
      undefined,
      { timeout: 60000 },
    );
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    await page.waitForURL(/\/tep$/);
    expect(await page.locator('.file-item').count()).to.equal(3);
    expect(await page.locator('.file-item img').count()).to.equal(2);
    await expectAccessible(page, 'evidence-files-attached');

    await page.goto(entryUrl);
    await page.getByRole('button', { name: 'Gửi thẩm định' }).click();
    await page.waitForURL(entryUrl);
    expect(await page.locator('.meta .tag').innerText()).to.equal('Chờ thẩm định');
    await logout(page);

    await login(page, world.base, 'tinh.demo');
    await page.goto(entryUrl);
    expect(await page.locator('main').innerText()).to.contain('Tệp minh chứng (3)');
    await page.getByLabel('Năm công nhận').fill('2026');
    await page.getByRole('button', { name: 'Duyệt' }).click();
    await page.waitForURL(entryUrl);
    expect(await page.locator('.meta .tag').innerText()).to.equal('Đã công nhận');
    await logout(page);

    await page.goto(world.base + '/mo-hinh?q=' + encodeURIComponent('camera go che'));
    await page.getByRole('link', { name: TITLE }).click();
    const gallery = page.locator('.gallery img');
    expect(await gallery.count()).to.equal(2);
    await gallery.first().scrollIntoViewIfNeeded();
    // The thumbnails really load (natural size known), and the caption is under them.
    await page.waitForFunction(() =>
      [...document.querySelectorAll<HTMLImageElement>('.gallery img')].every((i) => i.complete && i.naturalWidth > 0),
    );
    expect(await page.locator('.gallery figcaption').first().innerText()).to.equal('Người dân thôn Gò Chè lắp camera');
    expect(await page.locator('.documents').innerText()).to.contain('PDF');
    await expectAccessible(page, 'evidence-public-gallery');
    // A thumbnail opens the photo viewer: the full-size copy, its caption, the next photo, no script.
    await page.locator('.gallery a').first().click();
    await page.waitForURL(/\/anh\/1$/);
    const viewed = page.locator('.photo-viewer img');
    await viewed.waitFor();
    expect(await viewed.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth > 0)).to.equal(true);
    expect(await page.locator('.photo-viewer figcaption').innerText()).to.contain('Người dân thôn Gò Chè lắp camera');
    await expectAccessible(page, 'evidence-photo-viewer');
    await page.locator('a[rel="next"]').click();
    await page.waitForURL(/\/anh\/2$/);
    const src = await page.locator('.photo-viewer img').getAttribute('src');
    const full = await page.goto(new URL(src!, page.url()).toString());
    expect(full?.headers()['content-type']).to.equal('image/webp');
  });
});
