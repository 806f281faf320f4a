import { defineConfig } from '@playwright/test';

/**
 * Browser end-to-end tests of the demo portal, in the system Chromium
 * (`scripts/e2e.sh` starts the portal; browsers cannot be downloaded here).
 */
export default defineConfig({
  testDir: 'packages/app/e2e-tests',
  timeout: 180_000,
  expect: { timeout: 60_000 },
  forbidOnly: true,
  workers: 1,
  retries: 0,
  reporter: [
    ['list'],
    ...(process.env.PLAYWRIGHT_JSON_OUTPUT_FILE
      ? [
          [
            'json',
            { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_FILE },
          ] as const,
        ]
      : []),
  ],
  outputDir: 'node_modules/.cache/e2e-test-results',
  use: {
    baseURL: 'http://localhost:3000',
    screenshot: 'only-on-failure',
    launchOptions: {
      // Set by scripts/e2e.sh (scripts/services.sh finds or installs Chromium).
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
