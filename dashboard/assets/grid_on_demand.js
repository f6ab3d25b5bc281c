/* Speed (issue 27): dash-ag-grid's main bundle (1,3 MB: the grid library itself) is evaluated
   only on a page that draws a grid. Dash puts it on every page, where it cost the renderer's
   thread 70-100 ms of CPU before anything was drawn; the page names it in
   <meta name="grid-bundle"> instead (dashboard/grid_on_demand.py).

   Dash's renderer finds a component as window[namespace][type]. Here window.dash_ag_grid is a
   stand-in from the start: its AgGrid loads the bundle when the first grid is drawn and then
   draws the real one inside it (as the real one draws ag-grid itself: lazily, with nothing in
   its place meanwhile). The stand-in stays window.dash_ag_grid after the bundle ran (the
   bundle's own assignment is taken over), so the renderer keeps resolving the same component
   and a grid is never mounted twice; the bundle's other functions (getApiAsync, used by
   grid_phone.js, and the rest) are copied onto it. The statics Dash reads from the component
   class (dashRenderType, dashPersistence) are the real one's (tests/test_grid_on_demand.py). */
(function () {
  const named = document.querySelector('meta[name="grid-bundle"]');
  const url = named && named.content;
  if (!url || window.dash_ag_grid) { return; }
  const React = window.React;
  const standIn = {};
  let real = null;
  let loading = null;

  function load() {
    loading = loading || new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = url;
      script.onload = () => (real ? resolve(real) : reject(new Error('dash_ag_grid: no module')));
      script.onerror = reject;
      document.head.appendChild(script);
    });
    return loading;
  }

  Object.defineProperty(window, 'dash_ag_grid', {
    configurable: true,
    get: () => standIn,
    set: module => {     // the bundle's `window.dash_ag_grid = ...`
      real = module;
      AgGrid.loaded = module.AgGrid;    // the real component, for the tests
      Object.keys(module).forEach(key => { if (key !== 'AgGrid') { standIn[key] = module[key]; } });
    },
  });

  const Grid = React.lazy(() => load().then(module => ({default: module.AgGrid})));
  function AgGrid(props) {
    return React.createElement(React.Suspense, {fallback: null}, React.createElement(Grid, props));
  }
  AgGrid.dashRenderType = true;
  AgGrid.dashPersistence = {persisted_props: ['selectedRows'], persistence_type: 'local'};
  standIn.AgGrid = AgGrid;
  // Until the bundle has run: what grid_phone.js asks for, answered once it has.
  standIn.getApiAsync = id => load().then(module => module.getApiAsync(id));
})();
