/**
 * The console's build: `npm run build` writes dist/console/, which the gateway serves at /console/ (same origin as
 * /graphql, so no CORS and no token leaves the page's origin). `npm run dev:console` serves the same app with live
 * reloading and sends /graphql to a running hub's gateway (UNICARD_GATEWAY_URL, else the demo's).
 */
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: 'console',
  base: '/console/',
  plugins: [react()],
  build: { outDir: '../dist/console', emptyOutDir: true, chunkSizeWarningLimit: 1200, reportCompressedSize: false },
  server: { port: 5173, proxy: { '/graphql': process.env.UNICARD_GATEWAY_URL ?? 'http://127.0.0.1:4000' } },
});
