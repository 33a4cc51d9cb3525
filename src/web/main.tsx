import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { SessionProvider } from './api/session.tsx';
import { ConsoleRoutes } from './routes.tsx';

dayjs.locale('zh-cn');

// Those who ask their system for less motion (WCAG 2.3.3) get dialogs and menus without animation.
const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches;

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider
      locale={zhCN}
      theme={{ token: { colorPrimary: '#a3161b', borderRadius: 4, fontSize: 14, motion: !reducedMotion } }}
    >
      <AntApp>
        <BrowserRouter basename="/console">
          <SessionProvider>
            <ConsoleRoutes />
          </SessionProvider>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
