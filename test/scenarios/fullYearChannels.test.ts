/**
 * `--full-year` with several channels: every target is compared with the figures it names (its
 * channel's, or all channels together when it names none), never with a blend of channels it
 * does not name; the per-channel and per-class-per-channel figures add up to the totals
 * (conservation of contacts), and the CSV names each row's slice as `figure[channel]`.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fullYearComparison, fullYearDocument, loadScenarioText, runFullYear } from '../../scenarios/index.js';
import { fullYearCsv } from '../../cli/format/fullYear.js';

const TEXT = readFileSync(new URL('../../scenarios/examples/blended-centre.yaml', import.meta.url).pathname, 'utf8');
// two centres so the class table has something to add up
const TARGETS = [
  "centreClasses[centre].centres=2",
  'targets=[' +
    '{figure: answered, channel: voice, value: 1000, kind: soft, source: "test: voice"},' +
    '{figure: answerRate, channel: wechat, value: 0.9, kind: soft, source: "test: wechat"},' +
    '{figure: answered, value: 5000, kind: soft, source: "test: all channels"}]',
];

describe('--full-year per channel', async () => {
  const r = await loadScenarioText(TEXT, TARGETS);
  if (r.state !== 'valid') throw new Error(JSON.stringify(r.problems));
  const s = r.scenario;
  const year = await runFullYear({ scenario: s, seed: 'channels', workers: 1, withModel: false });
  const names = s.channels.map((c) => c.name);

  it('the channels add up to the totals, and each class\'s channels to the class', () => {
    expect(year.byChannel.map((c) => c.channel)).toEqual(names);
    for (const key of ['offered', 'answered', 'abandoned', 'selfServiceCompleted'] as const) {
      expect(year.byChannel.reduce((a, c) => a + c.figures[key], 0), key).toBe(year.figures[key]);
      for (const cls of year.byClass) expect(cls.byChannel.reduce((a, c) => a + c.figures[key], 0), `${cls.centreClass} ${key}`).toBe(cls.figures[key]);
    }
    expect(year.byChannel.every((c) => c.figures.offered > 0)).toBe(true);
  });

  it('each target against its own slice: voice answered, wechat answer rate, all-channel answered', () => {
    const rows = fullYearComparison(year, s);
    const at = (key: string, channel: string | undefined) => rows.filter((x) => x.key === key && x.channel === channel);
    const voice = names.indexOf('voice');
    const wechat = names.indexOf('wechat');
    expect(at('answered', 'voice')).toHaveLength(1);
    expect(at('answered', 'voice')[0]).toMatchObject({ year: year.byChannel[voice]!.figures.answered, reported: { value: 1000 } });
    expect(at('answerRate', 'wechat')[0]).toMatchObject({ year: year.byChannel[wechat]!.figures.answerRate, reported: { value: 0.9 } });
    expect(at('answered', undefined)[0]).toMatchObject({ year: year.figures.answered, reported: { value: 5000 } });
    // no channel's figure is compared with another channel's target, and no blend with a channel's target
    expect(at('answered', 'email')[0]?.reported).toBeUndefined();
    expect(at('answerRate', undefined)).toHaveLength(0);
    // the voice answered differs from the blend: the comparison would have been wrong before
    expect(year.byChannel[voice]!.figures.answered).toBeLessThan(year.figures.answered);
  });

  it('the JSON keeps every target, named with its channel (answered[voice] and answered do not collide)', () => {
    expect(fullYearDocument(year, s).report).toEqual({ 'answered[voice]': 1000, 'answerRate[wechat]': 0.9, answered: 5000 });
  });

  it('the CSV names each slice: answered[voice] with its target, the classes per channel', () => {
    const csv = fullYearCsv(year, s).trimEnd().split('\n').map((l) => l.split(','));
    const voiceAnswered = csv.find((row) => row[0] === 'figures' && row[2] === 'answered[voice]')!;
    expect(voiceAnswered[4]).toBe(String(year.byChannel[names.indexOf('voice')]!.figures.answered));
    expect(voiceAnswered[7]).toBe('1000');
    expect(csv.filter((row) => row[0] === 'centreClasses').map((row) => row[2])).toEqual(names.flatMap((c) => [`answered[${c}]`, `answerRate[${c}]`, `serviceLevel[${c}]`]));
  });
});
