/**
 * Formulas in scenario values, evaluated by mathjs in a sandbox: a value written as a string
 * where a number is expected (`"1.1763e9 / 365"`, `"ivr + answered / answerRate"`), or a
 * curve over the hour of the day `h` in [0, 24) (`"f(h) = 0.2 + exp(-(h - 10)^2 / 4)"` or just
 * `"0.2 + exp(-(h - 10)^2 / 4)"`), evaluated at each interval's midpoint.
 *
 * Sandbox (mathjs "security" page): `import`, `createUnit`, `evaluate`, `parse`, `compile`,
 * `simplify`, `derivative`, `resolve`, `reviver` are replaced by functions that throw, so a
 * formula cannot redefine functions, create units or evaluate strings. A result must be a
 * finite plain number: units (`"90 s"`), complex numbers, matrices and strings are refused —
 * the unit of a value is in its key name.
 *
 * mathjs takes about a second to import, so it is loaded (dynamic import) only by
 * `loadFormulaEngine()`, which the loader calls only when a file contains a formula.
 */

/** Evaluates one formula in a scope of named numbers; throws an Error naming the problem. */
export interface FormulaEngine {
  /** A scalar formula: returns a finite number. */
  scalar(text: string, scope: ReadonlyMap<string, number>): number;
  /** A curve in `h` (hours): its values at the given hours. */
  curve(text: string, scope: ReadonlyMap<string, number>, hours: readonly number[]): number[];
}

const DISABLED = ['import', 'createUnit', 'evaluate', 'parse', 'compile', 'simplify', 'derivative', 'resolve', 'reviver'] as const;

let enginePromise: Promise<FormulaEngine> | undefined;

/** The sandboxed formula engine (mathjs imported on first call, then cached). */
export function loadFormulaEngine(): Promise<FormulaEngine> {
  enginePromise ??= (async () => {
    const { create, all } = await import('mathjs');
    const math = create(all!);
    const evaluate = math.evaluate;
    const parse = math.parse;
    const isUnitName = (name: string): boolean => {
      try {
        return math.Unit.isValuelessUnit(name);
      } catch {
        return false;
      }
    };
    const mathNames = math as unknown as Record<string, unknown>;
    /** Every name a formula uses must be a constant of the file, a parameter, or a mathjs function or constant. */
    const checkNames = (text: string, scope: ReadonlyMap<string, number>): void => {
      let node;
      try {
        node = parse(text);
      } catch (err) {
        throw new Error(`formula '${text}' failed: ${err instanceof Error ? err.message : String(err)}`);
      }
      const params = new Set<string>();
      const called = new Set<string>();
      node.traverse((n) => {
        const x = n as unknown as { type: string; params?: string[]; fn?: { name?: string } };
        if (x.type === 'FunctionAssignmentNode') x.params?.forEach((p) => params.add(p));
        if (x.type === 'FunctionNode' && x.fn?.name) called.add(x.fn.name);
      });
      node.traverse((n) => {
        const x = n as unknown as { type: string; name: string };
        if (x.type !== 'SymbolNode' || scope.has(x.name) || params.has(x.name)) return;
        if (called.has(x.name) && typeof mathNames[x.name] === 'function') return;
        if (!called.has(x.name) && typeof mathNames[x.name] === 'number') return; // pi, e, tau, Infinity…
        if (isUnitName(x.name)) {
          throw new Error(`formula '${text}' failed: unknown name ${x.name} (mathjs would read it as a unit; units are not allowed, the unit is in the key name)`);
        }
        throw new Error(`formula '${text}' failed: Undefined symbol ${x.name}`);
      });
    };
    const blocked: Record<string, () => never> = {};
    for (const name of DISABLED) {
      blocked[name] = () => {
        throw new Error(`function ${name} is disabled in scenario formulas`);
      };
    }
    math.import(blocked, { override: true });

    const toNumber = (value: unknown, text: string): number => {
      if (typeof value === 'number') {
        if (!Number.isFinite(value)) throw new Error(`'${text}' evaluates to ${value}, not a finite number`);
        return value;
      }
      const typeName = (value as { constructor?: { name?: string } })?.constructor?.name ?? typeof value;
      if (typeName === 'Unit') {
        throw new Error(`'${text}' has a unit (${String(value)}); write a plain number, the unit is in the key name`);
      }
      if (typeof value === 'function') throw new Error(`'${text}' defines a function where a number is expected`);
      throw new Error(`'${text}' evaluates to a ${typeName} (${String(value)}), not a number`);
    };

    const run = (text: string, scope: ReadonlyMap<string, number>): unknown => {
      checkNames(text, scope);
      try {
        return evaluate(text, new Map(scope));
      } catch (err) {
        const msg = err instanceof Error ? err.message : String(err);
        throw new Error(`formula '${text}' failed: ${msg}`);
      }
    };

    return {
      scalar(text, scope) {
        return toNumber(run(text, scope), text);
      },
      curve(text, scope, hours) {
        const fnDef = /^\s*([A-Za-z_]\w*)\s*\(\s*([A-Za-z_]\w*)\s*\)\s*=/.exec(text);
        if (fnDef) {
          const fn = run(text, scope);
          if (typeof fn !== 'function') throw new Error(`'${text}' does not define a function`);
          return hours.map((h) => {
            let v: unknown;
            try {
              v = (fn as (x: number) => unknown)(h);
            } catch (err) {
              throw new Error(`formula '${text}' failed at h = ${h}: ${err instanceof Error ? err.message : String(err)}`);
            }
            return toNumber(v, `${text} at h = ${h}`);
          });
        }
        return hours.map((h) => {
          const s = new Map(scope);
          s.set('h', h);
          return toNumber(run(text, s), `${text} at h = ${h}`);
        });
      },
    };
  })();
  return enginePromise;
}
