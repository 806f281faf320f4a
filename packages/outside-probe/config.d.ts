export interface Config {
  /** Settings of the outside probe's backend (packages/outside-probe). */
  outsideProbe?: {
    /**
     * A JSON file `{ "deny": [permission names], "hide": { "permissions": [...],
     * "entityNames": [...] } }` naming what the probe's permission policy
     * withholds from users; read at every decision. Without it users are
     * allowed everything, as with the demo's allow-all policy.
     */
    permissionPolicyFile?: string;
  };
}
