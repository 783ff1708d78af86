/** Argument checks shared by the kernels; each error names the function, argument, value and allowed range. */

export function checkAgents(fn: string, agents: number): void {
  if (!Number.isInteger(agents) || agents < 0) {
    throw new RangeError(`${fn}: agents must be a non-negative integer, got ${agents}`);
  }
}

export function checkErlangs(fn: string, erlangs: number): void {
  if (!(erlangs >= 0) || erlangs === Infinity) {
    throw new RangeError(`${fn}: erlangs must be a finite number >= 0, got ${erlangs}`);
  }
}

export function checkPositive(fn: string, name: string, value: number): void {
  if (!(value > 0) || value === Infinity) {
    throw new RangeError(`${fn}: ${name} must be a finite number > 0, got ${value}`);
  }
}

export function checkNonNegative(fn: string, name: string, value: number): void {
  if (!(value >= 0) || value === Infinity) {
    throw new RangeError(`${fn}: ${name} must be a finite number >= 0, got ${value}`);
  }
}
