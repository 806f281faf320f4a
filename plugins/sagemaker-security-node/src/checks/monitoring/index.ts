import { SecurityCheck } from '../../types';
import {
  cloudTrailKmsEncryption,
  cloudTrailLogFileValidation,
  cloudTrailLogging,
  cloudTrailS3DataEvents,
} from './cloudTrail';
import { endpointErrorAlarms, endpointLatencyAlarms } from './endpointAlarms';
import {
  endpointDataCapture,
  endpointModelMonitorSchedule,
  monitoringScheduleHealthy,
} from './endpointMonitoring';
import {
  domainExecutionRoleSourceIdentity,
  domainTrustedIdentityPropagation,
} from './domainIdentity';
import { guardDutyEnabled } from './guardDuty';
import { logGroupRetention } from './logGroupRetention';

/** @public */
export const monitoringChecks: SecurityCheck[] = [
  endpointDataCapture,
  endpointModelMonitorSchedule,
  monitoringScheduleHealthy,
  endpointErrorAlarms,
  endpointLatencyAlarms,
  cloudTrailLogging,
  cloudTrailLogFileValidation,
  cloudTrailKmsEncryption,
  cloudTrailS3DataEvents,
  logGroupRetention,
  domainExecutionRoleSourceIdentity,
  domainTrustedIdentityPropagation,
  guardDutyEnabled,
];
