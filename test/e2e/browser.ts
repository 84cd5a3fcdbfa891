import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { pino } from 'pino';
import { boot, type Running } from '../../src/boot.js';
import { loadConfig } from '../../src/config/config.js';
import { projectRoot } from '../../src/paths.js';

export const artifactsDir = path.join(projectRoot, 'test-artifacts', 'e2e');
const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface World {
  app: Running;
  context: BrowserContext;
  base: string;
  cleanup(): Promise<void>;
}

/** The real app on a fresh embedded database with the demo data, and Debian's Chromium. */
export async function startWorld(): Promise<World> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dvk-e2e-'));
  const config = loadConfig({
    DATA_DIR: dir,
    UPLOAD_DIR: path.join(dir, 'uploads'),
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
  });
  const app = await boot(config, pino({ level: 'silent' }));
  const context = await chromium.launchPersistentContext(path.join(dir, 'chromium-profile'), {
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    locale: 'vi-VN',
    // Only so that axe-core can be injected; the app's own CSP stays as served.
    bypassCSP: true,
  });
  fs.mkdirSync(artifactsDir, { recursive: true });
  return {
    app,
    context,
    base: app.url.replace('localhost', '127.0.0.1'),
    async cleanup() {
      await context.close();
      await app.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(artifactsDir, `${name}.png`), fullPage: true });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core, injected from the npm package, on the page as it stands. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => {
    const w = window as unknown as {
      axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> };
    };
    return w.axe.run(document, { resultTypes: ['violations'] });
  });
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** Signs in through the login form as a demo account and waits for the dashboard. */
export async function login(page: Page, base: string, username: string): Promise<void> {
  await page.goto(base + '/login');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill('demo12345');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL(/\/dashboard$/);
}

export async function logout(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await page.waitForURL((u) => u.pathname === '/');
}

/** No serious or critical axe violation, no sideways scrolling, and a screenshot for people to look at. */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  const violations = await axeViolations(page);
  expect(
    violations.map((v) => `${v.id}: ${v.help}`),
    name,
  ).to.deep.equal([]);
  expect(await horizontalOverflow(page), `${name}: no sideways scrolling`).to.be.at.most(0);
  await screenshot(page, name);
}
