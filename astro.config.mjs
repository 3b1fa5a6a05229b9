// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';

// The Node back end (sandbox-server) serves dist/, its JSON API under /api and the
// terminal WebSocket under /ws from one origin. In `astro dev` the same paths are
// proxied to it so the site can be worked on against a running back end.
const backEnd = 'http://127.0.0.1:8080';

export default defineConfig({
  output: 'static',
  trailingSlash: 'always',
  integrations: [mdx()],
  i18n: {
    locales: ['en', 'zh'],
    defaultLocale: 'en',
    routing: { prefixDefaultLocale: true },
  },
  markdown: {
    shikiConfig: {
      theme: 'github-light',
      wrap: false,
    },
  },
  vite: {
    server: {
      proxy: {
        '/api': { target: backEnd },
        '/ws': { target: backEnd, ws: true },
      },
    },
  },
});
