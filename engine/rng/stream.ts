import seedrandom from 'seedrandom';

/** Words of generator state (Tyche-i: a, b, c, d). */
export const STATE_WORDS = 4;

/**
 * The generator state of one stream, derived by hashing (seed, task, replication, purpose)
 * — never from call order. The key `${seed}/${task}/${replication}/${purpose}` is mixed by
 * seedrandom's own `tychei` key schedule (each UTF-16 unit XORed into the state, one
 * generator step per unit, then 20 discarded steps), and its state is read with
 * `{ state: true }`. Same inputs → the same stream, in any thread, in any order: the stream
 * of replication 5 does not depend on whether replications 0–4 were drawn before.
 *
 * `purpose` names what the stream drives (e.g. `'arrivals:voice'`, `'handle:chat'`), so
 * adding a random quantity to the model does not shift the numbers of the others.
 * @throws {RangeError} task or replication not a non-negative integer, or purpose empty
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
  if (typeof seed === 'number' && !Number.isFinite(seed)) throw new RangeError(`seed must be finite, got ${seed}`);
  const prng = seedrandom.tychei(`${seed}/${task}/${replication}/${purpose}`, { state: true });
  const st = prng.state();
  const s = new Uint32Array(STATE_WORDS);
  s[0] = st.a; s[1] = st.b; s[2] = st.c; s[3] = st.d;
  return s;
}
