/** A file Vite copies into the build and imports as its URL (`import workerUrl from 'x/worker.mjs?url'`). */
declare module '*?url' {
  const url: string;
  export default url;
}
