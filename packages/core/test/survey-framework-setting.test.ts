import { describe, expect, it } from 'vitest';
import { frameworkToJson, loadFramework, parseFramework } from '../src/index.ts';
import { framework, leaf } from './helpers.ts';

const nodes = [leaf('hl', '1', '100', { type: 'survey' })];
const doc = (survey: Record<string, unknown>) => ({ formatVersion: 1, id: 't', name: 'Thử', settings: { survey }, nodes });

describe('framework setting: minimum of survey respondents', () => {
  it('is read, kept and written back; absent stays absent', () => {
    const f = framework(nodes, { survey: { optional: true, minRespondents: 30, belowMinimum: 'withhold' } });
    expect(f.settings.survey).toEqual({ optional: true, minRespondents: 30, belowMinimum: 'withhold' });
    expect(frameworkToJson(f).settings).toMatchObject({ survey: { optional: true, minRespondents: 30, belowMinimum: 'withhold' } });
    expect(framework(nodes).settings.survey).toEqual({ optional: false });
  });

  it('refuses a minimum that is not a whole number from 1 to 100000, or an unknown choice, in Vietnamese', () => {
    const errors = (survey: Record<string, unknown>) => {
      const r = parseFramework(doc(survey));
      return r.ok ? [] : r.errors.map((e) => e.message);
    };
    expect(errors({ minRespondents: 0 })).toEqual(['$.settings.survey.minRespondents: cần số nguyên từ 1 đến 100000']);
    expect(errors({ minRespondents: 2.5 })).toEqual(['$.settings.survey.minRespondents: cần số nguyên từ 1 đến 100000']);
    expect(errors({ minRespondents: '30' })).toEqual(['$.settings.survey.minRespondents: cần số nguyên từ 1 đến 100000']);
    expect(errors({ minRespondents: 30, belowMinimum: 'skip' })).toEqual(['$.settings.survey.belowMinimum: phải là một trong withhold, score']);
  });

  it('warns when the setting has no effect, or when withholding makes a unit lose the survey criteria', () => {
    const warnings = (survey: Record<string, unknown>) => {
      const r = loadFramework(doc(survey));
      if (!r.ok) throw new Error('expected a valid framework');
      return r.warnings.filter((w) => w.code.startsWith('survey_')).map((w) => w.message);
    };
    expect(warnings({ belowMinimum: 'withhold' })).toEqual([
      'Điều tra XHH: có “belowMinimum” nhưng chưa có số phiếu tối thiểu (minRespondents), nên không có tác dụng',
    ]);
    expect(warnings({ minRespondents: 30, belowMinimum: 'withhold' })).toEqual([
      'Điều tra XHH: đơn vị có ít hơn 30 phiếu hợp lệ không được cấp điểm điều tra và bị 0 điểm ở các tiêu chí điều tra, vì điều tra không phải là tùy chọn (optional)',
    ]);
    expect(warnings({ optional: true, minRespondents: 30, belowMinimum: 'withhold' })).toEqual([]);
    expect(warnings({ minRespondents: 30 })).toEqual([]);
  });
});
