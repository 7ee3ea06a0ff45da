export interface StackPorts {
  temporal: number;
  temporalHttp: number;
  temporalUi: number;
  edge: number;
  edgeInspector: number;
}
export interface Service {
  name: string;
  lines: string[];
  readonly exited: boolean;
  exitPromise: Promise<{ code: number | null; signal: string | null }>;
  stop(graceMs?: number): Promise<void>;
}
export interface Stack {
  edgeUrl: string;
  temporalHttpUrl: string;
  temporalAddress: string;
  temporalUiUrl: string;
  services(): Service[];
  stopTemporal(): Promise<void>;
  startTemporal(): Promise<void>;
  stopWorker(): Promise<void>;
  startWorker(): Promise<void>;
  stop(): Promise<void>;
}
export declare const DEV_PORTS: StackPorts;
export declare function freePorts(count: number): Promise<number[]>;
export declare function startStack(o: {
  ports: StackPorts;
  dataDir: string;
  internalSecret: string;
  demoCases?: boolean;
  echo?: boolean;
  cronIntervalMs?: number;
  log?: (msg: string) => void;
  extraSeeds?: string[];
  edgeTemporalHttpUrl?: string;
}): Promise<Stack>;
