/* Phones (issue 15): the map figure has one fixed zoom, which on a 390 px screen cuts the
   country off at both sides. Zoom out until the shapes' full width fits the graph, never in. */
(function () {
  const TILE = 512;   // MapLibre's world width in px at zoom 0

  function lonRange(gd) {
    let lo = 180, hi = -180;
    const walk = c => {
      if (typeof c[0] === 'number') { lo = Math.min(lo, c[0]); hi = Math.max(hi, c[0]); }
      else { c.forEach(walk); }
    };
    (gd.data || []).forEach(trace => ((trace.geojson || {}).features || [])
      .forEach(f => f.geometry && walk(f.geometry.coordinates)));
    return hi > lo ? [lo, hi] : null;
  }

  function fit(gd, tries = 0) {
    const map = gd.layout && gd.layout.map, range = lonRange(gd);
    if (!map || !range || !window.Plotly) { return; }
    // A zoom set before MapLibre has loaded is lost: wait for it (plotly keeps it per subplot).
    const subplot = gd._fullLayout && gd._fullLayout.map && gd._fullLayout.map._subplot;
    const shown = subplot && subplot.map;
    if (!shown || !shown.loaded()) {
      if (tries < 50) { setTimeout(() => fit(gd, tries + 1), 200); }
      return;
    }
    const width = gd.getBoundingClientRect().width * 0.96;
    if (width <= 0) { return; }
    const zoom = Math.log2(width * 360 / (TILE * (range[1] - range[0])));
    // Once per figure: after our react the layout holds this zoom (no loop through afterplot).
    if (zoom < shown.getZoom() - 0.01 && Math.abs(map.zoom - zoom) > 0.01) {
      // Plotly.relayout of map.zoom leaves MapLibre's view as it was (plotly.js 3); react moves it.
      const center = Object.assign({}, map.center, {lon: (range[0] + range[1]) / 2});
      window.Plotly.react(gd, gd.data, Object.assign({}, gd.layout, {map: Object.assign({}, map, {zoom, center})}));
    }
  }

  function watch(gd) {
    if (gd.dataset.fitWatched) { return; }
    gd.dataset.fitWatched = '1';
    gd.on('plotly_afterplot', () => fit(gd));
    fit(gd);
  }

  new MutationObserver(() => document.querySelectorAll('.map-panel .js-plotly-plot').forEach(watch))
    .observe(document.documentElement, {childList: true, subtree: true});
  window.addEventListener('resize', () =>
    document.querySelectorAll('.map-panel .js-plotly-plot').forEach(fit));
})();
