import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = path.join(ROOT, 'node_modules', '.bin');
/** Slow builds (the Temporal CLI) are cached outside the clone so fresh clones and CI reuse them. */
export const CACHE_DIR = process.env.CIVIC_CACHE_DIR ?? path.join(os.homedir(), '.cache', 'civic-engine');
export const DATA_DIR = path.join(ROOT, '.data');
