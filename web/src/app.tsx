import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { onUnauthorized } from './api/client.js';
import { permissionsOf } from './api/permissions.js';
import { probeSession, type SessionState, signOut } from './api/session.js';
import { Layout } from './components/layout.js';
import { ErrorState, Loading } from './components/states.js';
import { AccountPage } from './pages/account.js';
import { AuditPage } from './pages/audit.js';
import { CasePage } from './pages/case.js';
import { AccountsPage } from './pages/accounts.js';
import { CasesPage } from './pages/cases.js';
import { EventPage } from './pages/event.js';
import { EventsPage } from './pages/events.js';
import { JobsPage } from './pages/jobs.js';
import { MergesPage } from './pages/merges.js';
import { NotFoundPage } from './pages/not-found.js';
import { PeoplePage } from './pages/people.js';
import { PersonPage } from './pages/person.js';
import { ReviewPage } from './pages/review.js';
import { SearchPage } from './pages/search.js';
import { SignInPage } from './pages/sign-in.js';
import { SourceViewPage } from './pages/source-view.js';
import { SourcesPage } from './pages/sources.js';
import { StatsPage } from './pages/stats.js';

type Phase = { kind: 'probing' } | { kind: 'failed'; error: unknown } | { kind: 'sign-in'; expired: boolean } | { kind: 'ready'; session: SessionState };

/**
 * The app shell: asks once who is signed in, shows the sign-in page whenever the API says 401 (keeping the address,
 * so the reader lands where they were going), and otherwise the workspace.
 */
export function App() {
  const queryClient = useQueryClient();
  const [phase, setPhase] = useState<Phase>({ kind: 'probing' });

  const probe = () => {
    setPhase({ kind: 'probing' });
    probeSession().then(
      (result) => setPhase(result === 'signed-out' ? { kind: 'sign-in', expired: false } : { kind: 'ready', session: result }),
      (error: unknown) => setPhase({ kind: 'failed', error }),
    );
  };
  useEffect(probe, []);
  useEffect(
    () =>
      onUnauthorized(() => {
        setPhase((current) => (current.kind === 'sign-in' ? current : { kind: 'sign-in', expired: current.kind === 'ready' && current.session.user !== null }));
      }),
    [],
  );

  if (phase.kind === 'probing') {
    return (
      <Layout bare>
        <Loading />
      </Layout>
    );
  }
  if (phase.kind === 'failed') {
    return (
      <Layout bare>
        <div className="page">
          <ErrorState error={phase.error} onRetry={probe} />
        </div>
      </Layout>
    );
  }
  if (phase.kind === 'sign-in') {
    return (
      <Layout bare>
        <SignInPage
          expired={phase.expired}
          onSignedIn={(session) => {
            setPhase({ kind: 'ready', session });
            // Everything fetched before (and refused) is fetched again with the new session.
            void queryClient.invalidateQueries();
          }}
        />
      </Layout>
    );
  }
  const { session } = phase;
  // The server decides; this only spares a user buttons, panels and pages that would be refused.
  const can = permissionsOf(session);
  const canDecide = can.decide;
  const canEdit = can.edit;
  const onSignOut = async () => {
    try {
      await signOut();
    } finally {
      queryClient.clear();
      setPhase({ kind: 'sign-in', expired: false });
    }
  };
  return (
    <Layout user={session.authEnabled ? session.user : null} permissions={can} onSignOut={() => void onSignOut()}>
      <FocusOnNavigate />
      <Routes>
        <Route path="/" element={<ToSources />} />
        <Route path="/sources" element={<SourcesPage canUpload={can.upload} canSeeJobs={can.jobs} />} />
        <Route path="/sources/:id" element={<SourceViewPage canDecide={canDecide} canLink={canEdit} canEdit={canEdit} />} />
        <Route path="/search" element={<SearchPage />} />
        <Route path="/review" element={<ReviewPage canDecide={canDecide} canLink={canEdit} />} />
        <Route path="/persons" element={<PeoplePage />} />
        <Route path="/persons/:id" element={<PersonPage canEdit={canEdit} />} />
        <Route path="/cases" element={<CasesPage />} />
        <Route path="/cases/:id" element={<CasePage canEdit={canEdit} />} />
        <Route path="/events" element={<EventsPage />} />
        <Route path="/events/:id" element={<EventPage canEdit={canEdit} />} />
        <Route path="/merges" element={<MergesPage canEdit={canEdit} />} />
        <Route path="/stats" element={<StatsPage />} />
        <Route path="/jobs" element={can.jobs ? <JobsPage /> : <NotFoundPage />} />
        <Route path="/account" element={<AccountPage />} />
        <Route path="/audit" element={can.audit ? <AuditPage /> : <NotFoundPage />} />
        <Route path="/accounts" element={can.groups ? <AccountsPage /> : <NotFoundPage />} />
        <Route path="/index.html" element={<Navigate to="/" replace />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </Layout>
  );
}

/** `/` opens the sources, keeping `?lang=` and any other parameters. */
function ToSources() {
  const { search } = useLocation();
  return <Navigate to={{ pathname: '/sources', search }} replace />;
}

/** After a client-side navigation, focus moves to the page so screen readers and keyboards start at its top. */
function FocusOnNavigate() {
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    document.getElementById('main')?.focus({ preventScroll: false });
  }, [pathname]);
  return null;
}
