// Integrity of the demo province data (packages/server/src/demo/province/lang-son.json).
// Pure data checks: no database, no server.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

interface UnitType {
  code: string;
  name: string;
  level: number;
}
interface Unit {
  code: string;
  name: string;
  shortName: string;
  type: string;
  parent: string | null;
  validFrom: string;
  validTo: string | null;
  formerNames?: { name: string; until: string }[];
}
interface MergeOp {
  kind: 'merge';
  date: string;
  from: string[];
  into: string;
  note: string;
}
interface SplitOp {
  kind: 'split';
  date: string;
  from: string;
  into: string[];
  note: string;
}
type Operation = MergeOp | SplitOp;
interface Group {
  code: string;
  name: string;
  members: string[];
}
interface GroupSet {
  code: string;
  name: string;
  groups: Group[];
}
interface User {
  username: string;
  fullName: string;
  unit: string;
  roles: string[];
  email: string;
}
interface ProvinceData {
  formatVersion: number;
  demoNotice: string;
  unitTypes: UnitType[];
  units: Unit[];
  operations: Operation[];
  groupSets: GroupSet[];
  users: User[];
}

const file = fileURLToPath(new URL('../src/demo/province/lang-son.json', import.meta.url));
const data = JSON.parse(readFileSync(file, 'utf8')) as ProvinceData;
const byCode = new Map(data.units.map((u) => [u.code, u]));
const ISO = /^\d{4}-\d{2}-\d{2}$/;
const ROLES = ['admin', 'unit_officer', 'unit_head', 'appraiser', 'council_member', 'leader_viewer'];

function unit(code: string): Unit {
  const u = byCode.get(code);
  if (!u) throw new Error(`unknown unit ${code}`);
  return u;
}
function dayBefore(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}
/** Is the unit valid on the given day (validTo inclusive)? */
function validOn(u: Unit, day: string): boolean {
  return u.validFrom <= day && (u.validTo === null || day <= u.validTo);
}
function validAt(day: string, types: string[]): Unit[] {
  return data.units.filter((u) => types.includes(u.type) && validOn(u, day));
}
const merges = data.operations.filter((o): o is MergeOp => o.kind === 'merge');

describe('demo province data: Lạng Sơn', () => {
  it('has the expected header', () => {
    expect(data.formatVersion).toBe(1);
    expect(data.demoNotice).toMatch(/Dữ liệu mẫu/);
    const typeCodes = data.unitTypes.map((t) => t.code);
    expect(new Set(typeCodes).size).toBe(typeCodes.length);
    for (const u of data.units) expect(typeCodes, u.code).toContain(u.type);
  });

  it('has unique, well-formed unit codes and dates', () => {
    const codes = data.units.map((u) => u.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const u of data.units) {
      expect(u.code, u.code).toMatch(/^[A-Z0-9]+(-[A-Z0-9]+)*$/);
      expect(u.name.trim(), u.code).not.toBe('');
      expect(u.shortName.trim(), u.code).not.toBe('');
      expect(u.validFrom, u.code).toMatch(ISO);
      if (u.validTo !== null) {
        expect(u.validTo, u.code).toMatch(ISO);
        expect(u.validFrom <= u.validTo, u.code).toBe(true);
      }
      for (const f of u.formerNames ?? []) expect(f.until, u.code).toMatch(ISO);
    }
  });

  it('has exactly one root and parents valid over each child’s whole life', () => {
    const roots = data.units.filter((u) => u.parent === null);
    expect(roots.map((u) => u.code)).toEqual(['LS']);
    for (const u of data.units) {
      if (u.parent === null) continue;
      const p = unit(u.parent);
      expect(p.validFrom <= u.validFrom, `${u.code} starts before ${p.code}`).toBe(true);
      if (p.validTo !== null) {
        expect(u.validTo !== null && u.validTo <= p.validTo, `${u.code} outlives ${p.code}`).toBe(true);
      }
      const level = (t: string) => data.unitTypes.find((x) => x.code === t)?.level ?? 0;
      expect(level(p.type) < level(u.type), `${u.code} level under ${p.code}`).toBe(true);
    }
  });

  it('has consistent operations', () => {
    for (const op of data.operations) {
      expect(op.date).toMatch(ISO);
      expect(op.note.trim()).not.toBe('');
      if (op.kind === 'merge') {
        expect(op.from.length).toBeGreaterThan(0);
        expect(op.from).not.toContain(op.into);
        for (const c of op.from) {
          const src = unit(c);
          expect(src.validTo, `${c} closes the day before ${op.date}`).toBe(dayBefore(op.date));
        }
        const target = unit(op.into);
        // Either a new unit that starts on the merge date, or an absorbing unit that continues.
        if (target.validFrom !== op.date) expect(validOn(target, dayBefore(op.date)) && validOn(target, op.date)).toBe(true);
      } else {
        expect(unit(op.from).validTo).toBe(dayBefore(op.date));
        for (const c of op.into) expect(unit(c).validFrom).toBe(op.date);
      }
    }
    // A unit is consumed by at most one operation.
    const consumed = merges.flatMap((m) => m.from);
    expect(new Set(consumed).size).toBe(consumed.length);
    // Every unit that starts after 2020 (the first state recorded here) was created by an operation.
    const created = new Set(merges.map((m) => m.into));
    for (const u of data.units) {
      if (u.validFrom >= '2021-01-01') expect(created.has(u.code), `${u.code} has no creating operation`).toBe(true);
    }
  });

  it('has the expected organisation before and after the 2025 reforms', () => {
    expect(validAt('2024-12-31', ['department'])).toHaveLength(20);
    expect(validAt('2025-03-01', ['department'])).toHaveLength(15);
    expect(validAt('2025-06-30', ['district'])).toHaveLength(11);
    expect(validAt('2025-07-01', ['district'])).toHaveLength(0);
    const low = ['commune', 'ward', 'town'];
    expect(validAt('2024-01-01', low)).toHaveLength(200);
    expect(validAt('2025-06-30', low)).toHaveLength(194);
    const after = validAt('2025-07-01', low);
    expect(after).toHaveLength(65);
    expect(after.filter((u) => u.type === 'ward')).toHaveLength(4);
    expect(after.filter((u) => u.type === 'commune')).toHaveLength(61);
    for (const u of after) expect(u.parent).toBe('LS');
  });

  it('merges every pre-reform commune into exactly one new commune on 1 July 2025', () => {
    const low = ['commune', 'ward', 'town'];
    const july = merges.filter((m) => m.date === '2025-07-01');
    const sources = july.flatMap((m) => m.from);
    const before = validAt('2025-06-30', low).map((u) => u.code).sort();
    expect([...sources].sort()).toEqual(before);
    const targets = july.map((m) => m.into).sort();
    expect(targets).toEqual(validAt('2025-07-01', low).map((u) => u.code).sort());
  });

  it('has group sets whose groups are disjoint and whose members exist', () => {
    const setCodes = data.groupSets.map((g) => g.code);
    expect(setCodes).toEqual(expect.arrayContaining(['par-2024', 'par-2025']));
    for (const set of data.groupSets) {
      const seen = new Set<string>();
      for (const g of set.groups) {
        for (const m of g.members) {
          expect(byCode.has(m), `${set.code}/${g.code}: ${m}`).toBe(true);
          expect(seen.has(m), `${m} in two groups of ${set.code}`).toBe(false);
          seen.add(m);
        }
      }
    }
    const group = (set: string, code: string) =>
      data.groupSets.find((s) => s.code === set)?.groups.find((g) => g.code === code)?.members ?? [];
    const y2024 = '2024-12-31';
    const y2025 = '2025-07-01';
    expect(group('par-2024', 'so-ban-nganh')).toHaveLength(20);
    expect(group('par-2024', 'ubnd-cap-huyen')).toHaveLength(11);
    expect(group('par-2025', 'so-ban-nganh')).toHaveLength(15);
    expect(group('par-2025', 'ubnd-cap-xa')).toHaveLength(65);
    for (const c of [...group('par-2024', 'so-ban-nganh'), ...group('par-2024', 'ubnd-cap-huyen')]) {
      expect(validOn(unit(c), y2024), c).toBe(true);
    }
    for (const c of [...group('par-2025', 'so-ban-nganh'), ...group('par-2025', 'ubnd-cap-xa')]) {
      expect(validOn(unit(c), y2025), c).toBe(true);
    }
    // Vertical agencies are never ranked.
    const ranked = new Set(data.groupSets.flatMap((s) => s.groups.flatMap((g) => g.members)));
    for (const u of data.units.filter((x) => x.type === 'vertical_agency')) expect(ranked.has(u.code)).toBe(false);
  });

  it('has demo users for every role, attached to existing units, without passwords', () => {
    const names = data.users.map((u) => u.username);
    expect(new Set(names).size).toBe(names.length);
    for (const u of data.users) {
      expect(u.username).toMatch(/^[a-z0-9]+(\.[a-z0-9]+)*$/);
      expect(byCode.has(u.unit), `${u.username}: ${u.unit}`).toBe(true);
      expect(u.roles.length).toBeGreaterThan(0);
      for (const r of u.roles) expect(ROLES).toContain(r);
      expect(u.email).toBe(`${u.username}@example.invalid`);
      expect(Object.keys(u).some((k) => /pass/i.test(k))).toBe(false);
    }
    for (const r of ROLES) expect(data.users.some((u) => u.roles.includes(r)), r).toBe(true);
    const appraisingUnits = new Set(data.users.filter((u) => u.roles.includes('appraiser')).map((u) => u.unit));
    for (const c of ['STP', 'VPUBND', 'STC', 'SKHCN', 'SNV']) expect(appraisingUnits.has(c), c).toBe(true);
    expect(data.users.filter((u) => u.roles.includes('council_member'))).toHaveLength(2);
  });
});
