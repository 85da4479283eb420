/**
 * One way to start a browser for the browser tests: Debian's chromium driven by playwright-core.
 *
 * CI installs chromium (.ci/run); run by hand without it, `findChromium()` returns a reason and the
 * browser suites skip with that reason printed instead of failing. Chromium is started with the
 * flags that keep it off the network (this machine's network is closed, and the pages under test
 * must load nothing beyond the mock's own origin anyway).
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser } from "playwright-core";

const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];

export type ChromiumLookup = { found: true; path: string } | { found: false; reason: string };

export function findChromium(): ChromiumLookup {
  for (const path of candidates) if (path && existsSync(path)) return { found: true, path };
  const reason =
    "no chromium found (looked at CHROMIUM_PATH, /usr/bin/chromium, /usr/bin/chromium-browser); " +
    "install Debian's `chromium` (as .ci/run does) to run the browser tests";
  return { found: false, reason };
}

/** Skips a suite with a printed reason where no chromium is installed; CI always has one. */
export function browserSuiteSkipReason(): string | undefined {
  const lookup = findChromium();
  if (lookup.found) return undefined;
  if (process.env.CI) throw new Error(`browser tests must run in CI: ${lookup.reason}`);
  console.warn(`[browser tests skipped] ${lookup.reason}`);
  return lookup.reason;
}

export interface LaunchedBrowser {
  browser: Browser;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<LaunchedBrowser> {
  const lookup = findChromium();
  if (!lookup.found) throw new Error(lookup.reason);
  const browser = await chromium.launch({
    executablePath: lookup.path,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return {
    browser,
    // playwright gives each launch a fresh, empty profile of its own and removes it on close.
    close: () => browser.close(),
  };
}

/** Where screenshots and other browser-test artefacts go (ignored by git). */
export const artefactsDir = join(process.cwd(), "test-artefacts");
