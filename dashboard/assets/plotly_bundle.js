/* Speed (issue 15): charts use plotly.js's "map" bundle, which the page names in
   <meta name="plotly-bundle"> (dashboard/plotly_bundle.py). dcc.Graph loads plotly.js from
   window._dashPlotlyJSURL when window.Plotly is missing, and Dash's renderer sets that URL to
   the full bundle (4,8 MB, three times as slow to start): keep it on ours instead. */
(function () {
  const named = document.querySelector('meta[name="plotly-bundle"]');
  const url = named && named.content;
  if (!url) { return; }
  Object.defineProperty(window, '_dashPlotlyJSURL', {
    configurable: true,
    get: () => url,
    set: () => {},   // the renderer's assignment of the full bundle is ignored
  });
})();
