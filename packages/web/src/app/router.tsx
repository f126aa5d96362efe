import { lazy, Suspense, type ComponentType } from 'react';
import { createRootRouteWithContext, createRoute, createRouter, lazyRouteComponent, Outlet, redirect } from '@tanstack/react-router';
import type { QueryClient } from '@tanstack/react-query';
import { isApiError } from '../api/client';
import { meQuery } from '../api/hooks';
import type { Me } from '../api/types';
import { LoginPage } from '../pages/LoginPage';
import type { FrameworksSearch } from '../pages/frameworks/FrameworksPage';
import type { DiffSearch } from '../pages/frameworks/DiffPage';
import type { AssessmentSearch, AssessmentTab } from '../pages/assessment/SelfAssessmentPage';
import type { CycleTab } from '../pages/cycles/CyclePage';
import type { AppraisalSearch } from '../pages/appraisal/AppraisalPage';
import type { CouncilSearch } from '../pages/council/CouncilPage';
import type { PublicSearch } from '../pages/public/PublicResultsPage';
import type { ResultsSearch } from '../pages/results/ResultsDashboardPage';
import { followUpSearch } from '../pages/follow-up/search';
import { surveySearch } from '../pages/survey/search';
import { homePathFor } from './navigation';

/**
 * A page loaded on first visit (its own chunk), so that the login page does not wait for every
 * page's code; `render` turns the module into the route's component. Every page (the app shell
 * too) is loaded with the string namespaces the pages share (./shared-namespaces), which are
 * thus not in the login page's code.
 */
function lazyPage<M>(load: () => Promise<M>, render: (module: M) => ComponentType): ReturnType<typeof lazyRouteComponent> {
  return lazyRouteComponent(() => Promise.all([load(), import('./shared-namespaces')]).then(([module]) => ({ default: render(module) })));
}

export interface RouterContext {
  queryClient: QueryClient;
}

// Loaded when first shown: its illustration (antd's Result) is not in the login page's code.
const LazyNotFoundPage = lazy(() => import('../pages/NotFoundPage').then((m) => ({ default: m.NotFoundPage })));

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: function NotFoundRoutePage() {
    return (
      <Suspense fallback={null}>
        <LazyNotFoundPage />
      </Suspense>
    );
  },
});

async function loadMe(queryClient: QueryClient, href: string): Promise<Me> {
  try {
    const s = await queryClient.ensureQueryData(meQuery);
    return s.user;
  } catch (e) {
    if (isApiError(e) && e.status === 401) {
      throw redirect({ to: '/login', search: { redirect: href === '/' ? undefined : href } });
    }
    throw e;
  }
}

const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/login',
  validateSearch: (s: Record<string, unknown>): { redirect?: string } => ({
    redirect: typeof s.redirect === 'string' && s.redirect.startsWith('/') ? s.redirect : undefined,
  }),
  component: LoginPage,
});

const changePasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/change-password',
  beforeLoad: async ({ context, location }) => ({ me: await loadMe(context.queryClient, location.href) }),
  component: lazyPage(() => import('../pages/ChangePasswordPage'), (m) => m.ChangePasswordPage),
});

const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: async ({ context, location }) => {
    const me = await loadMe(context.queryClient, location.href);
    if (me.mustChangePassword) throw redirect({ to: '/change-password' });
    return { me };
  },
  component: lazyPage(() => import('./AppLayout'), (m) => m.AppLayout),
});

const indexRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/',
  beforeLoad: ({ context }) => {
    throw redirect({ to: homePathFor(context.me) });
  },
});

export interface UnitsSearch {
  at?: string;
  unit?: string;
}

const unitsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/units',
  validateSearch: (s: Record<string, unknown>): UnitsSearch => ({
    at: typeof s.at === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s.at) ? s.at : undefined,
    unit: typeof s.unit === 'string' && s.unit ? s.unit : undefined,
  }),
  component: lazyPage(() => import('../pages/units/UnitsPage'), (m) => m.UnitsPage),
});

const unitRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/units/$unitId',
  component: lazyPage(() => import('../pages/units/UnitOverviewPage'), ({ UnitOverviewPage }) => function UnitRoutePage() {
    const { unitId } = unitRoute.useParams();
    return <UnitOverviewPage unitId={unitId} />;
  }),
});

const myUnitRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/my-unit',
  component: lazyPage(() => import('../pages/units/UnitOverviewPage'), ({ UnitOverviewPage }) => function MyUnitRoutePage() {
    const { me } = myUnitRoute.useRouteContext();
    return <UnitOverviewPage unitId={me.unit.id} own />;
  }),
});

const usersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/users',
  component: lazyPage(() => import('../pages/users/UsersPage'), (m) => m.UsersPage),
});

const auditRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/audit',
  component: lazyPage(() => import('../pages/audit/AuditPage'), (m) => m.AuditPage),
});

// ---- criteria frameworks (bộ tiêu chí): every role reads, the administrator edits ----
const frameworksRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/frameworks',
  validateSearch: (s: Record<string, unknown>): FrameworksSearch => ({
    program: typeof s.program === 'string' && s.program ? s.program : undefined,
    year: typeof s.year === 'number' && Number.isInteger(s.year) ? s.year : undefined,
  }),
  component: lazyPage(() => import('../pages/frameworks/FrameworksPage'), (m) => m.FrameworksPage),
});

const frameworkVersionRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/frameworks/versions/$versionId',
  component: lazyPage(() => import('../pages/frameworks/FrameworkEditorPage'), ({ FrameworkEditorPage }) => function FrameworkVersionRoutePage() {
    const { versionId } = frameworkVersionRoute.useParams();
    return <FrameworkEditorPage versionId={versionId} />;
  }),
});

const frameworkScoreRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/frameworks/versions/$versionId/score',
  component: lazyPage(() => import('../pages/scoring/ScorePage'), ({ ScorePage }) => function FrameworkScoreRoutePage() {
    const { versionId } = frameworkScoreRoute.useParams();
    return <ScorePage versionId={versionId} />;
  }),
});

const frameworkDiffRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/frameworks/diff',
  validateSearch: (s: Record<string, unknown>): DiffSearch => ({
    from: typeof s.from === 'string' && s.from ? s.from : undefined,
    to: typeof s.to === 'string' && s.to ? s.to : undefined,
  }),
  component: lazyPage(() => import('../pages/frameworks/DiffPage'), (m) => m.DiffPage),
});

// ---- the assessed unit's work: its assessments, self-assessment, requests, submission ----
const myWorkRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/my-work',
  component: lazyPage(() => import('../pages/assessment/MyWorkPage'), (m) => m.MyWorkPage),
});

const assessmentRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/assessments/$cycleId/$unitId',
  validateSearch: (s: Record<string, unknown>): AssessmentSearch => ({
    node: typeof s.node === 'string' && s.node ? s.node : undefined,
    tab: s.tab === 'requests' || s.tab === 'submit' || s.tab === 'criteria' || s.tab === 'results' ? (s.tab as AssessmentTab) : undefined,
    missing: s.missing === true || s.missing === 'true' ? true : undefined,
  }),
  component: lazyPage(() => import('../pages/assessment/SelfAssessmentPage'), ({ SelfAssessmentPage }) => function AssessmentRoutePage() {
    const { cycleId, unitId } = assessmentRoute.useParams();
    const search = assessmentRoute.useSearch();
    return <SelfAssessmentPage cycleId={cycleId} unitId={unitId} search={search} />;
  }),
});

// ---- assessment cycles: set-up and progress (administrator), appraisal, council, public results ----
const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
const cyclesRoute = createRoute({ getParentRoute: () => appRoute, path: '/cycles', component: lazyPage(() => import('../pages/cycles/CyclesPage'), (m) => m.CyclesPage) });
const cycleRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/cycles/$cycleId',
  validateSearch: (s: Record<string, unknown>): { tab?: CycleTab } => ({ tab: s.tab === 'setup' || s.tab === 'progress' || s.tab === 'feeds' ? s.tab : undefined }),
  component: lazyPage(() => import('../pages/cycles/CyclePage'), ({ CyclePage }) => function CycleRoutePage() {
    const { cycleId } = cycleRoute.useParams();
    const { tab } = cycleRoute.useSearch();
    const navigate = cycleRoute.useNavigate();
    return <CyclePage cycleId={cycleId} tab={tab} onTab={(t) => void navigate({ search: { tab: t } })} />;
  }),
});
const appraisalRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/appraisal',
  validateSearch: (s: Record<string, unknown>): AppraisalSearch => ({ cycle: str(s.cycle), agency: str(s.agency) }),
  component: lazyPage(() => import('../pages/appraisal/AppraisalPage'), ({ AppraisalPage }) => function AppraisalRoutePage() {
    return <AppraisalPage search={appraisalRoute.useSearch()} />;
  }),
});
const councilRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/council',
  validateSearch: (s: Record<string, unknown>): CouncilSearch => ({ cycle: str(s.cycle), group: str(s.group) }),
  component: lazyPage(() => import('../pages/council/CouncilPage'), ({ CouncilPage }) => function CouncilRoutePage() {
    return <CouncilPage search={councilRoute.useSearch()} />;
  }),
});
const resultsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/results',
  validateSearch: (s: Record<string, unknown>): ResultsSearch => ({ cycle: str(s.cycle), group: str(s.group) }),
  component: lazyPage(() => import('../pages/results/ResultsDashboardPage'), ({ ResultsDashboardPage }) => function ResultsRoutePage() {
    return <ResultsDashboardPage search={resultsRoute.useSearch()} />;
  }),
});
const reportCardRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/results/$cycleId/$groupId/units/$unitId',
  component: lazyPage(() => import('../pages/results/ReportCardPage'), ({ ReportCardPage }) => function ReportCardRoutePage() {
    const { cycleId, groupId, unitId } = reportCardRoute.useParams();
    return <ReportCardPage cycleId={cycleId} groupId={groupId} unitId={unitId} />;
  }),
});
const publicUnitViRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/cong-khai/don-vi/$unitId',
  component: lazyPage(() => import('../pages/public/PublicUnitPage'), ({ PublicUnitPage }) => function PublicUnitViRoutePage() {
    return <PublicUnitPage path="/cong-khai" unitId={publicUnitViRoute.useParams().unitId} />;
  }),
});
const publicUnitEnRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/public/units/$unitId',
  component: lazyPage(() => import('../pages/public/PublicUnitPage'), ({ PublicUnitPage }) => function PublicUnitEnRoutePage() {
    return <PublicUnitPage path="/public" unitId={publicUnitEnRoute.useParams().unitId} />;
  }),
});
const publicSearch = (s: Record<string, unknown>): PublicSearch => ({
  cycle: str(s.cycle), group: str(s.group), program: str(s.program),
  number: typeof s.number === 'number' && Number.isInteger(s.number) ? s.number : undefined,
  year: typeof s.year === 'number' && Number.isInteger(s.year) ? s.year : undefined,
});
const publicViRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/cong-khai',
  validateSearch: publicSearch,
  component: lazyPage(() => import('../pages/public/PublicResultsPage'), ({ PublicResultsPage }) => function PublicViRoutePage() {
    return <PublicResultsPage path="/cong-khai" search={publicViRoute.useSearch()} />;
  }),
});
const publicEnRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/public',
  validateSearch: publicSearch,
  component: lazyPage(() => import('../pages/public/PublicResultsPage'), ({ PublicResultsPage }) => function PublicEnRoutePage() {
    return <PublicResultsPage path="/public" search={publicEnRoute.useSearch()} />;
  }),
});

// Follow-up of the published results (issue 12): the dashboard, then one page (or two) per part.
const followUpRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/follow-up',
  component: lazyPage(() => import('../pages/follow-up/FollowUpPage'), (m) => m.FollowUpPage),
});
const noticesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/follow-up/notices',
  validateSearch: followUpSearch,
  component: lazyPage(() => import('../pages/follow-up/notices/NoticesPage'), (m) => function NoticesPageRoute() {
    return <m.NoticesPage search={noticesRoute.useSearch()} />;
  }),
});
const noticeRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/follow-up/notices/$noticeId',
  validateSearch: followUpSearch,
  component: lazyPage(() => import('../pages/follow-up/notices/NoticePage'), (m) => function NoticePageRoute() {
    return <m.NoticePage search={noticeRoute.useSearch()} id={noticeRoute.useParams().noticeId} />;
  }),
});
const tasksRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/follow-up/tasks',
  validateSearch: followUpSearch,
  component: lazyPage(() => import('../pages/follow-up/tasks/TasksPage'), (m) => function TasksPageRoute() {
    return <m.TasksPage search={tasksRoute.useSearch()} />;
  }),
});
const taskRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/follow-up/tasks/$taskId',
  validateSearch: followUpSearch,
  component: lazyPage(() => import('../pages/follow-up/tasks/TaskPage'), (m) => function TaskPageRoute() {
    return <m.TaskPage search={taskRoute.useSearch()} id={taskRoute.useParams().taskId} />;
  }),
});
const plansRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/follow-up/plans',
  validateSearch: followUpSearch,
  component: lazyPage(() => import('../pages/follow-up/remediation/PlansPage'), (m) => function PlansPageRoute() {
    return <m.PlansPage search={plansRoute.useSearch()} />;
  }),
});
const planRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/follow-up/plans/$planId',
  validateSearch: followUpSearch,
  component: lazyPage(() => import('../pages/follow-up/remediation/PlanPage'), (m) => function PlanPageRoute() {
    return <m.PlanPage search={planRoute.useSearch()} id={planRoute.useParams().planId} />;
  }),
});
const targetsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/follow-up/targets',
  validateSearch: followUpSearch,
  component: lazyPage(() => import('../pages/follow-up/targets/TargetsPage'), (m) => function TargetsPageRoute() {
    return <m.TargetsPage search={targetsRoute.useSearch()} />;
  }),
});
const externalIndicesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/follow-up/external',
  validateSearch: followUpSearch,
  component: lazyPage(() => import('../pages/follow-up/external/ExternalIndicesPage'), (m) => function ExternalIndicesPageRoute() {
    return <m.ExternalIndicesPage search={externalIndicesRoute.useSearch()} />;
  }),
});
const riskRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/follow-up/risk',
  validateSearch: followUpSearch,
  component: lazyPage(() => import('../pages/follow-up/risk/RiskPage'), (m) => function RiskPageRoute() {
    return <m.RiskPage search={riskRoute.useSearch()} />;
  }),
});

// The sociological survey (issue 13): the administrator's pages, and the anonymous form behind a link.
const surveysRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/surveys',
  component: lazyPage(() => import('../pages/survey/SurveysPage'), (m) => m.SurveysPage),
});
const surveyRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/surveys/$surveyId',
  validateSearch: surveySearch,
  component: lazyPage(() => import('../pages/survey/SurveyPage'), (m) => function SurveyPageRoute() {
    const navigate = surveyRoute.useNavigate();
    return <m.SurveyPage surveyId={surveyRoute.useParams().surveyId} tab={surveyRoute.useSearch().tab} onTab={(tab) => void navigate({ search: { tab }, replace: true })} />;
  }),
});
const surveyFormRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/khao-sat/$token',
  component: lazyPage(() => import('../pages/survey-form/SurveyFormPage'), (m) => function SurveyFormRoute() {
    return <m.SurveyFormPage token={surveyFormRoute.useParams().token} />;
  }),
});

const routeTree = rootRoute.addChildren([
  loginRoute,
  changePasswordRoute,
  publicViRoute,
  publicEnRoute,
  publicUnitViRoute,
  publicUnitEnRoute,
  surveyFormRoute,
  appRoute.addChildren([
    surveysRoute, surveyRoute,
    resultsRoute, reportCardRoute,
    followUpRoute, noticesRoute, noticeRoute, tasksRoute, taskRoute, plansRoute, planRoute, targetsRoute, externalIndicesRoute, riskRoute,
    cyclesRoute, cycleRoute, appraisalRoute, councilRoute,
    indexRoute, unitsRoute, unitRoute, myUnitRoute, usersRoute, auditRoute, myWorkRoute, assessmentRoute,
    frameworksRoute, frameworkVersionRoute, frameworkDiffRoute, frameworkScoreRoute,
  ]),
]);

export function makeRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: false,
    scrollRestoration: true,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof makeRouter>;
  }
}

export { unitsRoute, appRoute, loginRoute, changePasswordRoute };
