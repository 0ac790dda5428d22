// What VS Code injects into a webview, reduced to what our page uses: acquireVsCodeApi() with
// postMessage, getState and setState. Installed with page.addInitScript, before the page's own
// script runs; the recorded messages and state live on window for the test to read.
export const FAKE_VSCODE_API = `
(() => {
  window.__posted = [];
  window.__state = window.__initialState;
  let acquired = false;
  window.acquireVsCodeApi = () => {
    if (acquired) throw new Error('acquireVsCodeApi may be called once');
    acquired = true;
    return {
      postMessage: (message) => window.__posted.push(JSON.parse(JSON.stringify(message))),
      getState: () => window.__state,
      setState: (state) => { window.__state = JSON.parse(JSON.stringify(state)); },
    };
  };
})();
`;
