/* Speed (issue 15): charts use plotly.js's "basic" bundle, which the page names in
   <meta name="plotly-bundle"> (dashboard/plotly_bundle.py). dcc.Graph loads plotly.js from
   window._dashPlotlyJSURL when window.Plotly is missing, and Dash's renderer sets that URL to
   the full bundle (4,8 MB, three times as slow to start): keep it on ours instead.

   A page whose main content is not a chart names that content in a data-plotly-after attribute
   (Vergelijken: its ranking's rows). plotly.js then waits until the content shows: starting it
   takes the browser's one thread 0,2–0,5 s, which came before the ranking. dcc.Graph takes a
   window.Plotly that is set as plotly.js, resolving it like a promise; this one loads the bundle
   when the page is ready for it, and the bundle then puts the real plotly.js in its place. */
(function () {
  const named = document.querySelector('meta[name="plotly-bundle"]');
  const url = named && named.content;
  if (!url) { return; }
  Object.defineProperty(window, '_dashPlotlyJSURL', {
    configurable: true,
    get: () => url,
    set: () => {},   // the renderer's assignment of the full bundle is ignored
  });

  const MAX_WAIT_MS = 5000;   // the chart is drawn in the end, even if the content never shows
  let loading = null;

  function load() {
    loading = loading || new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = url;
      script.async = true;
      script.onload = () => resolve();
      script.onerror = reject;
      document.body.appendChild(script);
    });
    return loading;
  }

  function whenReady(start, frames) {
    return new Promise(done => requestAnimationFrame(now => {
      const marker = document.querySelector('[data-plotly-after]');
      const shown = marker && document.querySelector(marker.dataset.plotlyAfter);
      // Two frames for the page to be in the document; without a marker, at once.
      if ((!marker && frames >= 2) || shown || now - start > MAX_WAIT_MS) { done(); }
      else { whenReady(start, frames + 1).then(done); }
    }));
  }

  window.Plotly = {
    then(resolve, reject) {
      whenReady(performance.now(), 0).then(load).then(resolve, reject);
    },
  };
})();
