/**
 * The console's settlement page over a month of many positions (issue 12: the first page of the positions table and
 * the heat map in under 2 s), in a real headless Chromium: from the click on 结算 until both are drawn, several times,
 * and each of the page's operations as the page timed it.
 */
import type { Page } from 'playwright-core';
import { launchBrowser } from '../test/support/browser.js';

export interface ConsolePageTiming {
  /** Click to heat map and first table page drawn, each time. */
  pageMs: number[];
  /** The page's own timing of each operation it sent (console/src/graph/client.ts). */
  operations: Record<string, number[]>;
}

export async function timeSettlementPage(
  consoleUrl: string,
  hq: { clientId: string; clientSecret: string },
  repeats: number,
  progress: (line: string) => void,
): Promise<ConsolePageTiming> {
  const browser = await launchBrowser();
  try {
    const page: Page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    await page.goto(`${consoleUrl}members`);
    await page.waitForURL(/sign-in/);
    await page.fill('input[name=clientId]', hq.clientId);
    await page.fill('input[name=clientSecret]', hq.clientSecret);
    await page.click('form button[type=submit]');
    await page.waitForURL(/\/members$/);
    const pageMs: number[] = [];
    const operations: Record<string, number[]> = {};
    for (let i = 0; i < repeats; i++) {
      await page.evaluate(() => ((window as unknown as { unicardTimings: unknown[] }).unicardTimings = []));
      const started = performance.now();
      await page.click('header nav a[href$="/settlement"]');
      // ECharts draws a chart in one pass after its option is set: once the heat map's SVG has paths, it is drawn.
      await page.waitForFunction(() => document.querySelectorAll('[data-chart=positions-heat-map] svg path').length > 0, undefined, { timeout: 60_000 });
      await page.waitForSelector('[data-table=positions] tbody tr', { state: 'attached', timeout: 60_000 });
      pageMs.push(performance.now() - started);
      progress(`  console settlement page ${i + 1}/${repeats}: ${pageMs.at(-1)!.toFixed(0)} ms to the heat map and the first page`);
      const timings = await page.evaluate(() => (window as unknown as { unicardTimings: { operation: string; ms: number }[] }).unicardTimings);
      for (const { operation, ms } of timings) (operations[operation] ??= []).push(ms);
      await page.click('header nav a[href$="/members"]');
    }
    return { pageMs, operations };
  } finally {
    await browser.close();
  }
}
