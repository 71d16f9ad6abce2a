// Debian's chromium, headless, driven by playwright-core: the one launch the report's tests, its
// screenshots and the charting bench share. These flags keep chromium off the network (this
// machine's is closed, and a report must work without one); playwright gives every launch a
// fresh, temporary --user-data-dir.
import { chromium } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export function launchHeadlessChromium() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
