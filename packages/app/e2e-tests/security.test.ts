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

test('a HyperPod cluster and an MLflow tracking server on the Security tab of their service', async ({
  page,
}) => {
  // ml-workbench holds the platform's HyperPod clusters and MLflow tracking
  // servers, in production and development (examples/README.md).
  await signInAsGuest(page);
  await page.goto('/catalog/default/component/ml-workbench');
  await page.getByRole('tab', { name: 'Security' }).click();
  await expect(
    page.getByRole('img', { name: /^Grade [A-F]/ }).first(),
  ).toBeVisible();

  // The resources, each with its type.
  const resources = page.getByRole('table', { name: 'SageMaker resources' });
  const row = (name: string) =>
    resources.getByRole('row').filter({ hasText: name });
  await expect(row('acme-llm-finetune')).toContainText('hyperpod-cluster');
  await expect(row('research-llm-sandbox')).toContainText('hyperpod-cluster');
  await expect(row('acme-experiments')).toContainText('mlflow-tracking-server');
  await expect(row('ds-experiments')).toContainText('mlflow-tracking-server');

  // Their findings: a failing check of each resource...
  const failing = page.getByRole('region', { name: /^Failing checks/ });
  const finding = (resource: string, title: string | RegExp) =>
    failing.getByRole('article', { name: title }).filter({ hasText: resource });
  const clusterRole = finding(
    'acme-llm-finetune (hyperpod-cluster)',
    'Execution role policies allow no wildcard actions',
  );
  const trackingServerRole = finding(
    'acme-experiments (mlflow-tracking-server)',
    'Execution role policies allow no wildcard actions',
  );
  await expect(clusterRole).toBeVisible();
  await expect(trackingServerRole).toBeVisible();
  // ...the checks of the two types themselves...
  await expect(
    finding(
      'research-llm-sandbox (hyperpod-cluster)',
      'HyperPod cluster root and data volumes are encrypted with customer-managed KMS keys',
    ),
  ).toBeVisible();
  await expect(
    finding(
      'ds-experiments (mlflow-tracking-server)',
      "MLflow tracking server's artifact store is in its own account",
    ),
  ).toBeVisible();
  // ...and the peer controls a finding's check answers (issue 16, item 2).
  await expect(clusterRole).toContainText(/Peers: Security Hub IAM\.1\b/);

  // The top of the tab: the grade, the pillars and the HyperPod cluster's
  // first finding with its peer controls.
  await page.setViewportSize({ width: 1280, height: 1600 });
  await expect(clusterRole).toBeInViewport();
  await page.screenshot({
    path: `${SCREENSHOTS}/security-tab-hyperpod-peers.png`,
  });

  // The resources of the service, both types among them with their grades
  // (below the findings: the page scrolls inside the layout).
  const resourcesSection = page.getByRole('region', {
    name: /^Resources \(\d+\)$/,
  });
  await resourcesSection.evaluate(section =>
    section.scrollIntoView({ block: 'start' }),
  );
  await expect(row('acme-llm-finetune')).toBeInViewport();
  await expect(row('ds-experiments')).toBeInViewport();
  const box = (await resourcesSection.boundingBox())!;
  await page.screenshot({
    path: `${SCREENSHOTS}/security-tab-hyperpod-mlflow.png`,
    clip: {
      x: 0,
      y: Math.max(0, box.y - 24),
      width: 1280,
      height: Math.min(1600, box.height + 48),
    },
  });
});
