/**
 * Printed labels against docs/figures.md's definitions where a label spells its formula out:
 * the self-service shares count every channel's self-service (the IVR and the chatbots of the
 * 2017 baseline), so their labels must say self-service, as the docs define them, not "IVR".
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { figureLabel } from '../../cli/format/figures.js';

const figuresDoc = readFileSync(new URL('../../docs/figures.md', import.meta.url), 'utf8');

/** The definition cell of figure `key` in docs/figures.md's definitions table. */
function definitionOf(key: string): string {
  const row = figuresDoc.split('\n').find((l) => l.startsWith('|') && l.includes(`| \`${key}\` |`));
  expect(row, `a docs/figures.md row for ${key}`).toBeDefined();
  return row!.split(' | ')[2]!;
}

describe('docs/figures.md: labels that spell out their formula', () => {
  for (const key of ['selfServiceShare', 'selfServiceShareAnswered'] as const) {
    it(`${key} is printed as the docs define it, for every channel's self-service`, () => {
      const label = figureLabel(key);
      expect(definitionOf(key).startsWith(label), `${label} vs ${definitionOf(key)}`).toBe(true);
      expect(label).not.toMatch(/IVR/);
    });
  }
});
