import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { onUnauthorized } from './api/client.js';
import { permissionsOf } from './api/permissions.js';
import { probeSession, type SessionState, signOut } from './api/session.js';
import { Layout } from './components/layout.js';
import { ErrorState, Loading } from './components/states.js';
import { useFocusLater } from './focus-later.js';
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
import { SignInDialog, SignInPage } from './pages/sign-in.js';
import { SourceViewPage } from './pages/source-view.js';
import { SourcesPage } from './pages/sources.js';
import { StatsPage } from './pages/stats.js';

type Phase =
  | { kind: 'probing' }
  | { kind: 'failed'; error: unknown }
  | { kind: 'sign-in' }
  // `signInAgain`: the session ended while the app was open; the sign-in form is over the page, which stays as it is.
  | { kind: 'ready'; session: SessionState; signInAgain: boolean };

/**
 * The app shell: asks once who is signed in, and shows the sign-in page when no one is (keeping the address, so the
 * reader lands where they were going), otherwise the workspace. A session that ends while the workspace is open (the
 * API answers 401) brings the sign-in form over it, the workspace kept mounted behind, so nothing typed is lost: the
 * same user signed in again finds it as they left it, with what was refused fetched again; anyone else gets a
 * workspace started afresh, with nothing of the previous user's kept.
 */
export function App() {
  const queryClient = useQueryClient();
  const [phase, setPhase] = useState<Phase>({ kind: 'probing' });
  // Bumped when another user signs in over the page: everything behind the form is drawn anew.
  const [generation, setGeneration] = useState(0);
  // Where the keyboard was when the session ended: the page made inert behind the form drops it.
  const returnFocus = useRef<Element | null>(null);
  const focusLater = useFocusLater();

  const probe = () => {
    setPhase({ kind: 'probing' });
    probeSession().then(
      (result) =>
        setPhase(result === 'signed-out' ? { kind: 'sign-in' } : { kind: 'ready', session: result, signInAgain: false }),
      (error: unknown) => setPhase({ kind: 'failed', error }),
    );
  };
  useEffect(probe, []);
  useEffect(
    () =>
      onUnauthorized(() => {
        returnFocus.current ??= document.activeElement;
        setPhase((current) => {
          if (current.kind === 'ready' && current.session.user !== null)
            return current.signInAgain ? current : { ...current, signInAgain: true };
          return current.kind === 'sign-in' ? current : { kind: 'sign-in' };
        });
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
          onSignedIn={(session) => {
            returnFocus.current = null;
            setPhase({ kind: 'ready', session, signInAgain: false });
            // Everything fetched before (and refused) is fetched again with the new session.
            void queryClient.invalidateQueries();
          }}
        />
      </Layout>
    );
  }
  const { session, signInAgain } = phase;
  const onSignedInAgain = (next: SessionState) => {
    const before = returnFocus.current;
    returnFocus.current = null;
    setPhase({ kind: 'ready', session: next, signInAgain: false });
    if (next.user?.username === session.user?.username) {
      // The same user: the page is as they left it; what was refused while signed out is asked for again.
      void queryClient.invalidateQueries();
      focusLater(() =>
        before instanceof HTMLElement || before instanceof SVGElement ? before : document.getElementById('main'),
      );
    } else {
      // Someone else: nothing fetched, typed or opened for the previous user may stay on the screen.
      queryClient.clear();
      setGeneration((n) => n + 1);
      focusLater(() => document.getElementById('main'));
    }
  };
  // The server decides; this only spares a user buttons, panels and pages that would be refused.
  const can = permissionsOf(session);
  const canDecide = can.decide;
  const canEdit = can.edit;
  const onSignOut = async () => {
    try {
      await signOut();
    } finally {
      queryClient.clear();
      setPhase({ kind: 'sign-in' });
    }
  };
  return (
    <>
      <Layout
        key={generation}
        user={session.authEnabled ? session.user : null}
        permissions={can}
        onSignOut={() => void onSignOut()}
        inert={signInAgain}
      >
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
      {signInAgain ? <SignInDialog username={session.user?.username ?? ''} onSignedIn={onSignedInAgain} /> : null}
    </>
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
