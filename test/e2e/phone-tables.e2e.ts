import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { horizontalOverflow, login, logout, screenshot, startWorld, type World } from './browser.js';

// At 375 px no table cell may break a word in the middle ("Trạn g thái"): a word laid out on two
// lines has client rects on two lines. Breaks at a hyphen, a slash or a dash are allowed.
async function wordsSplitInCells(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const split: string[] = [];
    for (const cell of Array.from(document.querySelectorAll('th, td'))) {
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
        const words = /[^\s/\-–—]+/g;
        for (let m = words.exec(node.data); m; m = words.exec(node.data)) {
          const range = document.createRange();
          range.setStart(node, m.index);
          range.setEnd(node, m.index + m[0].length);
          const lines = new Set(
            Array.from(range.getClientRects())
              .filter((r) => r.width > 0)
              .map((r) => Math.round(r.top)),
          );
          if (lines.size > 1) split.push(m[0]);
        }
      }
    }
    return split;
  });
}

describe('tables at 375 px never break a word in the middle', function () {
  this.timeout(300000);
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

  async function check(path: string, name: string, hasTable = true) {
    await page.goto(world.base + path);
    if (hasTable) expect(await page.locator('table').count(), `${path} has a table`).to.be.greaterThan(0);
    expect(await wordsSplitInCells(page), `${path}: words split across lines`).to.deep.equal([]);
    expect(await horizontalOverflow(page), `${path}: no sideways scrolling`).to.be.at.most(0);
    await screenshot(page, `phone-tables-${name}`);
  }

  it('on the province staff pages', async () => {
    await login(page, world.base, 'tinh.demo');
    await check('/dashboard', 'dashboard');
    await check('/quan-ly/tai-khoan', 'accounts');
    const first = await page.locator('main table a[href^="/quan-ly/tai-khoan/"]').first().getAttribute('href');
    await check(first!, 'account', false);
    const entry = await page
      .goto(world.base + '/dashboard')
      .then(() => page.locator('main table a[href^="/quan-ly/mo-hinh/"]').first().getAttribute('href'));
    await check(`${entry!}#lich-su`, 'entry');
    await logout(page);
  });

  it('on the central admin pages', async () => {
    await login(page, world.base, 'admin.demo');
    await check('/quan-ly/co-quan-tham-dinh', 'reviewing-bodies');
    await check('/quan-ly/phong-trao', 'movements-admin');
    await check('/quan-ly/hinh-thuc-khen-thuong', 'commendation-forms');
    await logout(page);
  });

  it('finds a word broken in the middle when a cell is made to break one', async () => {
    await page.goto(world.base + '/phong-trao/dan-van-kheo');
    await page.evaluate(() => {
      const cell = document.querySelector('main table td, main table th') as HTMLElement;
      cell.textContent = 'Trạng thái Thành phố';
      cell.style.cssText = 'word-break: break-all; width: 3ch; max-width: 3ch; display: inline-block';
    });
    expect(await wordsSplitInCells(page)).to.include.members(['Trạng', 'Thành']);
  });

  it('on the public movement page', async () => {
    await check('/phong-trao/dan-van-kheo', 'movement');
  });
});
