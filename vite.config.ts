import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The staff console: a single-page app served by the API server under /console/. */
export default defineConfig({
  root: 'src/web',
  base: '/console/',
  plugins: [react()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
