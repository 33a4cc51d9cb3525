import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Browser, chromium, type Locator } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const WEB_DIR = resolve(import.meta.dirname, '../../dist/web');

/**
 * Debian's Chromium, driven by playwright-core (never a downloaded browser). A missing browser or
 * console build fails the test: browser tests are never silently skipped.
 */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: apt-get install chromium fonts-noto-cjk (.ci/run does)`,
    );
  }
  if (!existsSync(resolve(WEB_DIR, 'index.html'))) {
    throw new Error('The console is not built: run `npm run build:web` (the test command does)');
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Waits until the element's CSS animations (its own and its descendants') have finished: an antd
 * dialog still zooming in can take a click without acting on it.
 */
export async function animationsDone(locator: Locator): Promise<void> {
  // (The test build has no DOM types: Element.getAnimations is described here.)
  type Animation = {
    finished: Promise<unknown>;
    effect: { getComputedTiming(): { iterations: number } } | null;
  };
  type Animated = { getAnimations(options: { subtree: boolean }): Animation[] };
  // Endless ones (a spinner) never finish: only those that end are waited for.
  await locator.evaluate((element) =>
    Promise.all(
      (element as unknown as Animated)
        .getAnimations({ subtree: true })
        .filter((a) => Number.isFinite(a.effect?.getComputedTiming().iterations ?? 1))
        .map((a) => a.finished.catch(() => {})),
    ),
  );
}
