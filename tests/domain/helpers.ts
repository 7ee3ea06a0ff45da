import { addDays, type PlainDate } from '../../domain/index';

/** Deterministic PRNG (mulberry32) so "random" property checks are reproducible. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Every date from `first` to `last`, inclusive. */
export function* eachDay(first: PlainDate, last: PlainDate): Generator<PlainDate> {
  for (let day = first; day <= last; day = addDays(day, 1)) yield day;
}
