/**
 * The browser harness every console end-to-end test uses: Debian's Chromium driven through
 * playwright-core (never a downloaded browser), a fresh profile per launch, and screenshots
 * saved under screenshots/ (git-ignored, or CUSTOS_SCREENSHOTS_DIR) with readable names.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';
/** screenshots/ of the work tree (git-ignored), or the folder CUSTOS_SCREENSHOTS_DIR names. */
export const SCREENSHOTS_DIR = path.resolve(process.env.CUSTOS_SCREENSHOTS_DIR ?? 'screenshots');
export const VIEWPORT = { width: 1366, height: 860 } as const;
/** How long a single action or expectation may wait before the test fails. */
export const ACTION_TIMEOUT_MS = 10_000;

// Flags from the stack notes: headless, no sandbox inside containers, and nothing that phones
// home or updates itself while a test runs.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumAvailable(): boolean {
  return fs.existsSync(CHROMIUM_PATH);
}

export interface BrowserSession {
  context: BrowserContext;
  /** Errors the pages threw or logged; a console test should end with none. */
  pageErrors: string[];
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** navigator.language of the browser, e.g. 'en-US' or 'zh-CN'. */
  locale?: string;
}

/** Starts Chromium with a new temporary profile; close() removes the profile again. */
export async function launchBrowser(options: LaunchOptions = {}): Promise<BrowserSession> {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'custos-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: VIEWPORT,
    locale: options.locale ?? 'en-US',
    timezoneId: 'Asia/Shanghai',
  });
  context.setDefaultTimeout(ACTION_TIMEOUT_MS);
  const pageErrors: string[] = [];
  const watch = (page: Page) => {
    page.on('pageerror', (error) => pageErrors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(`console: ${message.text()}`);
    });
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  return {
    context,
    pageErrors,
    async close() {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Opens `url` in a page of the session (reusing the first blank tab) and waits for it. */
export async function openPage(session: BrowserSession, url: string): Promise<Page> {
  const blank = session.context.pages().find((page) => page.url() === 'about:blank');
  const page = blank ?? (await session.context.newPage());
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  return page;
}

/** Turns "Customers / zh-CN" into "customers-zh-cn". */
export function screenshotFileName(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug === '') throw new Error(`screenshot name "${name}" has no letters or digits`);
  return `${slug}.png`;
}

/** Saves a full-page screenshot as screenshots/<name>.png and returns its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  const file = path.join(SCREENSHOTS_DIR, screenshotFileName(name));
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  return file;
}
