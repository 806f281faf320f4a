import { test, expect } from '@playwright/test';

test('guest signs in and finds the Security tab of a demo ML service', async ({
  page,
}) => {
  await page.goto('/');
  const enter = page.getByRole('button', { name: 'Enter' });
  const catalogTitle = page.getByText('Acme Bank Catalog');
  await expect(enter.or(catalogTitle)).toBeVisible();
  if (await enter.isVisible()) {
    await enter.click();
  }
  await expect(catalogTitle).toBeVisible();

  await page.goto('/catalog/default/component/fraud-scoring');
  const securityTab = page.getByRole('tab', { name: 'Security' });
  await expect(securityTab).toBeVisible();
  await securityTab.click();
  await expect(page).toHaveURL(/\/sagemaker-security/);
});
