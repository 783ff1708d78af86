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
 * Budget (a file may come from anyone; a formula must not be a way to exhaust the machine):
 * a formula is at most `MAX_FORMULA_CHARS` characters and `MAX_FORMULA_NODES` parse-tree
 * nodes; it may call only the scalar functions of `FORMULA_FUNCTIONS` (no matrix producers
 * such as `zeros`, `ones`, `range`, `nthRoots`; no `random`, which would break seeding) and
 * may not write ranges (`1:10`), lists, objects, indexes, assignments or several statements;
 * a curve `f(h) = …` may not call itself. Without loops, recursion or matrices, evaluating a
 * formula costs at most one step per node, so a whole file's formulas cost at most
 * nodes × evaluations steps, which the loader caps (`MAX_FORMULA_STEPS`).
 *
 * mathjs takes about a second to import, so it is loaded (dynamic import) only by
 * `loadFormulaEngine()`, which the loader calls only when a file contains a formula.
 */

/** Evaluates one formula in a scope of named numbers; throws an Error naming the problem. */
export interface FormulaEngine {
  /** A scalar formula: returns a finite number. `budget` (one per file) is charged its steps. */
  scalar(text: string, scope: ReadonlyMap<string, number>, budget?: FormulaBudget): number;
  /** A curve in `h` (hours): its values at the given hours. `budget` is charged nodes × hours. */
  curve(text: string, scope: ReadonlyMap<string, number>, hours: readonly number[], budget?: FormulaBudget): number[];
}

/** Evaluation steps left for a file's formulas (see MAX_FORMULA_STEPS); charged before each evaluation. */
export interface FormulaBudget {
  steps: number;
}

/** A fresh budget for one file. */
export const formulaBudget = (): FormulaBudget => ({ steps: MAX_FORMULA_STEPS });

/** Longest formula, characters (the baseline's longest curve has ~150). */
export const MAX_FORMULA_CHARS = 2_000;
/** Most parse-tree nodes in one formula (the baseline's longest curve has ~60). */
export const MAX_FORMULA_NODES = 1_000;
/** Most evaluation steps (nodes × evaluations) of all the formulas of one file (the baseline: ~7,000). */
export const MAX_FORMULA_STEPS = 2_000_000;

/**
 * The functions a formula may call: scalar in, scalar out, bounded cost. Operators (`+`, `^`,
 * `!`, `<`, `and`, `? :`) are allowed; on plain numbers they are scalar too.
 */
export const FORMULA_FUNCTIONS: ReadonlySet<string> = new Set([
  'abs', 'sign', 'sqrt', 'cbrt', 'square', 'cube', 'exp', 'expm1', 'log', 'log10', 'log2', 'log1p', 'pow', 'hypot',
  'min', 'max', 'floor', 'ceil', 'round', 'fix', 'mod', 'gcd', 'lcm',
  'sin', 'cos', 'tan', 'sec', 'csc', 'cot', 'asin', 'acos', 'atan', 'atan2', 'sinh', 'cosh', 'tanh', 'asinh', 'acosh', 'atanh',
  'gamma', 'lgamma', 'erf', 'factorial',
]);

/** Random functions: refused with their own reason (a seeded run must give the same numbers every time). */
const RANDOM_FUNCTIONS = new Set(['random', 'randomInt', 'pickRandom']);

/** Parse-tree node types a formula may not contain, with what they are in words. */
const REFUSED_NODES: Record<string, string> = {
  RangeNode: 'a range (a:b), which builds a matrix',
  ArrayNode: 'a list [ … ], which builds a matrix',
  IndexNode: 'an index [ … ]',
  AccessorNode: 'a property or index access',
  ObjectNode: 'an object { … }',
  AssignmentNode: 'an assignment (=)',
  BlockNode: 'several statements (; or a line break)',
};

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
    const disabled = new Set<string>(DISABLED);
    /**
     * Checks a formula before anything evaluates it: its size, its constructs, the functions
     * it calls, and that every name is a constant of the file, a parameter, or a mathjs
     * function or constant. Returns its parse-tree node count (its evaluation steps).
     */
    const checkFormula = (text: string, scope: ReadonlyMap<string, number>): number => {
      const fail = (why: string): never => {
        throw new Error(`formula '${text.length > 80 ? `${text.slice(0, 77)}...` : text}' ${why}`);
      };
      if (text.length > MAX_FORMULA_CHARS) {
        fail(`is ${text.length} characters long, more than the ${MAX_FORMULA_CHARS} allowed; split it into constants`);
      }
      let node;
      try {
        node = parse(text);
      } catch (err) {
        fail(`failed: ${err instanceof Error ? err.message : String(err)}`);
      }
      const params = new Set<string>();
      const called = new Set<string>();
      let defined: string | undefined;
      let nodes = 0;
      node!.traverse((n, _path, parent) => {
        nodes++;
        const x = n as unknown as { type: string; name?: string; params?: string[]; fn?: { name?: string } };
        const refused = REFUSED_NODES[x.type];
        if (refused) fail(`uses ${refused}; formulas compute one number from numbers`);
        if (x.type === 'FunctionAssignmentNode') {
          if (parent !== null) fail('defines a function inside an expression; a curve is the whole formula, f(h) = …');
          if (x.params?.length !== 1) fail(`defines a function of ${x.params?.length ?? 0} parameters; a curve has one, the hour: f(h) = …`);
          x.params!.forEach((p) => params.add(p));
          defined = x.name;
        }
        if (x.type === 'FunctionNode') {
          const name = x.fn?.name ?? '';
          called.add(name);
          if (disabled.has(name)) throw new Error(`function ${name} is disabled in scenario formulas`);
          if (RANDOM_FUNCTIONS.has(name)) fail(`calls ${name}, which is not allowed: random numbers in a scenario would give different results for the same seed`);
          if (name === defined) fail(`calls itself (${name}); recursion is not allowed in formulas`);
          if (!FORMULA_FUNCTIONS.has(name)) {
            fail(`calls ${name}, which is not allowed: formulas may call only scalar functions of bounded cost (abs, sqrt, exp, log, pow, min, max, round, sin, … listed in docs/scenario-format.md)`);
          }
        }
      });
      if (nodes > MAX_FORMULA_NODES) fail(`has ${nodes} terms, more than the ${MAX_FORMULA_NODES} allowed; split it into constants`);
      node!.traverse((n) => {
        const x = n as unknown as { type: string; name: string };
        if (x.type !== 'SymbolNode' || scope.has(x.name) || params.has(x.name)) return;
        if (called.has(x.name) && typeof mathNames[x.name] === 'function') return;
        if (!called.has(x.name) && typeof mathNames[x.name] === 'number') return; // pi, e, tau, Infinity…
        if (isUnitName(x.name)) {
          throw new Error(`formula '${text}' failed: unknown name ${x.name} (mathjs would read it as a unit; units are not allowed, the unit is in the key name)`);
        }
        throw new Error(`formula '${text}' failed: Undefined symbol ${x.name}`);
      });
      return nodes;
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

    /** Charges `steps` to the file's budget; refuses the formula when the budget would run out. */
    const charge = (text: string, steps: number, budget: FormulaBudget | undefined): void => {
      if (!budget) return;
      budget.steps -= steps;
      if (budget.steps < 0) {
        throw new Error(`formula '${text.slice(0, 60)}' is over the file's budget: its formulas need more than ${MAX_FORMULA_STEPS} evaluation steps (terms × evaluations); simplify them or compute values outside the file`);
      }
    };

    const run = (text: string, scope: ReadonlyMap<string, number>, budget?: FormulaBudget, evaluations = 1): unknown => {
      charge(text, checkFormula(text, scope) * evaluations, budget);
      try {
        return evaluate(text, new Map(scope));
      } catch (err) {
        const msg = err instanceof Error ? err.message : String(err);
        throw new Error(`formula '${text}' failed: ${msg}`);
      }
    };

    return {
      scalar(text, scope, budget) {
        return toNumber(run(text, scope, budget), text);
      },
      curve(text, scope, hours, budget) {
        const fnDef = /^\s*([A-Za-z_]\w*)\s*\(\s*([A-Za-z_]\w*)\s*\)\s*=/.exec(text);
        if (fnDef) {
          const fn = run(text, scope, budget, hours.length);
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
        const withH = new Map(scope);
        withH.set('h', 0);
        charge(text, checkFormula(text, withH) * hours.length, budget);
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
