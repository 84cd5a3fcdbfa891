import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { expectAccessible, startWorld, type World } from './browser.js';

/** How many of each canvas's pixels are painted (not transparent). */
function paintedPixels(page: Page): Promise<number[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('.chart-box canvas')).map((node) => {
      const canvas = node as HTMLCanvasElement;
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) n++;
      return n;
    }),
  );
}

describe('statistics and open-data pages in a browser', function () {
  this.timeout(300000);
  let world: World;
  before(async () => {
    world = await startWorld();
  });
  after(async () => {
    await world?.cleanup();
  });

  for (const [name, width, height] of [
    ['phone', 375, 812],
    ['desktop', 1280, 900],
  ] as const) {
    it(`draws every chart from its table with JavaScript (${name})`, async () => {
      const page = await world.context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      await page.setViewportSize({ width, height });
      await page.goto(world.base + '/');
      await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Thống kê' }).click();
      await page.waitForURL(/\/thong-ke$/);
      const tables = await page.locator('table.stats-table').count();
      expect(tables).to.equal(7);
      await page.waitForFunction((n) => document.querySelectorAll('.chart-box canvas').length === n, tables);
      const painted = await paintedPixels(page);
      expect(painted).to.have.length(tables);
      for (const n of painted) expect(n, 'a chart drawn').to.be.greaterThan(100);
      // The charts' text alternative points at the table; the table is still there.
      const label = await page.locator('.chart-box canvas').first().getAttribute('aria-label');
      expect(label).to.match(/^Biểu đồ: .+Số liệu ở bảng ngay dưới\.$/);
      expect(await page.locator('svg.tile-map-svg a.tile').count()).to.equal(34);
      expect(errors, 'no script errors (the CSP allows what the page loads)').to.deep.equal([]);
      await expectAccessible(page, `statistics-js-${name}`);

      // Filtering through the form keeps the choice in the URL and redraws from the new tables.
      await page.getByLabel('Loại', { exact: true }).selectOption('individual');
      await page.getByRole('button', { name: 'Xem thống kê' }).click();
      await page.waitForURL(/type=individual/);
      expect(await page.getByLabel('Loại', { exact: true }).inputValue()).to.equal('individual');
      await page.waitForFunction((n) => document.querySelectorAll('.chart-box canvas').length === n, tables);
      await expectAccessible(page, `statistics-js-filtered-${name}`);
      await page.close();
    });

    it(`shows the tables and the map without JavaScript (${name})`, async () => {
      const page = await world.context.newPage();
      // Every script of the site is a file (the CSP allows no inline script): refusing them is a browser without JavaScript.
      await page.route(/\.js(\?|$)/, (route) => route.abort());
      await page.setViewportSize({ width, height });
      await page.goto(world.base + '/thong-ke?yearFrom=2018');
      expect(await page.locator('table.stats-table').count()).to.equal(7);
      expect(await page.locator('.chart-box canvas').count()).to.equal(0);
      const total = await page.locator('#table-recognition tr[data-key="approved"] td').textContent();
      expect(total).to.match(/^\d{1,3}(\.\d{3})*$/);
      expect(await page.locator('svg.tile-map-svg a.tile').count()).to.equal(34);
      // A tile's accessible name is its <title>: the province's full name and its count.
      const hanoi = page.getByRole('link', { name: /^Thành phố Hà Nội: \d{1,3}(\.\d{3})* mô hình$/ });
      expect(await hanoi.count()).to.equal(1);
      expect(await hanoi.getAttribute('href')).to.equal('/tinh/01');
      const href = await page.locator('a[href^="/thong-ke.csv?"]').first().getAttribute('href');
      expect(href).to.include('yearFrom=2018');
      await expectAccessible(page, `statistics-nojs-${name}`);
      await page.close();
    });

    it(`opens the open-data page from the header, with the archive and the API examples (${name})`, async () => {
      const page = await world.context.newPage();
      await page.setViewportSize({ width, height });
      await page.goto(world.base + '/');
      await page
        .getByRole('navigation', { name: 'Điều hướng chính' })
        .getByRole('link', { name: 'Dữ liệu mở' })
        .click();
      await page.waitForURL(/\/du-lieu-mo$/);
      const zip = page.locator('a[href="/du-lieu-mo/danh-muc.zip"]').first();
      expect(await zip.count()).to.equal(1);
      expect(await page.locator('main').innerText()).to.include('/api/v1/models');
      const archive = await page.request.get(world.base + '/du-lieu-mo/danh-muc.zip');
      expect(archive.status()).to.equal(200);
      expect(archive.headers()['content-type']).to.include('zip');
      await expectAccessible(page, `open-data-${name}`);
      await page.close();
    });
  }
});
