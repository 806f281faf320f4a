import { Evidence } from '@mlsec/plugin-sagemaker-security-common';
import { DOMAIN_TEMPLATE } from '../../remediation/templates';
import {
  defineCheck,
  fail,
  fieldEvidence,
  fieldFailure,
  getPath,
  pass,
  SEED,
} from '../support';

/**
 * Where a custom POSIX identity is set, and its user and group fields: a
 * domain's defaults for user profiles and for shared spaces, a user
 * profile's own settings, and the file system identity an app image
 * configuration runs a custom image with (AWS defaults: Uid 1000, Gid 100).
 * Each type's description holds only its own paths, so the check reads all.
 */
const POSIX_CONFIGS = [
  { path: 'DefaultUserSettings.CustomPosixUserConfig', uid: 'Uid', gid: 'Gid' },
  {
    path: 'DefaultSpaceSettings.CustomPosixUserConfig',
    uid: 'Uid',
    gid: 'Gid',
  },
  { path: 'UserSettings.CustomPosixUserConfig', uid: 'Uid', gid: 'Gid' },
  ...[
    'KernelGatewayImageConfig',
    'JupyterLabAppImageConfig',
    'CodeEditorAppImageConfig',
  ].map(app => ({
    path: `${app}.FileSystemConfig`,
    uid: 'DefaultUid',
    gid: 'DefaultGid',
  })),
];

export const studioPosixUserNotRoot = defineCheck(
  {
    id: 'studio-posix-user-not-root',
    pillar: 'iam',
    title: 'Studio apps do not run as the root POSIX user or group',
    severity: 'high',
    resourceTypes: ['domain', 'user-profile', 'app-image-config'],
    rationale:
      "CustomPosixUserConfig sets the POSIX identity Studio apps run as and write the home file system with. Uid 0 runs every app of the profile (or of every profile and shared space, on a domain's defaults) as root: lifecycle and user code can change the image, read other users' files on shared file systems and defeat the domain's root-access and Docker settings. Gid 0 gives the root group's file access. An app image configuration's FileSystemConfig DefaultUid/DefaultGid 0 does the same for every app started from the custom image. Without a custom identity Studio runs apps as its unprivileged default user.",
    references: {
      seed: { pillar: SEED.iam, phases: ['experimentation'] },
    },
    remediation: {
      text: 'Set CustomPosixUserConfig to an unprivileged Uid and Gid (e.g. 1000/100, matching the owners on your custom file systems) with UpdateDomain / UpdateUserProfile, or remove it to use the default user; for a custom image, set FileSystemConfig DefaultUid/DefaultGid to 1000/100 with UpdateAppImageConfig (and a matching non-root USER in the image).',
      docsUrl:
        'https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CustomPosixUserConfig.html',
      template: DOMAIN_TEMPLATE,
    },
  },
  context => {
    const { resource } = context;
    for (const { path } of POSIX_CONFIGS) {
      const failure = fieldFailure(resource, path);
      if (failure) return failure;
    }
    const root: string[] = [];
    const evidence: Evidence[] = [];
    for (const { path, uid: uidField, gid: gidField } of POSIX_CONFIGS) {
      const config = getPath(resource.description, path);
      if (config === undefined || config === null) continue;
      const uid = getPath(config, uidField);
      const gid = getPath(config, gidField);
      const found = [
        uid === 0 ? `${uidField} 0` : undefined,
        gid === 0 ? `${gidField} 0` : undefined,
      ].filter((item): item is string => item !== undefined);
      if (found.length > 0) root.push(`${path} (${found.join(', ')})`);
      evidence.push(
        fieldEvidence(
          resource,
          path,
          { [uidField]: uid, [gidField]: gid },
          `${uidField} and ${gidField} other than 0`,
        ),
      );
    }
    if (root.length > 0) {
      return fail(
        `${resource.name} runs Studio apps as root: ${root.join('; ')}.`,
        evidence,
      );
    }
    return evidence.length > 0
      ? pass(
          `${resource.name}: custom POSIX identities are unprivileged.`,
          evidence,
        )
      : pass(
          `${resource.name} sets no custom POSIX identity (Studio's unprivileged default user).`,
        );
  },
);
