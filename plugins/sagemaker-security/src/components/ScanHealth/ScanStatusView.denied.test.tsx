import { screen } from '@testing-library/react';
import { mockSecurityApi } from '../../__testUtils__/fixtures';
import { denying, renderWithApis } from '../../__testUtils__/render';
import { latestScan } from '../../__testUtils__/scanFixtures';
import { ScanStatusView } from './ScanStatusView';

// A file of its own: usePermission caches answers for the whole test file.
describe('ScanStatusView for those who may not scan', () => {
  it('shows the scan without the rescan button', async () => {
    const api = mockSecurityApi({
      getLatestScan: jest.fn(async () => latestScan()),
    });
    await renderWithApis(<ScanStatusView />, {
      api,
      permissionApi: denying('sagemaker-security.scan.run'),
    });
    expect(
      await screen.findByRole('heading', { name: /Last scan: Partial/ }),
    ).toBeInTheDocument();
    expect(screen.getByText('Accounts and regions')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Rescan' }),
    ).not.toBeInTheDocument();
  });
});
