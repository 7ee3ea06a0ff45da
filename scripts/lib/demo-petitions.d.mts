export declare const demoPetitions: readonly { key: 'open' | 'awaiting' | 'responded'; title: string; agency?: string }[];
/** Creates the demo petitions that are missing (through the API); returns their ids by key. */
export declare function seedDemoPetitions(base: string): Promise<Record<'open' | 'awaiting' | 'responded', string>>;
