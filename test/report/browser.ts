import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { CHROMIUM, launchHeadlessChromium } from "../../scripts/chromium.mjs";

/**
 * Debian's chromium, headless, driven by playwright-core: the report is opened as a user opens
 * it, from file://. One browser per test file; each page records what would break the promise
 * of a self-contained report (console errors, uncaught exceptions, requests to anything but
 * file://).
 */

/** Screenshots for people to look at (gitignored; CI keeps them as artifacts). */
export const ARTIFACTS = join(import.meta.dirname, "..", "..", "test-artifacts", "report");

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run installs it)`);
  mkdirSync(ARTIFACTS, { recursive: true });
  return launchHeadlessChromium();
}

export interface WatchedPage {
  page: Page;
  /** Console errors and uncaught exceptions. */
  errors: string[];
  /** Every URL requested that is not file://. */
  network: string[];
  close(): Promise<void>;
}

export async function openPage(browser: Browser, options: BrowserContextOptions = {}): Promise<WatchedPage> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const errors: string[] = [];
  const network: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") errors.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
  context.on("request", (r) => {
    if (!r.url().startsWith("file://")) network.push(r.url());
  });
  return { page, errors, network, close: () => context.close() };
}
