import { act, screen, waitFor } from '@testing-library/react';
import {
  endpointResource,
  mlServiceEntity,
  mockSecurityApi,
  scorecard,
} from '../../__testUtils__/fixtures';
import { denying, renderWithApis } from '../../__testUtils__/render';
import { EntitySecurityContent } from './EntitySecurityContent';

// A file of its own: usePermission caches answers for the whole test file.
describe('EntitySecurityContent without write permissions', () => {
  it('hides waive, revoke and rescan', async () => {
    const api = mockSecurityApi({
      getEntityScorecard: jest.fn(async () => scorecard),
      getResourceFindings: jest.fn(async () => ({
        resource: endpointResource,
        results: [],
      })),
    });
    const permissionApi = denying(
      'sagemaker-security.waiver.create',
      'sagemaker-security.waiver.revoke',
      'sagemaker-security.scan.run',
    );
    const authorize = jest.spyOn(permissionApi, 'authorize');
    await renderWithApis(<EntitySecurityContent />, {
      api,
      entity: mlServiceEntity,
      permissionApi,
    });
    await screen.findByText('Grade D');
    await waitFor(() => expect(authorize).toHaveBeenCalledTimes(3));
    // Let the denials reach the components.
    await act(async () => {});

    for (const name of [
      'sagemaker-security.waiver.create',
      'sagemaker-security.waiver.revoke',
    ]) {
      expect(authorize).toHaveBeenCalledWith(
        expect.objectContaining({
          permission: expect.objectContaining({ name }),
          resourceRef: 'component:default/fraud-scoring',
        }),
      );
    }
    expect(
      screen.queryByRole('button', { name: 'Waive' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Revoke waiver' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Rescan' }),
    ).not.toBeInTheDocument();
    // Reading is still possible.
    expect(screen.getByText('Failing checks (2)')).toBeInTheDocument();
  });
});
