/** The HQ and merchant console: one page app under /console/, talking to the gateway's /graphql only. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes } from 'react-router';
import '@fontsource/noto-sans-sc/400.css';
import './style.css';
import { SessionProvider } from './graph/session';
import { HqOnly, RequireSession } from './parts/guards';
import { I18nProvider } from './parts/i18n';
import { Layout } from './parts/Layout';
import { Benefits } from './pages/Benefits';
import { Marketing } from './pages/Marketing';
import { Member } from './pages/Member';
import { Members } from './pages/Members';
import { Overview } from './pages/Overview';
import { Programme } from './pages/Programme';
import { Settlement } from './pages/Settlement';
import { SignIn } from './pages/SignIn';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <BrowserRouter basename="/console">
        <SessionProvider>
          <Routes>
            <Route path="/sign-in" element={<SignIn />} />
            <Route
              element={
                <RequireSession>
                  <Layout />
                </RequireSession>
              }
            >
              <Route index element={<Overview />} />
              <Route path="settlement" element={<Settlement />} />
              <Route path="members" element={<Members />} />
              <Route path="members/:id" element={<Member />} />
              <Route path="marketing" element={<Marketing />} />
              <Route path="benefits" element={<Benefits />} />
              <Route
                path="programme"
                element={
                  <HqOnly>
                    <Programme />
                  </HqOnly>
                }
              />
            </Route>
          </Routes>
        </SessionProvider>
      </BrowserRouter>
    </I18nProvider>
  </StrictMode>,
);
