/** Shared formatting: JSON maps non-finite numbers to null, CSV quotes per RFC 4180 and rounds per unit, tables align. */
import { describe, expect, it } from 'vitest';
import { countEstimate } from '../../cli/format/number.js';
import { csvCell, jsonNumber, percent, renderTable, seconds, signedPercent, toCsv, toJson, count } from '../../cli/format/index.js';
import { checkNumber, describeRange, parseFlagNumber, RANGES } from '../../cli/io/fields.js';
import { roundCount, roundFraction, roundLoad, roundSeconds, roundSignificant } from '../../cli/format/round.js';
import { axisUnit, scenarioPathUnit, unitCsv, unitOf, withUnit } from '../../cli/format/units.js';
import fc from 'fast-check';

describe('format', () => {
  it('toJson: Infinity, -Infinity and NaN become null, nested too; the result parses', () => {
    const s = toJson({ a: Infinity, b: [1, -Infinity, NaN], c: { d: 0.1 + 0.2 } });
    expect(s).toBe('{"a":null,"b":[1,null,null],"c":{"d":0.30000000000000004}}');
    expect(JSON.parse(s).c.d).toBe(0.1 + 0.2); // full precision round-trips
    expect(jsonNumber(Infinity)).toBe('null');
    expect(jsonNumber(1e-300)).toBe('1e-300');
  });

  it('CSV: quotes commas, quotes and newlines; infinite numbers are empty cells; rows by header key', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('x\ny')).toBe('"x\ny"');
    expect(csvCell(Infinity)).toBe('');
    expect(toCsv(['id', 'asa'], [{ id: 1, asa: 3.5, extra: 9 }, { id: 'q,r', asa: Infinity }])).toBe('id,asa\n1,3.5\n"q,r",\n');
  });

  it('tables: columns aligned (right for numbers), a rule under the header, no trailing spaces', () => {
    const t = renderTable([{ header: 'name' }, { header: 'value', align: 'right' }], [['α', '1.5'], ['longer', '∞']]);
    expect(t).toBe('name    value\n------  -----\nα         1.5\nlonger      ∞\n');
  });

  it('numbers: percent, seconds, counts', () => {
    expect(percent(0.80123)).toBe('80.12%');
    expect(percent(undefined)).toBe('–');
    expect(seconds(Infinity)).toBe('∞');
    expect(seconds(12.345, 1)).toBe('12.3 s');
    expect(count(20565)).toBe('20,565');
    expect(signedPercent(-0.04123)).toBe('−4.12%');
    expect(signedPercent(0.001, 3)).toBe('+0.100%');
    expect(signedPercent(NaN)).toBe('–');
  });

  it('ranges: messages state the range; flags accept a % suffix', () => {
    expect(describeRange(RANGES.openFraction)).toBe('a number in (0, 1) (a fraction, e.g. 0.8 for 80%)');
    expect(() => checkNumber('agents', -1, RANGES.agents)).toThrow('agents must be a whole number ≥ 0, got -1');
    expect(parseFlagNumber('--sl-target', '80%', RANGES.openFraction)).toBeCloseTo(0.8, 15);
    expect(() => parseFlagNumber('--sl-target', '0x1', RANGES.openFraction)).toThrow('--sl-target must be');
    expect(() => parseFlagNumber('--agents', 'Infinity', RANGES.agents)).toThrow('got "Infinity"');
  });
});

describe('countEstimate: a simulated count rounded to its 95% half-width', () => {
  it('keeps two significant digits of the half-width and rounds the mean to the same place', () => {
    expect(countEstimate(1176128534, 2367450)).toBe('1,176.1 M ± 2.4 M');
    expect(countEstimate(1073093313, 802806)).toBe('1,073.09 M ± 0.80 M');
    expect(countEstimate(54321, 12345)).toBe('54 k ± 12 k');
    expect(countEstimate(19350, 1245)).toBe('19,400 ± 1,200');
    expect(countEstimate(5671.51, 0.049)).toBe('5,671.510 ± 0.049');
    expect(countEstimate(51200, 0)).toBe('51,200 ± 0');
    expect(countEstimate(Number.NaN, 3)).toBe('–');
    expect(countEstimate(1234.4, Number.NaN)).toBe('1,234');
  });
});

describe('CSV rounding per unit (cli/format/round.ts, docs/figures.md)', () => {
  it('fractions to 6 decimals, seconds to 3, loads to 3, counts whole from 1,000 and 2 decimals below', () => {
    expect(roundFraction(0.9121987654321)).toBe(0.912199);
    expect(roundFraction(0.8883500191794669)).toBe(0.88835); // the pyworkforce SL example, 0.8883500…
    expect(roundSeconds(7.835937011777241)).toBe(7.836);
    expect(roundLoad(13.9999999)).toBe(14);
    expect(roundLoad(57.1234567)).toBe(57.123);
    expect(roundCount(1176128534.27)).toBe(1176128534);
    expect(roundCount(999.996)).toBe(1000);
    expect(roundCount(12.3456)).toBe(12.35);
    expect(roundCount(-84.2349)).toBe(-84.23);
    expect(roundSignificant(0.0555555555)).toBe(0.0555556);
    for (const f of [roundFraction, roundSeconds, roundCount, roundLoad, roundSignificant]) {
      expect(f(0)).toBe(0);
      expect(f(Infinity)).toBe(Infinity);
      expect(f(NaN)).toBeNaN();
    }
  });

  it('a nonzero value never rounds to 0: tiny values keep 6 significant digits (Erlang B blocking 5.6e-13)', () => {
    expect(roundFraction(5.564289e-13)).toBe(5.56429e-13);
    expect(roundFraction(4e-7)).toBe(4e-7);
    expect(roundSeconds(0.00012345678)).toBe(0.000123457);
    expect(roundCount(0.0064972912)).toBe(0.00649729);
    const finite = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e15, max: 1e15 });
    for (const [f, decimals] of [[roundFraction, 6], [roundSeconds, 3], [roundLoad, 3]] as const) {
      fc.assert(fc.property(finite, (x) => {
        const r = f(x);
        if (x !== 0 && r === 0) return false;
        // within half the last decimal kept, or (tiny or huge values) 6 significant digits
        const err = Math.abs(r - x);
        return err <= Math.max(0.5 * 10 ** -decimals, Math.abs(x) * 5e-6) * (1 + 1e-12);
      }));
    }
    fc.assert(fc.property(finite, (x) => {
      const r = roundCount(x);
      if (x !== 0 && r === 0) return false;
      if (Math.abs(x) >= 1000) return Number.isInteger(r) && Math.abs(r - x) <= 0.5;
      return Math.abs(r - x) <= Math.max(0.005, Math.abs(x) * 5e-6) * (1 + 1e-12);
    }));
  });
});

describe('units of CSV columns (cli/format/units.ts)', () => {
  it('a figure key, KEY[CHANNEL], KEYCi95 and groupKEY[GROUP] share the figure\'s unit; text columns have none', () => {
    expect(unitOf('asa')).toBe('s');
    expect(unitOf('answerRate[voice]Ci95')).toBe('fraction');
    expect(unitOf('groupAgents[voice-team]')).toBe('agents');
    expect(unitOf('groupOccupancy[voice-team]')).toBe('fraction');
    expect(unitOf('aht')).toBe('s');
    for (const text of ['cell', 'replications', 'model', 'binding', 'start']) expect(unitOf(text)).toBeUndefined();
    expect(withUnit('asa', 's').split(' (')[0]).toBe('asa');
    expect(unitCsv(['model', 'asa', 'pWait'], [{ model: 'erlang-c', asa: 7.835937011777241, pWait: 0.1741319335950498 }]))
      .toBe('model,asa (s),pWait (fraction)\nerlang-c,7.836,0.174132\n');
  });

  it('sweep axes by lever, scenario paths by the unit their key names', () => {
    expect(axisUnit('staff', 'lever')).toBe('relative change');
    expect(axisUnit('selfService', 'lever')).toBe('fraction');
    expect(axisUnit('deadline.email', 'lever')).toBe('s');
    expect(axisUnit('concurrency.wechat', 'lever')).toBe('sessions per agent');
    expect(axisUnit('shift.voice:wechat', 'lever')).toBe('fraction');
    expect(axisUnit('groups[voice-agents].shrinkage', 'path')).toBe('fraction');
    expect(scenarioPathUnit('channels[voice].patienceSeconds.components[1].mean')).toBe('s');
    expect(scenarioPathUnit('channels[voice].patienceSeconds.components[0].weight')).toBe('fraction');
    expect(scenarioPathUnit('channels[voice].handleTimeSeconds.cv')).toBeUndefined(); // dimensionless
    expect(scenarioPathUnit('channels[voice].callsPerYear')).toBe('calls per year');
    expect(scenarioPathUnit('dayTypes[weekday].volumeCv')).toBeUndefined();
    expect(scenarioPathUnit('channels[email].deadlineSeconds')).toBe('s');
  });
});
