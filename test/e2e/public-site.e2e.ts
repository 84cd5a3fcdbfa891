import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { axeViolations, horizontalOverflow, screenshot, startWorld, type World } from './browser.js';

describe('public site in Chromium', function () {
  this.timeout(180000);
  let world: World;
  let page: Page;
  before(async () => {
    world = await startWorld();
    page = await world.context.newPage();
  });
  after(async () => {
    await world?.cleanup();
  });

  const cardsMeta = () => page.locator('.model-card .meta').allInnerTexts();

  it('filters by province and field, opens a model and comes back with the filters kept', async () => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(world.base + '/');
    await page.getByRole('link', { name: 'Tra cứu mô hình' }).first().click();
    await page.waitForURL(/\/mo-hinh$/);
    await screenshot(page, '01-browse-all');
    await page
      .getByLabel('Tỉnh, thành phố')
      .selectOption({ label: await optionLabel(page, '#province', 'Thái Nguyên') });
    await page.getByRole('radio', { name: /^Kinh tế/ }).check();
    await page.getByRole('button', { name: 'Lọc' }).click();
    await page.waitForURL(/province=19/);
    expect(page.url()).to.contain('field=kinh-te');
    const metas = await cardsMeta();
    expect(metas.length).to.be.greaterThan(0);
    for (const m of metas)
      expect(m)
        .to.contain('Kinh tế')
        .and.to.match(/Thái Nguyên/);
    await screenshot(page, '02-browse-thai-nguyen-kinh-te');

    const first = page.locator('.model-card h3 a').first();
    const title = (await first.innerText()).trim();
    await first.click();
    await expect(await page.locator('h1').innerText()).to.equal(title);
    await screenshot(page, '03-model-page');
    await page.getByRole('link', { name: /Quay lại danh sách/ }).click();
    await page.waitForURL(/\/mo-hinh\?/);
    expect(page.url()).to.contain('province=19').and.contain('field=kinh-te');
    expect(await page.locator('#province').inputValue()).to.equal('19');
    expect(await page.getByRole('radio', { name: /^Kinh tế/ }).isChecked()).to.equal(true);
  });

  it('finds an accented title from a search typed without diacritics, with the words marked', async () => {
    await page.goto(world.base + '/mo-hinh');
    await page.getByLabel(/Tìm theo tên/).fill('dan van kheo');
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await page.waitForURL(/q=dan\+van\+kheo/);
    const titles = await page.locator('.model-card h3').allInnerTexts();
    expect(titles.length).to.be.greaterThan(0);
    expect(titles[0].toLowerCase()).to.contain('dân vận khéo');
    expect(await page.locator('.model-card h3 mark').first().innerText()).to.match(/^dân$/i);
    await screenshot(page, '04-search-without-diacritics');
  });

  it('finds a model registered under the former Quảng Bình under Quảng Trị', async () => {
    await page.goto(world.base + '/mo-hinh');
    await page.getByLabel('Tỉnh, thành phố').selectOption('44');
    await page.getByRole('button', { name: 'Lọc' }).click();
    await page.waitForURL(/province=44/);
    const metas = await cardsMeta();
    expect(metas.some((m) => m.includes('tỉnh Quảng Bình (nay thuộc tỉnh Quảng Trị)'))).to.equal(true);
    await screenshot(page, '05-former-province');
  });

  it('suggests removing a filter when nothing matches', async () => {
    await page.goto(world.base + '/mo-hinh?q=khongcotukhoanay&province=19');
    expect(await page.locator('h2#results-heading').innerText()).to.contain('Không tìm thấy');
    await page.getByRole('link', { name: /^Bỏ từ khóa/ }).click();
    await page.waitForURL((u) => !u.search.includes('q='));
    expect((await cardsMeta()).length).to.be.greaterThan(0);
  });

  const pages: [string, string][] = [
    ['home', '/'],
    ['browse', '/mo-hinh'],
    ['browse-empty', '/mo-hinh?q=khongcotukhoanay'],
    ['browse-filtered', '/mo-hinh?province=44&field=van-hoa-xa-hoi'],
    ['province', '/tinh/42'],
    ['not-found', '/khong-co-trang-nay'],
    ['login', '/login'],
  ];

  it('has no serious or critical accessibility violations (axe-core)', async () => {
    await page.setViewportSize({ width: 1366, height: 768 });
    const modelHref = await firstModelHref(page, world.base);
    for (const [name, url] of [...pages, ['model', modelHref] as [string, string]]) {
      await page.goto(world.base + url);
      const violations = await axeViolations(page);
      expect(
        violations.map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.slice(0, 2).map((n) => n.target))}`),
        name,
      ).to.deep.equal([]);
    }
  });

  for (const [width, height] of [
    [375, 812],
    [1366, 768],
  ]) {
    it(`does not scroll sideways at ${width} × ${height}`, async () => {
      await page.setViewportSize({ width, height });
      const modelHref = await firstModelHref(page, world.base);
      for (const [name, url] of [...pages, ['model', modelHref] as [string, string]]) {
        await page.goto(world.base + url);
        expect(await horizontalOverflow(page), `${name} at ${width}px`).to.be.at.most(0);
        await screenshot(page, `viewport-${width}-${name}`);
      }
    });
  }
});

async function optionLabel(page: Page, select: string, startsWith: string): Promise<string> {
  const labels = await page.locator(`${select} option`).allInnerTexts();
  return labels.find((l) => l.startsWith(startsWith))!;
}

async function firstModelHref(page: Page, base: string): Promise<string> {
  await page.goto(base + '/mo-hinh');
  return (await page.locator('.model-card h3 a').first().getAttribute('href'))!;
}
