import { paginate } from '../paging';
import type { Handler } from './types';

export const cloudwatchHandlers: Record<string, Handler> = {
  DescribeAlarms: (input, scope) => {
    const alarms = (scope.region?.alarms ?? []).filter(
      a =>
        !input.AlarmNamePrefix ||
        String(a.AlarmName).startsWith(input.AlarmNamePrefix),
    );
    const { page, next } = paginate(alarms, input, scope.pageSize, {
      sizeIn: 'MaxRecords',
    });
    return {
      MetricAlarms: page,
      CompositeAlarms: [],
      ...(next ? { NextToken: next } : {}),
    };
  },
};

export const logsHandlers: Record<string, Handler> = {
  DescribeLogGroups: (input, scope) => {
    const groups = (scope.region?.logGroups ?? []).filter(
      g =>
        !input.logGroupNamePrefix ||
        String(g.logGroupName).startsWith(input.logGroupNamePrefix),
    );
    const { page, next } = paginate(groups, input, scope.pageSize, {
      tokenIn: 'nextToken',
      sizeIn: 'limit',
    });
    return { logGroups: page, ...(next ? { nextToken: next } : {}) };
  },
};
