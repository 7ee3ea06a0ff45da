export interface Location {
  area: 'worker' | 'workflows' | 'web' | 'domain';
  module: string;
  stem: string;
}
export function locate(rel: string): Location | null;
export function boundaryViolation(from: Location | null, to: Location | null): string | null;
declare const plugin: { rules: Record<string, unknown> };
export default plugin;
