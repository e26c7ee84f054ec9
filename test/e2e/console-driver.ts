/**
 * Steps on the Custos console that most end-to-end tests share: signing in and out, switching
 * language, waiting for a page, and screenshots of a page in both languages.
 */
import type { Page } from 'playwright-core';
import { saveScreenshot } from './browser.js';

export type ConsoleLanguage = 'en' | 'zh-CN';

/** Waits until the page's main heading reads `title`. */
export async function waitForHeading(page: Page, title: string): Promise<void> {
  await page.locator('h1', { hasText: title }).first().waitFor();
}

/** Waits for loading to finish: no "loading" line on screen. */
export async function waitForIdle(page: Page): Promise<void> {
  await page.locator('.loading').first().waitFor({ state: 'detached' });
}

/** Signs in on the API-key path (platform clients, staff automation keys). */
export async function signIn(page: Page, apiKey: string): Promise<void> {
  const form = page.locator('[data-testid="api-key-form"]');
  await page.locator('.sign-in-card h1').waitFor();
  if ((await form.count()) === 0) await page.locator('[data-testid="sign-in-method"]').click();
  await form.locator('input[name="apiKey"]').fill(apiKey);
  await form.locator('button[type="submit"]').click();
}

/** After sign-in: waits for the platform list and opens `platformId`'s console. */
export async function openPlatform(page: Page, platformId: string): Promise<void> {
  await page.waitForURL(/\/console\/platforms/);
  await page.locator(`tr[data-platform-id="${platformId}"] button`).click();
}

/**
 * Staff sign-in: login and password, then, when the console asks for it, the authenticator
 * code `totpCode()` gives at that moment.
 */
export async function signInWithPassword(
  page: Page,
  login: string,
  password: string,
  totpCode?: () => Promise<string>,
): Promise<void> {
  const form = page.locator('[data-testid="password-form"]');
  await form.waitFor();
  await form.locator('input[name="login"]').fill(login);
  await form.locator('input[name="password"]').fill(password);
  await form.locator('button[type="submit"]').click();
  if (totpCode === undefined) return;
  const codeField = form.locator('input[name="totpCode"]');
  await codeField.waitFor();
  await codeField.fill(await totpCode());
  await form.locator('button[type="submit"]').click();
}

export async function signOut(page: Page): Promise<void> {
  await page.locator('.top-bar button', { hasText: /Sign out|退出登录/ }).click();
  await page.waitForURL(/\/console\/sign-in/);
}

/** Uses the language switch in the top bar (or on the sign-in page). */
export async function switchLanguage(page: Page, language: ConsoleLanguage): Promise<void> {
  await page.locator('select[name="language"]').selectOption(language);
  await page.waitForFunction((lang) => document.documentElement.lang === lang, language);
}

/**
 * Screenshots the current page in English, switches to zh-CN, waits for `zhHeading`, takes
 * the Chinese screenshot, and switches back, so each page is checked in both languages.
 */
export async function screenshotBothLanguages(
  page: Page,
  name: string,
  zhHeading: string,
): Promise<void> {
  await waitForIdle(page);
  await saveScreenshot(page, `${name}-en`);
  await switchLanguage(page, 'zh-CN');
  await waitForHeading(page, zhHeading);
  await saveScreenshot(page, `${name}-zh-CN`);
  await switchLanguage(page, 'en');
}

/** Fills and confirms the reason dialog that every state-changing action opens. */
export async function confirmWithReason(page: Page, reason: string): Promise<void> {
  const dialog = page.locator('dialog[open]');
  await dialog.locator('textarea[name="reason"]').fill(reason);
  await dialog.locator('button[type="submit"]').click();
}
