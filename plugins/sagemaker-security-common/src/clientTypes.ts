/** Options and scopes of the client's calls (`client.ts`). */
/**
 * Options of every call: a token when calling from a backend.
 *
 * @public
 */
export interface SageMakerSecurityRequestOptions {
  token?: string;
}

/**
 * Which findings an export holds: one entity, a team's ML services, or every
 * service the caller may read; `accountId` keeps one account's.
 *
 * @public
 */
export interface ExportScope {
  entityRef?: string;
  owner?: string;
  accountId?: string;
}
