import { defineConfig } from '@playwright/test';

/**
 * The browser part of the adopter app test (scripts/adopter-test.sh starts the
 * app and sets ADOPTER_APP_URL), in the system Chromium.
 */
export default defineConfig({
  testDir: '.',
  testMatch: 'adopter.e2e.ts',
  timeout: 300_000,
  expect: { timeout: 90_000 },
  forbidOnly: true,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: '../../node_modules/.cache/adopter-e2e-results',
  use: {
    baseURL: process.env.ADOPTER_APP_URL,
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
});
