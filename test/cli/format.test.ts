/** Shared formatting: JSON maps non-finite numbers to null, CSV quotes per RFC 4180, tables align. */
import { describe, expect, it } from 'vitest';
import { countEstimate } from '../../cli/format/number.js';
import { csvCell, jsonNumber, percent, renderTable, seconds, signedPercent, toCsv, toJson, count } from '../../cli/format/index.js';
import { checkNumber, describeRange, parseFlagNumber, RANGES } from '../../cli/io/fields.js';

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
