/** Keep docs/framework.schema.json in step with the parser and serializer. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type RuleType, frameworkToJson } from '../src/index.ts';
import { framework, group, leaf, primerTiers, yesNo } from './helpers.ts';

const schema = JSON.parse(readFileSync(new URL('../../../docs/framework.schema.json', import.meta.url), 'utf8'));

describe('framework JSON Schema', () => {
  it('lists exactly the rule types the engine knows', () => {
    const all: Record<RuleType, true> = {
      choice: true, yes_no: true, rate_tiers: true, proportional: true, manual: true, deduction: true, bonus: true, survey: true, data_feed: true,
    };
    expect([...schema.$defs.rule.properties.type.enum].sort()).toEqual(Object.keys(all).sort());
  });

  it('declares every property the serializer writes on a node and at the top', () => {
    const f = framework([group('g', '1', '3', [
      leaf('a', '1.1', '2', primerTiers, { guidance: 'g', evidenceExpected: 'e', appraisingAgency: 'SNV',
        applicability: { unitGroups: ['x'], unitTypes: ['y'], mayDeclareNotApplicable: true, condition: 'c' } }),
      leaf('b', '1.2', '1', yesNo('1')),
    ])], {}, { year: 2025, version: '1', description: 'd', unitLevel: 'commune', agencies: [{ code: 'SNV', name: 'Sở Nội vụ' }] });
    const json = frameworkToJson(f) as { nodes: { children: Record<string, unknown>[] }[] } & Record<string, unknown>;
    for (const k of Object.keys(json)) expect(schema.properties).toHaveProperty(k);
    const nodeProps = schema.$defs.node.properties;
    for (const k of Object.keys(json.nodes[0]!)) expect(nodeProps).toHaveProperty(k);
    for (const k of Object.keys(json.nodes[0]!.children[0]!)) expect(nodeProps).toHaveProperty(k);
    for (const k of Object.keys(json.settings as object)) expect(schema.$defs.settings.properties).toHaveProperty(k);
  });
});
