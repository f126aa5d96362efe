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

  it('declares the rounding a computed rule may carry, and only there', () => {
    const withRounding = (rule: Record<string, unknown>) => ({ ...rule, rounding: { decimals: 2 } });
    const rules = {
      proportional: withRounding({ type: 'proportional', numeratorLabel: 'n', denominatorLabel: 'd', zeroDenominator: 'zero_points' }),
      survey: withRounding({ type: 'survey' }),
      data_feed: withRounding({ type: 'data_feed', feed: 'f', numeratorLabel: 'n', denominatorLabel: 'd', zeroDenominator: 'zero_points', scoring: { kind: 'proportional' } }),
    };
    const f = framework(Object.entries(rules).map(([k, rule], i) => leaf(k, String(i + 1), '1', rule)));
    const json = frameworkToJson(f) as { nodes: { rule: Record<string, unknown> }[] };
    const ruleSchemas = schema.$defs.rule.oneOf as { properties: Record<string, unknown> & { type: { const: string } } }[];
    for (const n of json.nodes) {
      expect(n.rule.rounding).toEqual({ decimals: 2 });
      expect(ruleSchemas.find((s) => s.properties.type.const === n.rule.type)!.properties).toHaveProperty('rounding');
    }
    expect(ruleSchemas.filter((s) => 'rounding' in s.properties).map((s) => s.properties.type.const).sort()).toEqual(['data_feed', 'proportional', 'survey']);
    expect(schema.$defs.pointsRounding.properties.decimals).toEqual({ type: 'integer', minimum: 0, maximum: 3 });
  });
});
