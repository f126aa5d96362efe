import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  newQuestionnaireBody, newSurveyBody, personalDataPurgedSchema, questionnaireDetailSchema, questionnaireDocumentBody, questionnaireParams,
  questionnaireVersionParams, quotasBody, respondentImportQuery, respondentsImportedSchema, sampleDrawnSchema, surveyDetailSchema,
  surveyListQuery, surveyListResponse, surveyParams, surveyVersionBody, updateSurveyBody,
} from '@chiso/contract';
import type { HttpDeps } from '../deps';
import { requireActor } from '../request-context';
import { attachment, xlsxContentType } from '../attachment';
import { maxImportBytes, readUploadedFile, uploadRateLimit } from '../imports/upload';
import { readUploadedTable } from '../imports/uploaded-table';
import { createSurvey, getSurvey, listSurveys, openSurvey, updateSurvey } from '../../services/survey/surveys';
import {
  createQuestionnaire, getQuestionnaire, questionnaireTemplateFile, questionnaireVersionFile, saveQuestionnaireDocument, uploadQuestionnaireXlsx,
} from '../../services/survey/questionnaires';
import { surveyManagedBy } from '../../services/survey/survey-access';
import { setQuotas } from '../../services/survey/quotas';
import { importRespondents } from '../../services/survey/respondents';
import { drawQuestionnaireSample } from '../../services/survey/sample';
import { purgeSurveyPersonalDataNow } from '../../services/survey/personal-data';

const tags = ['survey'];

/** Issue 13 — Survey setup: surveys, questionnaires, quotas, respondent lists, samples. docs/api.md "Survey: setup". */
export const surveySetupRoutes: FastifyPluginAsyncZod<HttpDeps> = async (app, deps) => {
  const db = deps.database.db;
  const q = '/surveys/:id/questionnaires/:questionnaireId';

  app.get(
    '/surveys',
    { schema: { tags, summary: 'Các cuộc điều tra xã hội học người dùng được xem (của một kỳ đánh giá nếu có cycleId)', querystring: surveyListQuery, response: { 200: surveyListResponse } } },
    async (request) => ({ items: await listSurveys(db, requireActor(request), request.query.cycleId) }),
  );

  app.post(
    '/surveys',
    { schema: { tags, summary: 'Tạo cuộc điều tra của một kỳ đánh giá (quản trị viên của cấp tổ chức kỳ); hạt giống chọn mẫu được lấy ngẫu nhiên', body: newSurveyBody, response: { 201: surveyDetailSchema } } },
    async (request, reply) => reply.status(201).send(await createSurvey(db, requireActor(request), request.body)),
  );

  app.get(
    '/surveys/:id',
    { schema: { tags, summary: 'Cuộc điều tra: các phiếu hỏi, chỉ tiêu mẫu, số người trong danh sách, được chọn, số phiếu trả lời', params: surveyParams, response: { 200: surveyDetailSchema } } },
    async (request) => getSurvey(db, requireActor(request), request.params.id),
  );

  app.patch(
    '/surveys/:id',
    { schema: { tags, summary: 'Sửa tên, ngày, ngưỡng thời gian trả lời, thời hạn giữ dữ liệu cá nhân, hạt giống (khi còn nháp)', params: surveyParams, body: updateSurveyBody, response: { 200: surveyDetailSchema } } },
    async (request) => updateSurvey(db, requireActor(request), request.params.id, request.body),
  );

  app.post(
    '/surveys/:id/open',
    { schema: { tags, summary: 'Mở cuộc điều tra (cần ít nhất một phiếu hỏi đã có nội dung)', params: surveyParams, body: surveyVersionBody, response: { 200: surveyDetailSchema } } },
    async (request) => openSurvey(db, requireActor(request), request.params.id, request.body.version),
  );

  app.post(
    '/surveys/:id/purge-personal-data',
    { schema: { tags, summary: 'Xóa ngay dữ liệu cá nhân (họ tên, điện thoại, thư điện tử, mã hồ sơ) của người được khảo sát, sau khi đóng', params: surveyParams, response: { 200: personalDataPurgedSchema } } },
    async (request) => purgeSurveyPersonalDataNow(db, requireActor(request), request.params.id),
  );

  app.post(
    '/surveys/:id/questionnaires',
    { schema: { tags, summary: 'Thêm phiếu hỏi: nhóm người trả lời đánh giá các đơn vị của một nhóm trong kỳ', params: surveyParams, body: newQuestionnaireBody, response: { 201: questionnaireDetailSchema } } },
    async (request, reply) => reply.status(201).send(await createQuestionnaire(db, requireActor(request), request.params.id, request.body)),
  );

  app.get(
    q,
    { schema: { tags, summary: 'Phiếu hỏi: phiên bản hiện hành, các phiên bản, tiêu chí điều tra, chỉ tiêu và danh sách theo đơn vị', params: questionnaireParams, response: { 200: questionnaireDetailSchema } } },
    async (request) => getQuestionnaire(db, requireActor(request), request.params.id, request.params.questionnaireId),
  );

  app.post(
    `${q}/upload`,
    {
      preHandler: uploadRateLimit(app, 'survey-questionnaire'),
      schema: { tags, summary: 'Tải tệp Excel phiếu hỏi (trang survey, choices, settings) lên làm phiên bản mới; lỗi theo trang, dòng, cột', consumes: ['multipart/form-data'], params: questionnaireParams, response: { 200: questionnaireDetailSchema } },
    },
    async (request) => {
      const actor = requireActor(request);
      await surveyManagedBy(db, actor, request.params.id); // before a byte of the file is read
      const { buffer, fileName } = await readUploadedFile(request, maxImportBytes);
      return uploadQuestionnaireXlsx(db, actor, request.params.id, request.params.questionnaireId, buffer, fileName);
    },
  );

  app.put(
    `${q}/document`,
    { schema: { tags, summary: 'Lưu phiếu hỏi soạn trên màn hình làm phiên bản mới (version của phiếu chống ghi đè)', params: questionnaireParams, body: questionnaireDocumentBody, response: { 200: questionnaireDetailSchema } } },
    async (request) => saveQuestionnaireDocument(db, requireActor(request), request.params.id, request.params.questionnaireId, request.body),
  );

  app.get(
    `${q}/template`,
    { schema: { tags, summary: 'Tệp Excel mẫu của phiếu hỏi, kèm trang tieu_chi liệt kê các tiêu chí điều tra được dùng', params: questionnaireParams } },
    async (request, reply) => {
      const file = await questionnaireTemplateFile(db, requireActor(request), request.params.id, request.params.questionnaireId);
      return reply.header('content-type', xlsxContentType).header('content-disposition', attachment('mau-phieu-hoi.xlsx')).send(file);
    },
  );

  app.get(
    `${q}/versions/:versionId/xlsx`,
    { schema: { tags, summary: 'Tải một phiên bản phiếu hỏi dạng Excel (tải lên lại cho đúng phiếu đó)', params: questionnaireVersionParams } },
    async (request, reply) => {
      const { file, fileName } = await questionnaireVersionFile(db, requireActor(request), request.params.id, request.params.questionnaireId, request.params.versionId);
      return reply.header('content-type', xlsxContentType).header('content-disposition', attachment(fileName)).send(file);
    },
  );

  app.put(
    `${q}/quotas`,
    { schema: { tags, summary: 'Đặt chỉ tiêu mẫu theo đơn vị (danh sách, hoặc every: cùng một chỉ tiêu cho mọi đơn vị)', params: questionnaireParams, body: quotasBody, response: { 200: questionnaireDetailSchema } } },
    async (request) => setQuotas(db, requireActor(request), request.params.id, request.params.questionnaireId, request.body),
  );

  app.post(
    `${q}/respondents`,
    {
      preHandler: uploadRateLimit(app, 'survey-respondents'),
      schema: {
        tags, summary: 'Nhập danh sách người được khảo sát (CSV, Excel: Mã đơn vị, Họ và tên, Điện thoại, Thư điện tử, Mã hồ sơ), tất cả hoặc không dòng nào',
        consumes: ['multipart/form-data'], params: questionnaireParams, querystring: respondentImportQuery, response: { 200: respondentsImportedSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await surveyManagedBy(db, actor, request.params.id);
      const { table, fileName } = await readUploadedTable(request);
      return importRespondents(db, actor, request.params.id, request.params.questionnaireId, table, { dryRun: request.query.dryRun, fileName });
    },
  );

  app.post(
    `${q}/sample`,
    { schema: { tags, summary: 'Chọn mẫu theo chỉ tiêu từ danh sách (tái lập được từ hạt giống); mỗi người được chọn có một đường dẫn dùng một lần', params: questionnaireParams, response: { 200: sampleDrawnSchema } } },
    async (request) => drawQuestionnaireSample(db, requireActor(request), request.params.id, request.params.questionnaireId),
  );
};
