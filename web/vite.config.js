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
    // `npm run dev` against a running `defen serve --port 8080`. The server
    // refuses another Host or Origin (docs/api.md, Security): the proxy
    // presents the server's own, and only for this dev page's requests.
    proxy: {
      '/api': {
        target: 'http://127.0.0.1:8080',
        changeOrigin: true,
        configure: (proxy) => proxy.on('proxyReq', (proxyReq, req) => {
          const origin = req.headers.origin;
          if (origin && origin === `http://${req.headers.host}`) proxyReq.setHeader('origin', 'http://127.0.0.1:8080');
        }),
      },
    },
  },
});
