export declare const TEMPORAL_CLI_VERSION: string;
/** Path of the Temporal CLI: TEMPORAL_CLI, PATH, the cache, a go install, or the SDK's download. */
export declare function resolveTemporalCli(log?: (message: string) => void): Promise<string>;
