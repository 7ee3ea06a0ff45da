import { existsSync } from 'node:fs';
import { run } from './proc.mjs';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Browser tests need Debian's Chromium; install it when we are root, else say what to do. */
export async function ensureChromium(log = console.log) {
  if (existsSync(CHROMIUM_PATH)) return CHROMIUM_PATH;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM_PATH}. Install it (Debian/Ubuntu: sudo apt-get install -y chromium) ` +
        'or set CHROMIUM_PATH to a Chromium/Chrome binary.',
    );
  }
  log('Installing Chromium and CJK fonts with apt-get (browser tests, zh-TW screenshots) ...');
  await run('apt-get', ['update'], { env: { DEBIAN_FRONTEND: 'noninteractive' } });
  await run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium', 'fonts-noto-cjk'], {
    env: { DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`apt-get installed chromium, but ${CHROMIUM_PATH} is still missing.`);
  return CHROMIUM_PATH;
}
