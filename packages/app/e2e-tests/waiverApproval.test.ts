import { test, expect, Browser, Page } from '@playwright/test';

/*
 * Issue 18, item 2, in real Chromium against the demo portal: an owner (the
 * guest, a member of Fraud ML) requests a waiver of a failing check; a member
 * of the security group (Erin Walsh, the demo's second sign-in) finds it on
 * the org page and approves it on the service's Security tab; the owner is
 * notified and the check shows as waived. Each person has their own browser
 * context (own session). The screenshots land in docs/screenshots.
 */
const SCREENSHOTS = 'docs/screenshots';
const SERVICE = '/catalog/default/component/fraud-scoring';

async function signIn(browser: Browser, button: string): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 1000 },
  });
  const page = await context.newPage();
  await page.goto('/');
  await page.getByRole('button', { name: button, exact: true }).click();
  await expect(page.getByText('Acme Bank Catalog')).toBeVisible();
  return page;
}

test('an owner requests a waiver, security approves it, the owner is notified', async ({
  browser,
}) => {
  const reason = `Data capture off during the model migration (e2e ${Date.now()})`;
  const comment = 'Accepted until the migration ends; re-check then.';

  // The owner: a failing check of their service, and its request dialog.
  const owner = await signIn(browser, 'Enter');
  await owner.goto(`${SERVICE}/sagemaker-security`);
  const failing = owner.getByRole('region', { name: /^Failing checks/ });
  const requestButton = failing.getByRole('button', {
    name: 'Request waiver',
  });
  await expect(requestButton.first()).toBeVisible();
  // Owners request: the direct path is the security group's.
  await expect(failing.getByRole('button', { name: 'Waive' })).toHaveCount(0);
  const finding = failing
    .getByRole('article')
    .filter({ has: requestButton })
    .first();
  const checkTitle = (await finding.getAttribute('aria-label'))!;
  const resourceLine = (await finding.getByText(/ · account /).textContent())!;
  const resourceName = resourceLine.split(' (')[0];
  await requestButton.first().click();

  const dialog = owner.getByRole('dialog');
  // Validated before sending: a reason of a few characters is refused.
  await dialog.getByLabel(/^Reason/).fill('short');
  await dialog.getByRole('button', { name: 'Send request' }).click();
  await expect(dialog).toContainText('at least 10 characters');
  await dialog.getByLabel(/^Reason/).fill(reason);
  await owner.screenshot({ path: `${SCREENSHOTS}/waiver-request.png` });
  await dialog.getByRole('button', { name: 'Send request' }).click();
  await expect(dialog).toBeHidden();

  // Pending: on the Security tab, with Withdraw for the requester.
  const pendingSection = owner.getByRole('region', {
    name: /^Pending waiver requests/,
  });
  const ownersRequest = pendingSection
    .getByRole('article', { name: `Waiver request: ${checkTitle}` })
    .filter({ hasText: reason });
  await expect(ownersRequest).toBeVisible();
  await expect(
    ownersRequest.getByRole('button', { name: 'Withdraw' }),
  ).toBeVisible();
  await expect(
    ownersRequest.getByRole('button', { name: 'Approve' }),
  ).toHaveCount(0);

  // The security group member: the org page lists it, the tab decides it.
  const security = await signIn(browser, 'Sign in as Erin Walsh');
  await security.goto('/sagemaker-security');
  const panel = security.getByRole('table', {
    name: 'Pending waiver requests',
  });
  const row = panel.getByRole('row').filter({ hasText: reason });
  await expect(row).toContainText('user:development/guest');
  await expect(row).toContainText(checkTitle);
  await row.getByRole('link', { name: 'fraud-scoring' }).click();
  await expect(security).toHaveURL(/fraud-scoring\/sagemaker-security$/);

  const request = security
    .getByRole('region', { name: /^Pending waiver requests/ })
    .getByRole('article', { name: `Waiver request: ${checkTitle}` })
    .filter({ hasText: reason });
  await expect(request).toContainText('Requested by user:development/guest');
  await request.getByRole('button', { name: 'Approve' }).click();
  const decision = security.getByRole('dialog');
  await decision.getByLabel(/^Comment/).fill(comment);
  await security.screenshot({ path: `${SCREENSHOTS}/waiver-approve.png` });
  await decision.getByRole('button', { name: 'Approve' }).click();
  await expect(decision).toBeHidden();
  await expect(request).toHaveCount(0);

  // The owner is notified of the decision in the portal...
  await owner.goto('/notifications');
  const notification = owner
    .getByText(/^Your waiver request for .* was approved$/)
    .first();
  await expect(notification).toBeVisible();
  await expect(
    owner.getByText(comment, { exact: false }).first(),
  ).toBeVisible();
  await owner.screenshot({ path: `${SCREENSHOTS}/waiver-notification.png` });

  // ...and the check now shows as waived, with the approver and the history.
  await owner.goto(`${SERVICE}/sagemaker-security`);
  const waived = owner
    .getByRole('region', { name: /^Waived/ })
    .getByRole('article', { name: checkTitle })
    .filter({ hasText: resourceName });
  await expect(waived).toBeVisible();
  await expect(waived).toContainText(reason);
  await expect(waived).toContainText('By user:development/guest');
  await waived.getByRole('button', { name: 'History' }).click();
  await expect(
    waived.getByRole('list', { name: 'Waiver history' }),
  ).toContainText(`approved by user:default/erin.walsh`);
});
