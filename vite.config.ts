import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The web app (admin center, agent workspace, simulator phone) is built into dist/web and served by the server.
export default defineConfig({
  root: 'src/web',
  plugins: [react()],
  build: { outDir: '../../dist/web', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 800 },
  server: { proxy: { '/api': { target: 'http://localhost:3000', ws: true }, '/simulator/api': 'http://localhost:3000', '/media': 'http://localhost:3000' } },
});
