import seedrandom from 'seedrandom';
import { STATE_WORDS } from './generator.js';

/**
 * The generator state of one stream, derived by hashing (seed, task, replication, purpose)
 * — never from call order. The key `${seed}/${task}/${replication}/${purpose}` is mixed by
 * seedrandom's own `xor4096` key schedule (every UTF-16 unit of the key XORed into a
 * xorshift register over at least 160 rounds, combined with a Weyl sequence into the
 * 128-word array, then 512 discarded steps), and its state is read with `{ state: true }`.
 * Same inputs → the same stream, in any thread, in any order: the stream of replication 5
 * does not depend on whether replications 0–4 were drawn before. Cost ≈ 5–10 µs.
 *
 * `purpose` names what the stream drives (e.g. `'arrivals:voice'`, `'handle:chat'`), so
 * adding a random quantity to the model does not shift the numbers of the others.
 * The returned array (130 words) is the whole state: copy it with `slice()` to fork.
 * @throws {RangeError} task or replication not a non-negative integer, purpose empty, seed not finite
 * @example const s = streamState('2017', 0, 5, 'arrivals:voice'); uniform(s)
 */
export function streamState(
  seed: string | number, task: number, replication: number, purpose: string,
): Uint32Array {
  if (!(Number.isInteger(task) && task >= 0)) throw new RangeError(`task must be an integer ≥ 0, got ${task}`);
  if (!(Number.isInteger(replication) && replication >= 0)) {
    throw new RangeError(`replication must be an integer ≥ 0, got ${replication}`);
  }
  if (typeof purpose !== 'string' || purpose.length === 0) {
    throw new RangeError(`purpose must be a non-empty string, got ${JSON.stringify(purpose)}`);
  }
  if (typeof seed === 'number' ? !Number.isFinite(seed) : typeof seed !== 'string') {
    throw new RangeError(`seed must be a string or a finite number, got ${String(seed)}`);
  }
  const st = seedrandom.xor4096(`${seed}/${task}/${replication}/${purpose}`, { state: true }).state();
  const s = new Uint32Array(STATE_WORDS);
  s.set(st.X);
  s[128] = st.i;
  s[129] = st.w;
  return s;
}
