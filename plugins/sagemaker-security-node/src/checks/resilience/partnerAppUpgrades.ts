import { defineCheck, DOCS, fieldValue, SEED } from '../support';

export const partnerAppAutomaticMinorUpgrades = defineCheck(
  {
    id: 'partner-app-automatic-minor-version-upgrade',
    pillar: 'resilience',
    title: 'Partner AI App takes minor version upgrades automatically',
    severity: 'low',
    resourceTypes: ['partner-app'],
    rationale:
      "A Partner AI App runs a partner's software version, which reaches end of life (CurrentVersionEolDate) and receives fixes in minor versions. EnableAutoMinorVersionUpgrade = true applies them in the weekly maintenance window (MaintenanceConfig.MaintenanceWindowStart) instead of leaving the app on a version until someone upgrades it by hand (absent means false).",
    references: {
      seed: { pillar: SEED.compliance, phases: ['experimentation'] },
    },
    remediation: {
      text: 'Set EnableAutoMinorVersionUpgrade = true (UpdatePartnerApp) and a MaintenanceConfig.MaintenanceWindowStart outside working hours.',
      docsUrl: DOCS.partnerApps,
    },
  },
  fieldValue({
    path: 'EnableAutoMinorVersionUpgrade',
    expected: true,
    absentMeans: false,
    label: 'automatic minor version upgrade',
  }),
);
