/**
 * What every Temporal process shares with the edge (worker/): the task queue and the headers of
 * the HMAC-signed internal routes. Dependency-free: the Cloudflare Worker and workflow code both
 * import it.
 */

/** One task queue for every process; named after the first one, which running workflows keep. */
export const TASK_QUEUE_DEFAULT = 'cases';

export const internalSignatureHeader = 'x-civic-signature';
export const internalTimestampHeader = 'x-civic-timestamp';
