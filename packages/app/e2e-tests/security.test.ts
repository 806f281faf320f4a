import { test, expect, Page } from '@playwright/test';

/*
 * The journeys of issue 6 in real Chromium against the demo portal. The
 * screenshots land in docs/screenshots and are shown in the README.
 */
test.describe.configure({ mode: 'serial' });

const SCREENSHOTS = 'docs/screenshots';

async function signInAsGuest(page: Page) {
  await page.goto('/');
  const enter = page.getByRole('button', { name: 'Enter' });
  const catalogTitle = page.getByText('Acme Bank Catalog');
  await expect(enter.or(catalogTitle)).toBeVisible();
  if (await enter.isVisible()) {
    await enter.click();
  }
  await expect(catalogTitle).toBeVisible();
}

test('an ML engineer follows a failing check to its prefilled fix', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto('/catalog/default/component/fraud-scoring');
  await page.getByRole('tab', { name: 'Security' }).click();

  // The grade of the service, then a failing check with its evidence.
  await expect(
    page.getByRole('img', { name: /^Grade [A-F]/ }).first(),
  ).toBeVisible();
  const evidence = page.getByRole('table', { name: 'Evidence' }).first();
  await expect(evidence).toBeVisible();
  await expect(evidence).toContainText(/Describe|Get|List/);
  await page.screenshot({
    path: `${SCREENSHOTS}/security-tab.png`,
    fullPage: true,
  });

  const fix = page.getByRole('link', { name: /^Fix with template/ }).first();
  const href = (await fix.getAttribute('href'))!;
  const target = new URL(href, 'http://localhost:3000');
  expect(target.pathname).toMatch(/^\/create\/templates\/default\/secure-/);
  const formData = JSON.parse(target.searchParams.get('formData')!);
  expect(formData.serviceName).toBe('fraud-scoring');

  await fix.click();
  await expect(page).toHaveURL(/\/create\/templates\/default\/secure-/);
  await expect(page.getByLabel('Service name', { exact: false })).toHaveValue(
    'fraud-scoring',
  );
  await page.screenshot({
    path: `${SCREENSHOTS}/fix-with-template.png`,
    fullPage: true,
  });
});

test('a lead reads the team card and the org page', async ({ page }) => {
  await signInAsGuest(page);
  await page.goto('/catalog/default/group/ml-platform');
  const services = page.getByRole('table', { name: 'ML services' });
  await expect(services).toBeVisible();
  // ml-platform's nested teams own the fraud services.
  await expect(services).toContainText('Fraud Scoring');
  await page.screenshot({
    path: `${SCREENSHOTS}/team-card.png`,
    fullPage: true,
  });

  await page.getByRole('link', { name: 'ML Security' }).click();
  await expect(page).toHaveURL(/\/sagemaker-security$/);
  await expect(page.getByText('Customer Churn').first()).toBeVisible();
  await expect(page.getByRole('table', { name: 'Team rollups' })).toBeVisible();
  // Tall enough for the services table below the scan banner (the page
  // scrolls inside the layout, so a full-page shot stops at the viewport).
  await page.setViewportSize({ width: 1280, height: 1600 });
  await page.screenshot({
    path: `${SCREENSHOTS}/org-page.png`,
    fullPage: true,
  });
});
