import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  closeSurveyBody, closeSurveyResult, reopenSurveyBody, rescoreBody, rescoreSurveyResult, responseExclusionBody, surveyDuplicatesResult,
  surveyQualityQuery, surveyQualitySchema, surveyRawExportQuery, surveyResponseParams, surveyResultsParams, surveyResultsQuery, surveyResultsSchema,
  surveyStateSchema, unitSurveyPointsQuery, unitSurveyPointsResponse,
} from '@chiso/contract';
import type { HttpDeps } from '../deps';
import { requireActor } from '../request-context';
import { attachment } from '../attachment';
import { closeSurvey, reopenSurvey, rescoreSurveyNow } from '../../services/survey/closing';
import { recountSurveyDuplicates, setResponseExcluded, surveyQuality } from '../../services/survey/quality';
import { surveyResults, unitSurveyPoints } from '../../services/survey/results';
import { aggregatedFile, rawAnswersFile, type SurveyFile } from '../../services/survey/results-export';

const tags = ['survey'];

/** Issue 13 — Survey quality, scoring, closing and results. docs/api.md "Survey: quality, scoring and results". */
export const surveyResultsRoutes: FastifyPluginAsyncZod<HttpDeps> = async (app, deps) => {
  const db = deps.database.db;
  const params = surveyResultsParams;

  app.get(
    '/surveys/:id/quality',
    {
      schema: {
        tags, summary: 'Chất lượng: tỷ lệ phản hồi theo chỉ tiêu mẫu của từng đơn vị, số phiếu gắn cờ, các phiếu gắn cờ hoặc bị loại (không có thông tin người trả lời)',
        params, querystring: surveyQualityQuery, response: { 200: surveyQualitySchema },
      },
    },
    async (request) => surveyQuality(db, requireActor(request), request.params.id, request.query),
  );

  app.post(
    '/surveys/:id/quality/duplicates',
    { schema: { tags, summary: 'Đếm lại phiếu trùng (cùng phiếu hỏi, cùng đơn vị, cùng câu trả lời): phiếu thứ hai trở đi gắn cờ trùng', params, response: { 200: surveyDuplicatesResult } } },
    async (request) => recountSurveyDuplicates(db, requireActor(request), request.params.id),
  );

  app.post(
    '/surveys/:id/responses/:responseId/exclusion',
    { schema: { tags, summary: 'Loại một phiếu khỏi kết quả hoặc tính lại phiếu đó, có lý do; điểm được tính lại', params: surveyResponseParams, body: responseExclusionBody, response: { 200: rescoreSurveyResult } } },
    async (request) => setResponseExcluded(db, requireActor(request), request.params.id, request.params.responseId, request.body),
  );

  app.post(
    '/surveys/:id/rescore',
    { schema: { tags, summary: 'Tính lại điểm điều tra của mọi đơn vị và cập nhật điểm điều tra của kỳ đánh giá', params, body: rescoreBody, response: { 200: rescoreSurveyResult } } },
    async (request) => rescoreSurveyNow(db, requireActor(request), request.params.id, request.body.reason),
  );

  app.post(
    '/surveys/:id/close',
    { schema: { tags, summary: 'Đóng cuộc điều tra: không nhận thêm phiếu, đếm lại phiếu trùng, tính điểm vào kỳ đánh giá', params, body: closeSurveyBody, response: { 200: closeSurveyResult } } },
    async (request) => closeSurvey(db, requireActor(request), request.params.id, request.body.version),
  );

  app.post(
    '/surveys/:id/reopen',
    { schema: { tags, summary: 'Mở lại cuộc điều tra đã đóng, có lý do (điểm giữ nguyên đến lần tính lại sau)', params, body: reopenSurveyBody, response: { 200: surveyStateSchema } } },
    async (request) => reopenSurvey(db, requireActor(request), request.params.id, request.body.version, request.body.reason),
  );

  app.get(
    '/surveys/:id/results',
    {
      schema: {
        tags, summary: 'Kết quả: từng câu hỏi (số lượng, tỷ lệ mỗi lựa chọn, trung bình có trọng số), theo đơn vị và nhóm người trả lời; điểm từng đơn vị × tiêu chí',
        params, querystring: surveyResultsQuery, response: { 200: surveyResultsSchema },
      },
    },
    async (request) => surveyResults(db, requireActor(request), request.params.id, request.query),
  );

  const send = (file: SurveyFile, reply: FastifyReply) =>
    reply.header('content-type', file.contentType).header('content-disposition', attachment(file.fileName)).send(file.body);

  app.get(
    '/surveys/:id/export/raw',
    { schema: { tags, summary: 'Tệp phiếu trả lời thô (CSV hoặc XLSX), mỗi phiếu một dòng, không có thông tin cá nhân', params, querystring: surveyRawExportQuery } },
    async (request, reply) => send(await rawAnswersFile(db, requireActor(request), request.params.id, request.query.format), reply),
  );

  app.get(
    '/surveys/:id/export/aggregated',
    { schema: { tags, summary: 'Tệp tổng hợp (XLSX): số lượng từng lựa chọn của từng câu hỏi theo đơn vị, và điểm', params } },
    async (request, reply) => send(await aggregatedFile(db, requireActor(request), request.params.id), reply),
  );

  app.get(
    '/surveys/unit-points',
    { schema: { tags, summary: 'Điểm điều tra xã hội học của một đơn vị trong kỳ đánh giá: cuộc điều tra, điểm, số người trả lời', querystring: unitSurveyPointsQuery, response: { 200: unitSurveyPointsResponse } } },
    async (request) => ({ items: await unitSurveyPoints(db, requireActor(request), request.query.cycleId, request.query.unitId) }),
  );
};
