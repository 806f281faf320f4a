import { expect, Page, test } from '@playwright/test';
import fs from 'node:fs';

/*
 * The adopter app (a scaffolded Backstage app, new frontend system, with the
 * packed plugins wired as the README says) in real Chromium. The pages must
 * show what the backend's API answers for the README's ML service
 * (ADOPTER_EXPECTED_UI, written by check-backend.js from the demo estate's
 * scan): its grade, its failing checks, its row on the org page.
 * Screenshots go to docs/screenshots/adopter-*.png.
 */
test.describe.configure({ mode: 'serial' });

const SCREENSHOTS = `${__dirname}/../../docs/screenshots`;
const SERVICE_PATH = '/catalog/default/component/fraud-scoring';

interface ExpectedUi {
  entityRef: string;
  grade: string;
  score: number;
  failingCount: number;
  failingCheckTitles: string[];
  resourceNames: string[];
}
const expected: ExpectedUi = JSON.parse(
  fs.readFileSync(process.env.ADOPTER_EXPECTED_UI!, 'utf8'),
);
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const gradeName = new RegExp(`^Grade ${expected.grade}\\b`);

async function signInAsGuest(page: Page) {
  await page.goto('/');
  const enter = page.getByRole('button', { name: 'Enter' });
  // The plugin's page is a nav item of the scaffolded sidebar.
  const navItem = page.getByRole('link', { name: 'ML Security' });
  await expect(enter.or(navItem)).toBeVisible();
  if (await enter.isVisible()) await enter.click();
  await expect(navItem).toBeVisible();
}

test('the Security tab of an ML service, and its fix with a prefilled template', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto(SERVICE_PATH);
  // The new frontend system's entity page renders its tabs as links.
  await page.getByRole('link', { name: 'Security', exact: true }).click();
  await expect(page).toHaveURL(
    new RegExp(`${SERVICE_PATH}/sagemaker-security`),
  );
  // The service's grade and failing checks as the API scored the demo estate.
  await expect(
    page.getByRole('img', { name: gradeName }).first(),
  ).toBeVisible();
  await expect(
    page.getByRole('heading', {
      name: `Failing checks (${expected.failingCount})`,
    }),
  ).toBeVisible();
  for (const title of expected.failingCheckTitles.slice(0, 3)) {
    await expect(
      page.getByText(new RegExp(escape(title))).first(),
    ).toBeVisible();
  }
  const evidence = page.getByRole('table', { name: 'Evidence' }).first();
  await expect(evidence).toBeVisible();
  // Evidence names the AWS API call a result was read from.
  await expect(evidence).toContainText(/Describe|Get|List/);
  // The top of the tab (grade, pillars, the first failing checks): the full
  // page runs to hundreds of results.
  await page.setViewportSize({ width: 1280, height: 1600 });
  await page.screenshot({ path: `${SCREENSHOTS}/adopter-security-tab.png` });

  const fix = page.getByRole('link', { name: /^Fix with template/ }).first();
  const target = new URL((await fix.getAttribute('href'))!, page.url());
  expect(target.pathname).toMatch(/^\/create\/templates\/default\/secure-/);
  const formData = JSON.parse(target.searchParams.get('formData')!);
  expect(formData.serviceName).toBe('fraud-scoring');
  await fix.click();
  await expect(page.getByLabel('Service name', { exact: false })).toHaveValue(
    'fraud-scoring',
  );
});

test('the org page and the team card', async ({ page }) => {
  await signInAsGuest(page);
  await page.goto('/sagemaker-security');
  const services = page.getByRole('table').filter({
    has: page.getByRole('link', { name: /fraud.scoring/i }),
  });
  const row = services
    .getByRole('row')
    .filter({ has: page.getByRole('link', { name: /fraud.scoring/i }) })
    .first();
  // Rollups are stored after each evaluation; the test's rescan refreshes them.
  await expect(async () => {
    await page.reload();
    await expect(row).toBeVisible({ timeout: 10_000 });
  }).toPass({ timeout: 180_000 });
  // The service's row carries the grade the API gives it.
  await expect(row.getByRole('img', { name: gradeName }).first()).toBeVisible();
  await expect(page.getByRole('table', { name: 'Team rollups' })).toContainText(
    /guests/i,
  );
  await page.screenshot({
    path: `${SCREENSHOTS}/adopter-org-page.png`,
    fullPage: true,
  });

  await page.goto('/catalog/default/group/guests');
  const card = page.getByRole('table', { name: 'ML services' });
  await expect(card).toContainText(/fraud.scoring/i);
  await expect(
    card.getByRole('img', { name: gradeName }).first(),
  ).toBeVisible();
  await page.screenshot({
    path: `${SCREENSHOTS}/adopter-team-card.png`,
    fullPage: true,
  });
});
