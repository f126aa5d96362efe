import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { isLeaf, loadFramework, rationalToText, walkNodes, type Framework } from '@chiso/core';
import type { HttpDeps } from '../deps';
import { requireActor } from '../request-context';
import { AppError } from '../../services/errors';
import { readVersion } from '../../services/frameworks/framework-service';
import type { Actor } from '../../services/actor';
import { contentTypes, writeTable } from '../../files/tabular';
import {
  fieldPointsText,
  indexText,
  notApplicableText,
  pointsText,
  problemText,
  readScoreTable,
  resultTable,
  ScoreInputsError,
  scoreInputs,
  templateTable,
  type ScoreInputsResult,
} from '../../services/scoring/score-inputs';
import { idParams, SCORE_FILE_FIELDS, scoreQuery, scoreTemplateQuery, type ScoreFileField, type ScoreFiles, type ScoreResult } from '@chiso/contract';
import { readFilePart, uploadRateLimit } from '../imports/upload';

const tags = ['frameworks'];
/** Largest inputs or units file accepted. */
export const maxScoreFileBytes = 10 * 1024 * 1024;

async function loadedFramework(db: HttpDeps['database']['db'], actor: Actor, id: string): Promise<Framework> {
  const row = await readVersion(db, id, actor);
  const loaded = loadFramework(row.document);
  if (!loaded.ok) {
    throw new AppError(
      'RULE_VIOLATION',
      'Phiên bản này còn lỗi nên chưa tính điểm được; hãy sửa lỗi trong bộ tiêu chí trước.',
      loaded.errors.filter((e) => e.severity === 'error').map((e) => ({ path: e.path ?? e.nodeCode, message: e.message })),
    );
  }
  return loaded.framework;
}

function present(result: ScoreInputsResult): ScoreResult {
  const { framework } = result;
  const plain = 'plain' as const;
  const depthOf = new Map<string, number>();
  for (const visit of walkNodes(framework.nodes)) depthOf.set(visit.node.key, visit.depth);
  const nodesByKey = new Map([...walkNodes(framework.nodes)].map((v) => [v.node.key, v.node]));
  return {
    framework: { id: framework.id, name: framework.name, pointsDecimals: framework.settings.rounding.pointsDecimals ?? null, indexDecimals: framework.settings.rounding.indexDecimals },
    fields: framework.nodes.map((f) => ({ key: f.key, code: f.code, name: f.name })),
    rows: result.units.map((u) => {
      const fieldPoints: Record<string, string> = {};
      for (const f of framework.nodes) {
        const text = fieldPointsText(u, f, framework, plain);
        if (text) fieldPoints[f.key] = text;
      }
      return {
        unit: u.unit,
        name: u.name,
        group: u.group,
        fieldPoints,
        total: pointsText(u.score.exact.achieved, framework, plain),
        bonus: pointsText(u.score.exact.bonus, framework, plain),
        applicableMax: pointsText(u.score.applicableMax, framework, plain),
        index: indexText(u, plain) || null,
        rank: u.rank,
        classLabel: u.classLabel,
        explanations: [...u.score.nodes.values()].map((ns) => {
          const node = nodesByKey.get(ns.key)!;
          return {
            key: ns.key,
            code: ns.code,
            name: node.name,
            depth: (depthOf.get(ns.key) ?? 0) + 1,
            leaf: isLeaf(node),
            applicable: ns.applicable,
            achieved: pointsText(ns.exact.achieved, framework, plain),
            exact: rationalToText(ns.exact.achieved),
            applicableMax: pointsText(ns.applicableMax, framework, plain),
            text: ns.applicable ? (ns.leaf?.explanation ?? '') : notApplicableText(ns),
          };
        }),
      };
    }),
    issues: result.issues,
  };
}

// POST /api/framework-versions/:id/score and GET …/score-template — see docs/api.md.
// Scoring stores nothing, so every logged-in role may try it.
export const frameworkScoreRoutes: FastifyPluginAsyncZod<HttpDeps> = async (app, deps) => {
  const db = deps.database.db;

  app.post(
    '/framework-versions/:id/score',
    {
      preHandler: uploadRateLimit(app, 'score'),
      schema: {
        tags,
        summary: 'Tính thử điểm từ tệp dữ liệu (không lưu gì) — cùng kết quả với lệnh chiso score',
        consumes: ['multipart/form-data'],
        params: idParams,
        querystring: scoreQuery,
        // 200: a `ScoreResult` (@chiso/contract) as JSON, or the CSV/XLSX file (so no response schema here).
      },
    },
    async (request, reply) => {
      const framework = await loadedFramework(db, requireActor(request), request.params.id);
      if (!request.isMultipart()) throw new AppError('BAD_REQUEST', 'Hãy gửi tệp dữ liệu trong trường “inputs” (multipart/form-data).');
      const files: Partial<ScoreFiles<{ buffer: Buffer; filename: string }>> = {};
      for await (const part of request.parts({ limits: { files: 2, fileSize: maxScoreFileBytes } })) {
        if (part.type !== 'file') continue;
        if (!(SCORE_FILE_FIELDS as readonly string[]).includes(part.fieldname)) {
          await part.toBuffer();
          throw new AppError('BAD_REQUEST', `Trường “${part.fieldname}” không dùng ở đây; gửi “inputs” (bắt buộc) và “units” (tùy chọn).`);
        }
        files[part.fieldname as ScoreFileField] = { buffer: await readFilePart(part, maxScoreFileBytes), filename: part.filename };
      }
      if (!files.inputs) throw new AppError('BAD_REQUEST', 'Hãy gửi tệp dữ liệu trong trường “inputs” (multipart/form-data).');
      try {
        const result = scoreInputs({
          framework,
          inputs: await readScoreTable(files.inputs.buffer, 'inputs', files.inputs.filename),
          ...(files.units ? { units: await readScoreTable(files.units.buffer, 'units', files.units.filename) } : {}),
        });
        const format = request.query.format;
        if (format === 'json') return present(result);
        // The same table as `chiso score --vi --out ket-qua.csv|xlsx`.
        const { header, rows } = resultTable(result, 'vi');
        const file = await writeTable(format, header, rows, { sheetName: 'Kết quả' });
        return reply
          .header('content-type', contentTypes[format])
          .header('content-disposition', `attachment; filename="ket-qua-${result.framework.id}.${format}"`)
          .send(file);
      } catch (error) {
        if (!(error instanceof ScoreInputsError)) throw error;
        throw new AppError(
          'IMPORT_INVALID',
          'Tệp dữ liệu có lỗi; chưa tính gì. Hãy sửa các lỗi được liệt kê rồi tải lên lại.',
          error.problems.map((p) => ({
            path: p.file,
            ...(p.line !== undefined ? { line: p.line } : {}),
            message: problemText(p, { inputs: 'Tệp dữ liệu', units: 'Tệp đơn vị' }),
          })),
        );
      }
    },
  );

  app.get(
    '/framework-versions/:id/score-template',
    {
      schema: {
        tags,
        summary: 'Mẫu nhập liệu để tính điểm: mỗi tiêu chí lá một dòng',
        params: idParams,
        querystring: scoreTemplateQuery,
      },
    },
    async (request, reply) => {
      const framework = await loadedFramework(db, requireActor(request), request.params.id);
      const { header, rows, widths } = templateTable(framework);
      const format = request.query.format;
      const file = await writeTable(format, header, rows, { sheetName: 'Dữ liệu', widths });
      return reply
        .header('content-type', contentTypes[format])
        .header('content-disposition', `attachment; filename="mau-nhap-lieu-${framework.id}.${format}"`)
        .send(file);
    },
  );
};
