/**
 * `npm run generate`: writes the files generated from the scenario schema
 * (scenarios/format/schema.ts) — the JSON Schema `scenarios/scenario.schema.json` and the key
 * table of `docs/scenario-format.md` (between its "generated" markers). Run it after changing
 * the schema; test/docs/generated.test.ts fails while either copy is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { scenarioJsonSchemaText, scenarioKeyTable } from './jsonSchema.js';

/** The markers around the generated key table in docs/scenario-format.md. */
export const BEGIN = '<!-- generated: the key table, from scenarios/format/schema.ts by npm run generate -->';
export const END = '<!-- end of generated -->';

/** `text` with the block between the markers replaced by `block`. @throws {Error} a marker is missing */
export function replaceBlock(text: string, block: string): string {
  const a = text.indexOf(BEGIN);
  const b = text.indexOf(END);
  if (a < 0 || b < a) throw new Error(`markers ${BEGIN} … ${END} not found`);
  return `${text.slice(0, a + BEGIN.length)}\n\n${block}\n${text.slice(b)}`;
}

const root = (path: string) => fileURLToPath(new URL(`../../../${path}`, import.meta.url));

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(root('scenarios/scenario.schema.json'), scenarioJsonSchemaText());
  const docs = root('docs/scenario-format.md');
  writeFileSync(docs, replaceBlock(readFileSync(docs, 'utf8'), scenarioKeyTable()));
  process.stdout.write('wrote scenarios/scenario.schema.json and the key table of docs/scenario-format.md\n');
}
