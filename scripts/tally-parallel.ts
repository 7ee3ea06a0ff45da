/**
 * The tally command's second thread for equal shares with add1: most of its time goes into the
 * MES runs at successive endowments, which come in independent blocks (mes-add1 add1Block: the
 * top run fresh, each lower one replaying the one above). A worker thread computes blocks
 * ahead while the main thread runs the add1 loop and computes the blocks the worker has not
 * claimed. Every outcome is exact and depends on the endowment alone, so the result is the one
 * of the single-threaded loop (tests/domain/tally/add1-oracle.unit.test.ts, tally-cli).
 *
 * Coordination without a message loop (the add1 loop is synchronous): one shared Int32Array
 * with a state per block (free, the worker's, done by the worker, the main thread's); the worker
 * posts a finished block on a MessagePort, which the main thread reads with
 * receiveMessageOnPort. For a block the worker is busy with, the main thread first computes a
 * free block ahead; failing that it waits (Atomics.wait) at most half the time a block takes it,
 * then computes the block itself: on a busy machine the worker may not get a core for a while,
 * and the main thread must never be slower than on its own.
 */
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import {
  ADD1_BLOCK,
  add1Block,
  add1StartEndowment,
  localAdd1Oracle,
  type Add1Oracle,
  type Add1StepOutcome,
  type Add1Start,
} from '../domain/tally/mes-add1';
import { MesRunner } from '../domain/tally/mes-engine';
import type { MesPrepared } from '../domain/tally/mes-prepare';
import { Rational } from '../domain/tally/rational';

const FREE = 0;
const WORKER = 1;
const WORKER_DONE = 2;
const MAIN = 3;
/** Blocks the shared state can describe (8 steps each); beyond them the main thread works alone. */
const MAX_BLOCKS = 1 << 16;
/** How far ahead of the block it needs the main thread computes while the worker is busy. */
const LOOKAHEAD = 3;
/** Shared state: slot STOP is set when the worker should stop; slot LAST holds the lowest block
 * known to hold a step where the loop stops (exhaustive or over budget): no step after it is ever
 * needed, since a proven skip never passes over such a step; the blocks' states follow. */
const STOP = 0;
const LAST = 1;
const BLOCKS = 2;

/** Whether the loop stops at some step of this block. */
const stopsIn = (block: readonly Add1StepOutcome[]): boolean => block.some((o) => o.exceeded || o.exhaustive);

/** Records that the loop stops within block b (keeps the lowest such block). */
function noteLast(state: Int32Array, b: number): void {
  for (let cur = Atomics.load(state, LAST); b < cur; cur = Atomics.load(state, LAST)) {
    if (Atomics.compareExchange(state, LAST, cur, b) === cur) return;
  }
}

export interface BlockWorkerData {
  readonly role: 'add1-blocks';
  readonly prep: MesPrepared;
  readonly budget: bigint;
  readonly step: bigint;
  readonly start: Add1Start;
  readonly state: Int32Array;
  readonly port: MessagePort;
}

interface WireOutcome {
  readonly totalCost: bigint;
  readonly exceeded: boolean;
  readonly exhaustive: boolean;
  readonly stable?: { num: bigint; den: bigint } | null;
}

const toWire = (o: Add1StepOutcome): WireOutcome => ({
  totalCost: o.totalCost,
  exceeded: o.exceeded,
  exhaustive: o.exhaustive,
  ...(o.stableFor === undefined ? {} : { stable: o.stableFor && { num: o.stableFor.num, den: o.stableFor.den } }),
});

const fromWire = (w: WireOutcome): Add1StepOutcome => ({
  totalCost: w.totalCost,
  exceeded: w.exceeded,
  exhaustive: w.exhaustive,
  ...(w.stable === undefined ? {} : { stableFor: w.stable && Rational.of(w.stable.num, w.stable.den) }),
});

/** The worker thread's loop: claim the next free block, compute it, post it; until told to stop. */
export function runBlockWorker(data: BlockWorkerData): void {
  const { prep, state, port } = data;
  const opts = { budget: data.budget, step: data.step, start: data.start };
  const e0 = add1StartEndowment(prep, opts);
  const runner = new MesRunner(prep);
  for (let b = 0; b < MAX_BLOCKS && Atomics.load(state, STOP) === 0 && b <= Atomics.load(state, LAST); b++) {
    if (Atomics.compareExchange(state, BLOCKS + b, FREE, WORKER) !== FREE) continue;
    try {
      const block = add1Block(prep, runner, e0, opts, BigInt(b * ADD1_BLOCK + 1));
      if (stopsIn(block)) noteLast(state, b);
      port.postMessage({ b, block: block.map(toWire) });
      Atomics.store(state, BLOCKS + b, WORKER_DONE);
    } catch (e) {
      // Give the block back (the main thread then computes it, and every later one) and stop.
      Atomics.store(state, STOP, 1);
      Atomics.store(state, BLOCKS + b, FREE);
      Atomics.notify(state, BLOCKS + b);
      throw e;
    }
    Atomics.notify(state, BLOCKS + b);
  }
  port.close();
}

/**
 * An add1 oracle backed by a worker thread running `entry` (a module that calls runBlockWorker
 * when its workerData has role 'add1-blocks'), started on the first step asked for (an outcome
 * exhaustive from the start needs none). `close()` stops the worker.
 */
export function parallelAdd1Oracle(
  entry: URL,
  prep: MesPrepared,
  opts: { budget: bigint; step: bigint; start: Add1Start },
): { oracle: Add1Oracle; close: () => void } {
  let started: { oracle: Add1Oracle; close: () => void } | null = null;
  // Steps beyond what the shared state describes (only after huge proven skips): this thread.
  const far = localAdd1Oracle(prep, opts);
  return {
    oracle: {
      step(k) {
        if (k > BigInt(MAX_BLOCKS * ADD1_BLOCK)) return far.step(k);
        started ??= start(entry, prep, opts);
        return started.oracle.step(k);
      },
    },
    close() {
      started?.close();
    },
  };
}

function start(entry: URL, prep: MesPrepared, opts: { budget: bigint; step: bigint; start: Add1Start }): { oracle: Add1Oracle; close: () => void } {
  const state = new Int32Array(new SharedArrayBuffer(4 * (BLOCKS + MAX_BLOCKS)));
  state[LAST] = MAX_BLOCKS;
  const { port1, port2 } = new MessageChannel();
  // The worker needs the engine's arrays, not the parsed ballots behind them.
  const lean: MesPrepared = { ...prep, election: { ...prep.election, source: { ...prep.election.source, ballots: [] } } };
  const data: BlockWorkerData = { role: 'add1-blocks', prep: lean, budget: opts.budget, step: opts.step, start: opts.start, state, port: port2 };
  const worker = new Worker(entry, { workerData: data, transferList: [port2] });
  // Never keep the process alive for blocks nobody needs any more.
  worker.unref();
  // A worker that fails (to start or later) leaves its blocks to the main thread: the loop below
  // computes every block it is not handed, so the result does not depend on the worker.
  worker.on('error', () => Atomics.store(state, STOP, 1));
  const e0 = add1StartEndowment(prep, opts);
  const runner = new MesRunner(prep);
  const blocks = new Map<number, Add1StepOutcome[]>();

  const drain = (): void => {
    for (let m = receiveMessageOnPort(port1); m; m = receiveMessageOnPort(port1)) {
      const { b, block } = m.message as { b: number; block: WireOutcome[] };
      blocks.set(b, block.map(fromWire));
    }
  };
  let blockMs = 50;
  const computeHere = (b: number): void => {
    const t0 = performance.now();
    const block = add1Block(prep, runner, e0, opts, BigInt(b * ADD1_BLOCK + 1));
    blockMs = performance.now() - t0;
    if (stopsIn(block)) noteLast(state, b);
    blocks.set(b, block);
  };
  const block = (b: number): Add1StepOutcome[] => {
    for (;;) {
      const have = blocks.get(b);
      if (have) return have;
      const s = Atomics.compareExchange(state, BLOCKS + b, FREE, MAIN);
      if (s === FREE) {
        computeHere(b);
        continue;
      }
      if (s === WORKER_DONE) {
        drain();
        continue;
      }
      // The worker is on it: compute a free block just ahead meanwhile (one the loop may still
      // need), or wait for it.
      let ahead = -1;
      const end = Math.min(b + 1 + LOOKAHEAD, MAX_BLOCKS, Atomics.load(state, LAST) + 1);
      for (let a = b + 1; a < end && ahead < 0; a++) {
        if (!blocks.has(a) && Atomics.compareExchange(state, BLOCKS + a, FREE, MAIN) === FREE) ahead = a;
      }
      if (ahead >= 0) computeHere(ahead);
      else if (Atomics.wait(state, BLOCKS + b, WORKER, blockMs / 2) === 'timed-out') computeHere(b);
    }
  };
  return {
    oracle: {
      step(k) {
        const b = Number((k - 1n) / BigInt(ADD1_BLOCK));
        const outcome = block(b)[Number(k - 1n) - b * ADD1_BLOCK];
        if (!outcome) throw new Error(`add1: no outcome for step ${k}`);
        return outcome;
      },
    },
    close() {
      Atomics.store(state, STOP, 1);
      port1.close();
      void worker.terminate();
    },
  };
}
