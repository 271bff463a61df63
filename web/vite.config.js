// The page is built once (CMake target defen_web) and served by `defen serve`;
// everything is bundled, nothing is fetched from the network at run time.
import { defineConfig } from 'vite';

export default defineConfig({
  base: './',
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    // `npm run dev` against a running `defen serve --port 8080`.
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
});
