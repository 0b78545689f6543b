// Vite 8 builds the web app from web/ into web/dist. There is no React plugin: Vite's built-in Oxc
// transform compiles TSX with React's automatic JSX runtime (no fast refresh, which a back-office app
// can live without).
import fs from 'node:fs';
import path from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { HASH_FILE_NAME, webSourceHash } from './sourceHash';

/** Records which sources this build came from, so runtime/webBuild.ts knows when to rebuild. */
function sourceHashFile(): Plugin {
  let hash = '';
  return {
    name: 'kaohe-source-hash',
    apply: 'build',
    buildStart() {
      hash = webSourceHash(__dirname);
    },
    closeBundle() {
      fs.writeFileSync(path.join(__dirname, 'dist', HASH_FILE_NAME), `${hash}\n`);
    },
  };
}

export default defineConfig({
  root: path.resolve(__dirname),
  base: '/',
  plugins: [sourceHashFile()],
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: path.resolve(__dirname, 'dist'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    rolldownOptions: {
      output: {
        // Three long-lived chunks so a new release of the app does not re-download antd and echarts.
        codeSplitting: {
          groups: [
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)/ },
            { name: 'antd', test: /node_modules[\\/](antd|@ant-design|rc-|@rc-component|dayjs)/ },
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|scheduler)/ },
          ],
        },
      },
    },
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
