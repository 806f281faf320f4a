import { expect, Page, test } from '@playwright/test';

/*
 * The adopter app (a scaffolded Backstage app, new frontend system, with the
 * packed plugins wired as the README says) in real Chromium. Screenshots go to
 * docs/screenshots/adopter-*.png.
 */
test.describe.configure({ mode: 'serial' });

const SCREENSHOTS = `${__dirname}/../../docs/screenshots`;
const SERVICE_PATH = '/catalog/default/component/fraud-scoring';

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
  await expect(
    page.getByRole('img', { name: /^Grade [A-F]/ }).first(),
  ).toBeVisible();
  await expect(
    page.getByRole('table', { name: 'Evidence' }).first(),
  ).toBeVisible();
  await page.screenshot({
    path: `${SCREENSHOTS}/adopter-security-tab.png`,
    fullPage: true,
  });

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
  const row = page.getByRole('link', { name: /fraud-scoring/i }).first();
  // Rollups are stored after each evaluation; the test's rescan refreshes them.
  await expect(async () => {
    await page.reload();
    await expect(row).toBeVisible({ timeout: 10_000 });
  }).toPass({ timeout: 180_000 });
  await page.screenshot({
    path: `${SCREENSHOTS}/adopter-org-page.png`,
    fullPage: true,
  });

  await page.goto('/catalog/default/group/guests');
  await expect(page.getByText(/fraud-scoring/i).first()).toBeVisible();
  await page.screenshot({
    path: `${SCREENSHOTS}/adopter-team-card.png`,
    fullPage: true,
  });
});
