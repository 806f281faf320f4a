export interface Config {
  sagemakerSecurity?: {
    validate?: {
      /**
       * Default threshold of the `sagemaker-security:validate` scaffolder
       * action: a failing check at or above this severity fails the step.
       * `never` only reports. A step's `failOn` input overrides it.
       * @visibility backend
       */
      failOn?: 'critical' | 'high' | 'medium' | 'low' | 'never';
    };
  };
}
