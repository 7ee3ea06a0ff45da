export declare const CHROMIUM_PATH: string;
export declare function ensureChromium(log?: (msg: string) => void): Promise<string>;
