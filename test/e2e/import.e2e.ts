import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { expectAccessible, login, startWorld, type World } from './browser.js';

// Issue 16 in Chromium: the template downloaded and filled, the dry run's errors, the fixed file imported, public.
describe('import of models in Chromium', function () {
  this.timeout(300000);
  let world: World;
  let page: Page;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dvk-e2e-import-'));
  before(async () => {
    world = await startWorld();
    page = await world.context.newPage();
    await page.setViewportSize({ width: 375, height: 812 });
  });
  after(async () => {
    await world?.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function fill(template: string, out: string, communeCell: string, startedYear: string) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(template);
    const sheet = wb.getWorksheet('Mô hình')!;
    const headers = (sheet.getRow(1).values as string[]).slice(1);
    const put = (row: number, header: string, value: string) =>
      (sheet.getRow(row).getCell(headers.indexOf(header) + 1).value = value);
    const rows = [
      ['E2E-1', 'Mô hình nhập tệp sân chơi thiếu nhi', startedYear],
      ['E2E-2', 'Mô hình nhập tệp tổ hòa giải giỏi', '2019'],
    ];
    rows.forEach(([ref, title, year], i) => {
      const r = i + 2;
      put(r, 'Mã tham chiếu', ref);
      put(r, 'Tên mô hình', title);
      put(r, 'Loại', 'Tập thể');
      put(r, 'Lĩnh vực', 'Văn hóa – xã hội');
      put(r, 'Xã, phường', communeCell);
      put(r, 'Năm bắt đầu', year);
      put(r, 'Năm công nhận', '2024');
      put(r, 'Cấp công nhận', 'Cấp tỉnh');
      put(r, 'Xếp loại', 'Tốt');
      put(r, 'Tên tập thể hoặc cá nhân', 'Đoàn Thanh niên');
      put(r, 'Tóm tắt', 'Xây dựng sân chơi cho thiếu nhi bằng đóng góp của nhân dân.');
      put(r, 'Kinh phí (triệu đồng)', '350,5');
    });
    await wb.xlsx.writeFile(out);
  }

  it('downloads the template, shows the dry run errors, imports the fixed file, and the models are public', async () => {
    await login(page, world.base, 'tinh.demo');
    await page.getByRole('link', { name: 'Nhập mô hình từ tệp' }).click();
    await expectAccessible(page, 'import-index');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Tải tệp mẫu (.xlsx)' }).click();
    const template = path.join(dir, 'mau.xlsx');
    await (await download).saveAs(template);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(template);
    const communes = wb.getWorksheet('Danh mục')!.getColumn(6).values.slice(2) as string[];
    expect(communes.length).to.be.greaterThan(10);
    const commune = communes[0];

    const bad = path.join(dir, 'co-loi.xlsx');
    await fill(template, bad, commune, '1800');
    await page.getByLabel('Tệp Excel (.xlsx) hoặc CSV UTF-8 (bắt buộc)').setInputFiles(bad);
    await page.getByRole('button', { name: 'Tải lên và kiểm tra thử' }).click();
    await page.getByRole('heading', { name: 'Kết quả kiểm tra thử (chưa ghi gì)' }).waitFor({ timeout: 60000 });
    const problems = await page.locator('table.import-problems tbody tr').allInnerTexts();
    expect(problems).to.have.length(1);
    expect(problems[0]).to.include('Năm bắt đầu').and.include('1800').and.include('phải là năm từ 1945');
    expect(await page.locator('[data-count="create"]').innerText()).to.equal('1');
    await expectAccessible(page, 'import-dry-run-errors');

    const good = path.join(dir, 'da-sua.xlsx');
    await fill(template, good, commune, '2018');
    await page.goto(world.base + '/quan-ly/nhap-du-lieu');
    await page.getByLabel('Tệp Excel (.xlsx) hoặc CSV UTF-8 (bắt buộc)').setInputFiles(good);
    await page.getByRole('button', { name: 'Tải lên và kiểm tra thử' }).click();
    await page.getByRole('heading', { name: 'Kết quả kiểm tra thử (chưa ghi gì)' }).waitFor({ timeout: 60000 });
    expect(await page.locator('[data-count="create"]').innerText()).to.equal('2');
    expect(await page.locator('[data-count="error"]').innerText()).to.equal('0');
    await page.getByRole('button', { name: 'Xác nhận nhập' }).click();
    await page.getByRole('heading', { name: 'Kết quả nhập' }).waitFor({ timeout: 60000 });
    await expectAccessible(page, 'import-done');
    await page.getByRole('link', { name: 'Mô hình nhập tệp sân chơi thiếu nhi' }).click();
    await page
      .getByRole('heading', { name: /Mô hình nhập tệp sân chơi thiếu nhi/ })
      .first()
      .waitFor();

    // The public sees both.
    const anonymous = await world.context.browser()?.newContext();
    const publicPage = anonymous ? await anonymous.newPage() : await world.context.newPage();
    if (!anonymous) await publicPage.context().clearCookies();
    await publicPage.goto(world.base + '/mo-hinh?q=' + encodeURIComponent('Mô hình nhập tệp'));
    const text = await publicPage.locator('main').innerText();
    expect(text).to.include('Mô hình nhập tệp sân chơi thiếu nhi').and.include('Mô hình nhập tệp tổ hòa giải giỏi');
  });
});
