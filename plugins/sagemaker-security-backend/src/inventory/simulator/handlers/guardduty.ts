import { awsError } from '../awsErrors';
import { paginate } from '../paging';
import type { Handler } from './types';

export const guarddutyHandlers: Record<string, Handler> = {
  ListDetectors: (input, scope) => {
    const ids = (scope.region?.guardDutyDetectors ?? []).map(d =>
      String(d.DetectorId),
    );
    const { page, next } = paginate(ids, input, scope.pageSize);
    return { DetectorIds: page, ...(next ? { NextToken: next } : {}) };
  },
  GetDetector: (input, scope) => {
    const found = (scope.region?.guardDutyDetectors ?? []).find(
      d => d.DetectorId === input.DetectorId,
    );
    // GuardDuty answers an unknown detector ID so (as AWS and moto do).
    if (!found) {
      throw awsError(
        'BadRequestException',
        'The request is rejected because the input detectorId is not owned by the current account.',
        400,
      );
    }
    const { DetectorId: _id, ...detector } = found;
    return detector;
  },
};
