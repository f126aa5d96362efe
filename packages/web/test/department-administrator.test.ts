// What a department's administrator (a role scoped to its unit, issue 10) meets in the web app: its
// cycles name it as organiser where the province's say Sở Nội vụ; pickers offer only what its scope
// may take; its refusals say why; its copy of the province's template and its units start from its own unit.
import { createInstance } from 'i18next';
import { describe, expect, it } from 'vitest';
import type { GroupSet, Unit } from '@chiso/contract';
import { ApiError } from '../src/api/client';
import { refusalSentenceOf } from '../src/components/errors';
import { choiceAmong } from '../src/lib/choice';
import { NS, organiserOf } from '../src/pages/cycles/organiser';
import { groupSetsForOwner, participatesUnder, unitsOfOwner } from '../src/pages/cycles/owner-scope';
import { adoptDefaults, ownerShortName } from '../src/pages/frameworks/adopt-defaults';
import { defaultParentOf, expandKeysToward } from '../src/pages/units/tree';
import vi from '../src/i18n/vi.json';
import en from '../src/i18n/en.json';
import viNs from '../src/i18n/vi/nonsubmission.json';
import enNs from '../src/i18n/en/nonsubmission.json';
import viCycles from '../src/i18n/vi/cycles.json';
import enCycles from '../src/i18n/en/cycles.json';
import viFeeds from '../src/i18n/vi/datafeeds.json';
import viFrameworks from '../src/i18n/vi/frameworks.json';
import enFrameworks from '../src/i18n/en/frameworks.json';

const i18n = createInstance();
await i18n.init({
  resources: {
    vi: { translation: vi, [NS]: viNs, cycles: viCycles, datafeeds: viFeeds, frameworks: viFrameworks },
    en: { translation: en, [NS]: enNs, cycles: enCycles, frameworks: enFrameworks },
  },
  lng: 'vi', fallbackLng: 'vi', interpolation: { escapeValue: false },
});
const tVi = i18n.getFixedT('vi', NS);
const tEn = i18n.getFixedT('en', NS);

const unit = (id: string, parentId: string | null, shortName: string | null = null): Unit => ({
  id, code: id.toUpperCase(), name: `Đơn vị ${id}`, shortName, typeCode: 'sub_unit', typeName: 'Đơn vị', parentId,
  validFrom: '2020-01-01', validTo: null, formerNames: [], predecessors: [], successors: [], version: 1,
  may: { edit: false, close: false, merge: false, split: false },
});
// The province (tinh) with Sở Y tế (syt: a hospital bv and its ward), and Sở Giáo dục (sgd: a school).
const units = [unit('tinh', null), unit('syt', 'tinh'), unit('bv', 'syt'), unit('khoa', 'bv'), unit('sgd', 'tinh'), unit('thpt', 'sgd')];
const SYT = { id: 'syt', code: 'SYT', name: 'Sở Y tế' };

describe('a cycle names its organiser', () => {
  const says = (key: string, owner: typeof SYT | null | undefined, t = tVi) => t(key, { organiser: organiserOf(owner, t) });

  it('keeps the province’s wording for the province’s cycles (owner null)', () => {
    expect(says('mode.on_behalf', null)).toBe('Sở Nội vụ nộp thay');
    expect(says('mode.not_submitted', null)).toBe('Không nộp (Sở Nội vụ ghi nhận)');
    expect(says('policy.label', null)).toBe('Sau hạn, đơn vị được Sở Nội vụ ghi nhận không nộp thì được thẩm định');
    expect(says('notice.notSubmittedTitle', null)).toBe('Sở Nội vụ đã ghi nhận đơn vị không nộp kết quả tự đánh giá');
    expect(says('notice.onBehalfTitle', null)).toBe('Sở Nội vụ đã nộp thay kết quả tự đánh giá của đơn vị');
    expect(i18n.getFixedT('vi', 'cycles')('appraisal.ownAgencyUnit', { organiser: organiserOf(null, tVi) })).toBe('Sở Nội vụ hoặc Hội đồng thẩm định thay');
    expect(i18n.getFixedT('vi', 'datafeeds')('unit.none', { organiser: organiserOf(null, tVi) })).toBe('Chưa nhận được số liệu. Sở Nội vụ sẽ cập nhật từ hệ thống.');
  });

  it('names a department for its own cycle, in Vietnamese and English, and nowhere Sở Nội vụ', () => {
    expect(says('mode.on_behalf', SYT)).toBe('Sở Y tế nộp thay');
    expect(says('mode.not_submitted', SYT)).toBe('Không nộp (Sở Y tế ghi nhận)');
    expect(says('policy.label', SYT)).toBe('Sau hạn, đơn vị được Sở Y tế ghi nhận không nộp thì được thẩm định');
    expect(says('dialog.explain.submit_on_behalf', SYT)).toBe(
      'Sở Y tế gửi kết quả tự đánh giá hiện có của đơn vị để thẩm định, như thủ trưởng đơn vị gửi. Hồ sơ ghi rõ do Sở Y tế nộp thay.');
    expect(i18n.getFixedT('vi', 'cycles')('appraisal.ownAgencyUnitHelp', { organiser: organiserOf(SYT, tVi) })).toContain('; Sở Y tế (quản trị) hoặc Hội đồng');
    expect(says('mode.on_behalf', SYT, tEn)).toBe('Submitted by Sở Y tế');
    expect(says('notice.notSubmittedTitle', null, tEn)).toBe('Recorded by the Department of Home Affairs: your unit did not submit its self-assessment');
    // Only the province's own name says Sở Nội vụ; every sentence takes the organiser.
    const everyString = JSON.stringify([{ ...viNs, organiser: null }, { ...enNs, organiser: null }, viCycles.appraisal, enCycles.appraisal, viFeeds.unit]);
    expect(everyString).not.toMatch(/Sở Nội vụ|Department of Home Affairs/);
  });

  it('says “the organising unit” while the cycle is not known yet', () => {
    expect(says('mode.on_behalf', undefined)).toBe('Đơn vị tổ chức đánh giá nộp thay');
  });
});

describe('the pickers offer what the owner’s scope takes', () => {
  it('the cycle select shows a cycle only when it is among the options (never a bare id)', () => {
    expect(choiceAmong('c-province', ['c-syt'])).toBeUndefined();
    expect(choiceAmong('c-syt', ['c-syt'])).toBe('c-syt');
    expect(choiceAmong(undefined, ['c-syt'])).toBeUndefined();
  });

  it('appraising agencies: the department and the units under it; the province’s cycle: every unit', () => {
    expect(unitsOfOwner(units, 'syt').map((u) => u.id)).toEqual(['syt', 'bv', 'khoa']);
    expect(unitsOfOwner(units, null)).toEqual(units);
  });

  it('group sets: its own, and the province’s that hold one of its units; the province: its own', () => {
    const set = (id: string, owner: typeof SYT | null, members: string[]): GroupSet =>
      ({ id, code: id, name: id, version: 1, owner, groups: [{ id: `${id}-g`, code: 'g', name: 'g', version: 1, memberIds: members }] }) as unknown as GroupSet;
    // The province's departments' set holds Sở Y tế itself, which takes no part in its own cycle.
    const sets = [set('par-2025', null, ['syt', 'sgd']), set('hospitals', null, ['bv', 'thpt']), set('schools', null, ['thpt']),
      set('syt-2025', SYT, ['bv']), set('sgd-2025', { id: 'sgd', code: 'SGD', name: 'Sở GD' }, ['thpt'])];
    const sytUnits = new Set(unitsOfOwner(units, 'syt').map((u) => u.id));
    expect(groupSetsForOwner(sets, 'syt', sytUnits).map((s) => s.id)).toEqual(['hospitals', 'syt-2025']);
    expect(groupSetsForOwner(sets, null, undefined).map((s) => s.id)).toEqual(['par-2025', 'hospitals', 'schools']);
    expect(groupSetsForOwner(sets, 'syt', undefined).map((s) => s.id)).toEqual(['par-2025', 'hospitals', 'schools', 'syt-2025']);
    expect(participatesUnder('syt', sytUnits, 'syt')).toBe(false);
    expect(participatesUnder('syt', sytUnits, 'khoa')).toBe(true);
    expect(participatesUnder(null, new Set(), 'thpt')).toBe(true);
  });
});

describe('units start from the administrator’s own unit', () => {
  const mine = unitsOfOwner(units, 'syt');
  it('a new unit goes under the selected unit of its scope, else under its own unit; the province’s: as selected', () => {
    expect(defaultParentOf(undefined, mine, 'syt')).toBe('syt');
    expect(defaultParentOf('sgd', mine, 'syt')).toBe('syt');
    expect(defaultParentOf('bv', mine, 'syt')).toBe('bv');
    expect(defaultParentOf('sgd', units, undefined)).toBe('sgd');
    expect(defaultParentOf(undefined, units, undefined)).toBeUndefined();
  });

  it('the tree opens down to the scope unit', () => {
    const byId = new Map(units.map((u) => [u.id, u]));
    expect(expandKeysToward(byId, 'bv')).toEqual(['tinh', 'syt', 'bv']);
    expect(expandKeysToward(byId, 'nowhere')).toEqual([]);
  });
});

describe('the copy of the province’s template names its owner', () => {
  it('by the owner’s short name when it has one, editable defaults', () => {
    const t = i18n.getFixedT('vi', 'frameworks');
    expect(ownerShortName({ name: 'Sở Y tế tỉnh Lạng Sơn', shortName: 'Sở Y tế' })).toBe('Sở Y tế');
    expect(ownerShortName({ name: 'Sở Y tế', shortName: null })).toBe('Sở Y tế');
    expect(adoptDefaults('Bộ tiêu chí các sở năm 2025', 'Sở Y tế', t)).toEqual({ name: 'Bộ tiêu chí các sở năm 2025 — Sở Y tế', groupLabel: 'Đơn vị thuộc Sở Y tế' });
    expect(adoptDefaults('Template', 'Sở Y tế', i18n.getFixedT('en', 'frameworks')).groupLabel).toBe('Units of Sở Y tế');
  });
});

describe('a refusal says why when the server said', () => {
  const other = new ApiError(403, 'FORBIDDEN', 'Kỳ đánh giá này do đơn vị khác tổ chức, không thuộc phạm vi của bạn.', [], undefined, { messageId: 'access.cycleOfOtherOwner' });
  it('the server’s own sentence in the chosen language; none for the generic refusal (the page keeps its text)', () => {
    expect(refusalSentenceOf(other, 'vi', i18n.getFixedT('vi'))).toBe('Kỳ đánh giá này do đơn vị khác tổ chức, không thuộc phạm vi của bạn.');
    expect(refusalSentenceOf(other, 'en', i18n.getFixedT('en'))).toBe('This cycle is organised by another unit, outside your scope.');
    const generic = new ApiError(403, 'FORBIDDEN', 'Bạn không có quyền thực hiện thao tác này.', [], undefined, { messageId: 'error.forbidden' });
    expect(refusalSentenceOf(generic, 'vi', i18n.getFixedT('vi'))).toBeNull();
    const uncatalogued = new ApiError(403, 'FORBIDDEN', 'Một câu chưa có trong danh mục.', []);
    expect(refusalSentenceOf(uncatalogued, 'vi', i18n.getFixedT('vi'))).toBe('Một câu chưa có trong danh mục.');
    expect(refusalSentenceOf(uncatalogued, 'en', i18n.getFixedT('en'))).toBeNull();
    expect(refusalSentenceOf(new Error('x'), 'vi', i18n.getFixedT('vi'))).toBeNull();
  });
});
