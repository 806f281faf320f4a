import { test, expect, Page } from '@playwright/test';

/*
 * Scan health where users look (issue 12, item 5), in real Chromium against
 * the demo portal. The demo scans account 777788889999, whose scan role
 * cannot be assumed (examples/README.md); marketing-propensity lives there.
 */
test.describe.configure({ mode: 'serial' });

const SCREENSHOTS = 'docs/screenshots';
const ACCOUNT = '777788889999';

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

test('the Security tab of a service whose last scan failed on credentials says so', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto('/catalog/default/component/marketing-propensity');
  await page.getByRole('tab', { name: 'Security' }).click();

  const banner = page.getByRole('alert', { name: 'Scan failed' });
  await expect(banner).toBeVisible();
  await expect(banner).toContainText(
    `The last scan could not read account ${ACCOUNT} (us-east-1)`,
  );
  // The kind and the call: "Credentials unavailable … sts:AssumeRole" once
  // the error taxonomy of issue 12 lands; the simulator's message names the
  // role either way.
  await expect(banner).toContainText(
    new RegExp(
      `(Credentials unavailable|Access denied) for account ${ACCOUNT} \\(us-east-1\\)`,
    ),
  );
  await expect(banner).toContainText('sts:AssumeRole');
  await expect(banner).toContainText(/— (now|\d+ (second|minute|hour)s? ago)/);
  await expect(banner).toContainText(
    'Nothing has been collected from it, so this service has no results yet.',
  );
  await expect(
    page.getByText('No SageMaker resources linked to this service'),
  ).toHaveCount(0);
  await page.screenshot({
    path: `${SCREENSHOTS}/security-tab-scan-failed.png`,
    fullPage: true,
  });

  // The overview card says the same in brief.
  await page.getByRole('tab', { name: 'Overview' }).click();
  const card = page.getByRole('alert', { name: 'Scan failed' });
  await expect(card).toContainText(
    `The last scan could not read account ${ACCOUNT} (us-east-1)`,
  );
  await expect(page.getByText(/No SageMaker resources are linked/)).toHaveCount(
    0,
  );
  await page.getByRole('tab', { name: 'Security' }).click();

  // The link in the banner opens the org page's scan status.
  await banner.getByRole('link', { name: 'scan status' }).last().click();
  await expect(page).toHaveURL(/\/sagemaker-security\?tab=scans$/);
  await expect(
    page.getByRole('tab', { name: 'Scan status', selected: true }),
  ).toBeVisible();
  const failedRow = page
    .getByRole('row')
    .filter({ hasText: ACCOUNT })
    .filter({ hasText: 'us-east-1' });
  await expect(failedRow).toContainText('Failed');
  await expect(failedRow).toContainText('sts:AssumeRole');
  // Every configured account and region of the demo is listed.
  await expect(page.getByRole('row').filter({ hasText: /\d{12}/ })).toHaveCount(
    5,
  );
  await expect(page.getByRole('alert', { name: 'Last scan' })).toContainText(
    ACCOUNT,
  );
  // Tall enough for the whole table (the page scrolls inside the layout).
  await page.setViewportSize({ width: 1280, height: 1150 });
  await page.screenshot({
    path: `${SCREENSHOTS}/org-scan-status.png`,
    fullPage: true,
  });
});

test('a service in readable accounts shows no scan failure', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto(
    '/catalog/default/component/fraud-scoring/sagemaker-security',
  );
  await expect(
    page.getByRole('img', { name: /^Grade [A-F]/ }).first(),
  ).toBeVisible();
  await expect(page.getByRole('alert', { name: 'Scan failed' })).toHaveCount(0);
  await expect(page.getByText(ACCOUNT)).toHaveCount(0);
});
