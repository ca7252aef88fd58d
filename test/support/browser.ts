/**
 * A real Chromium for the console's tests, headless, from an npm package so that `npm ci && npm test` has one on a
 * fresh machine: @sparticuz/chromium ships the binary (brotli-packed, unpacked into the temp folder on first use).
 * UNICARD_CHROMIUM may name another (Debian's /usr/bin/chromium). No browser is a failure that says how to get one,
 * never a skipped test.
 */
import { existsSync } from 'node:fs';
import { chromium as playwright, type Browser } from 'playwright-core';

const HOW_TO_GET_ONE =
  'Run npm ci (it installs @sparticuz/chromium), or set UNICARD_CHROMIUM to a Chromium binary (apt-get install chromium: /usr/bin/chromium).';

async function chromiumPath(): Promise<string> {
  if (process.env.UNICARD_CHROMIUM) {
    if (!existsSync(process.env.UNICARD_CHROMIUM)) throw new Error(`UNICARD_CHROMIUM=${process.env.UNICARD_CHROMIUM} does not exist. ${HOW_TO_GET_ONE}`);
    return process.env.UNICARD_CHROMIUM;
  }
  try {
    const { default: packaged } = await import('@sparticuz/chromium');
    return await packaged.executablePath();
  } catch (error) {
    throw new Error(`No Chromium for the console's browser tests (${(error as Error).message}). ${HOW_TO_GET_ONE}`, { cause: error });
  }
}

export async function launchBrowser(): Promise<Browser> {
  return playwright.launch({
    executablePath: await chromiumPath(),
    headless: true,
    // As root (CI, these machines) Chromium needs --no-sandbox; the rest keep it off a network it cannot reach.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
