/**
 * A questionnaire authored in the editor and sent as JSON (the `Questionnaire` shape): the same
 * rules as the workbook (questionnaire-check.ts), problems reported by JSON path.
 */
import {
  type CriterionResolver, type DraftChoice, type DraftPlace, type DraftQuestion, buildQuestionnaire,
} from './questionnaire-check.ts';
import type { Questionnaire } from './questionnaire-types.ts';

export interface QuestionnairePathError {
  /** e.g. `questions[2].relevant`, `choices.muc_do[1].weight`. */
  readonly path: string;
  /** Vietnamese. */
  readonly message: string;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** JSON field of each draft question field (the criterion is stored as its key). */
const QUESTION_PATH: Readonly<Record<string, string>> = { criterion: 'criterionKey' };

class ShapeReader {
  readonly errors: QuestionnairePathError[] = [];

  /** An optional text field: a string, a number (bounds, weights) or absent. */
  text(o: Json, key: string, path: string): string {
    const v = o[key];
    if (v === undefined || v === null) return '';
    if (typeof v === 'string') return v;
    if (typeof v === 'number' && Number.isFinite(v)) return String(v);
    this.errors.push({ path: `${path}.${key}`, message: 'Phải là chuỗi ký tự' });
    return '';
  }

  question(v: unknown, path: string): DraftQuestion {
    if (!isObject(v)) {
      this.errors.push({ path, message: 'Mỗi câu hỏi phải là một đối tượng' });
      return { type: '', name: '', label: '' };
    }
    const required = v.required;
    if (required !== undefined && typeof required !== 'boolean') this.errors.push({ path: `${path}.required`, message: 'Phải là true hoặc false' });
    return {
      type: this.text(v, 'type', path), list: this.text(v, 'list', path), name: this.text(v, 'name', path),
      label: this.text(v, 'label', path), hint: this.text(v, 'hint', path), required: required === true,
      relevant: this.text(v, 'relevant', path), min: this.text(v, 'min', path), max: this.text(v, 'max', path),
      criterion: this.text(v, 'criterionKey', path),
    };
  }

  /** Choice lists flattened in document order, each with its path. */
  choices(v: unknown): { rows: DraftChoice[]; paths: string[] } {
    const rows: DraftChoice[] = [];
    const paths: string[] = [];
    if (v === undefined) return { rows, paths };
    if (!isObject(v)) {
      this.errors.push({ path: 'choices', message: 'Phải là đối tượng: tên danh sách → các lựa chọn' });
      return { rows, paths };
    }
    for (const [list, items] of Object.entries(v)) {
      if (!Array.isArray(items)) {
        this.errors.push({ path: `choices.${list}`, message: 'Phải là một mảng lựa chọn' });
        continue;
      }
      items.forEach((item, i) => {
        const path = `choices.${list}[${i}]`;
        if (!isObject(item)) {
          this.errors.push({ path, message: 'Mỗi lựa chọn phải là một đối tượng' });
          return;
        }
        rows.push({ list, name: this.text(item, 'name', path), label: this.text(item, 'label', path), weight: this.text(item, 'weight', path) });
        paths.push(path);
      });
    }
    return { rows, paths };
  }
}

export function checkQuestionnaire(
  document: unknown, resolveCriterion: CriterionResolver,
): { questionnaire: Questionnaire } | { errors: QuestionnairePathError[] } {
  if (!isObject(document)) return { errors: [{ path: '', message: 'Phiếu hỏi phải là một đối tượng JSON' }] };
  const reader = new ShapeReader();
  if (document.formatVersion !== undefined && document.formatVersion !== 1) {
    reader.errors.push({ path: 'formatVersion', message: 'Phiên bản định dạng phải là 1' });
  }
  const rawQuestions = document.questions;
  if (!Array.isArray(rawQuestions)) reader.errors.push({ path: 'questions', message: 'Phải là một mảng câu hỏi' });
  const questions = (Array.isArray(rawQuestions) ? rawQuestions : []).map((v, i) => reader.question(v, `questions[${i}]`));
  const { rows, paths } = reader.choices(document.choices);
  const title = reader.text(document, 'title', '').trim();
  if (reader.errors.length > 0) return { errors: reader.errors.map((e) => ({ ...e, path: e.path.replace(/^\./, '') })) };

  const result = buildQuestionnaire({ title, questions, choices: rows }, resolveCriterion);
  if ('questionnaire' in result) return result;
  const pathOf = (place: DraftPlace): string => {
    switch (place.kind) {
      case 'title':
        return 'title';
      case 'questions':
        return 'questions';
      case 'question':
        return `questions[${place.index}].${QUESTION_PATH[place.field] ?? place.field}`;
      case 'choice':
        return place.field === 'list_name' ? paths[place.index]!.replace(/\[\d+\]$/, '') : `${paths[place.index]}.${place.field}`;
    }
  };
  return { errors: result.problems.map((p) => ({ path: pathOf(p.place), message: p.message })) };
}
