import { type Browser, chromium } from 'playwright-core';

/**
 * Debian's chromium, headless. No browser downloads work here, and without the
 * background-networking flags Chromium keeps dialling hosts this machine cannot reach.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
