export interface Config {
  sagemakerSecurity?: {
    waivers?: {
      /**
       * Longest a waiver may last, in days (default 90; declared by the
       * backend plugin). Visible to the frontend so that the waiver and
       * request dialogs refuse a later expiry before sending it.
       *
       * @visibility frontend
       */
      maxDays?: number;
    };
  };
}
