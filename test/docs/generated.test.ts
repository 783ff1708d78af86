/**
 * The files generated from the scenario schema are current (`npm run generate` rewrites them),
 * and the JSON Schema agrees with the loader: every shipped scenario validates against it with
 * an independent validator (ajv, JSON Schema 2020-12) and names it on its first line, while an
 * unknown key, a value out of range or a wrong kind fail in both.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../scenarios/index.js';
import { scenarioJsonSchemaText, scenarioKeyTable } from '../../scenarios/format/jsonSchema.js';
import { BEGIN, END } from '../../scenarios/format/generate.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const shipped = readdirSync(join(root, 'scenarios')).filter((f) => /\.ya?ml$/.test(f)).map((f) => `scenarios/${f}`);
const validate = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true }).compile(JSON.parse(read('scenarios/scenario.schema.json')));

describe('generated from the scenario schema', () => {
  it('scenarios/scenario.schema.json is current (else: npm run generate)', () => {
    expect(read('scenarios/scenario.schema.json')).toBe(scenarioJsonSchemaText());
  });

  it('the key table of docs/scenario-format.md is current (else: npm run generate)', () => {
    const doc = read('docs/scenario-format.md');
    const block = doc.slice(doc.indexOf(BEGIN) + BEGIN.length, doc.indexOf(END));
    expect(block.trim()).toBe(scenarioKeyTable().trim());
    // every key of a validated scenario appears in the table
    for (const key of ['intervalSeconds', 'channels[].patienceSeconds', 'groups[].schedule.followLoad.minOnDuty', 'simulation.warmupSeconds']) expect(block).toContain(`\`${key}\``);
  });
});

describe('the JSON Schema', () => {
  it('every shipped scenario names the schema on its first line and validates against it (ajv)', async () => {
    expect(shipped.length).toBeGreaterThan(0);
    for (const file of shipped) {
      const text = read(file);
      const first = text.split('\n')[0]!;
      const m = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
      expect(m, `${file} line 1`).not.toBeNull();
      expect(existsSync(resolve(dirname(join(root, file)), m![1]!)), `${file}: ${m![1]} exists`).toBe(true);
      expect(validate(parseYaml(text)), `${file}: ${JSON.stringify(validate.errors)}`).toBe(true);
      expect((await loadScenarioText(text)).state).toBe('valid');
    }
  });

  it('rejects what the loader rejects: an unknown key, a value out of range, an unknown kind', async () => {
    const base = read('scenarios/china-banking-2017.yaml');
    const bad: [string, (d: Record<string, any>) => void][] = [
      ['unknown key', (d) => { d.groups[0].shrinkge = 0.3; }],
      ['negative mean', (d) => { d.channels[0].handleTimeSeconds.mean = -3; }],
      ['share above 1', (d) => { d.groups[0].staffShare = 1.5; }],
      ['interval of 20 minutes', (d) => { d.intervalSeconds = 1200; }],
      ['unknown distribution', (d) => { d.channels[0].patienceSeconds = { kind: 'pareto', mean: 90 }; }],
      ['missing groups', (d) => { delete d.groups; }],
    ];
    for (const [name, change] of bad) {
      const data = parseYaml(base) as Record<string, any>;
      change(data);
      expect(validate(data), name).toBe(false);
      expect((await loadScenarioText(JSON.stringify(data))).state, name).toBe('invalid');
    }
  });
});
