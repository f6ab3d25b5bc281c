// On a phone (issue 26) a grid keeps its key column pinned left and pins, on the right, each
// column whose settings say `context: {pinOnPhone: "right"}`: the figure that matters stays in
// view and the other columns scroll between them. On a wider screen they return to their place.
// Each grid is handled once it is ready (dash_ag_grid.getApiAsync), whenever a page adds one,
// and again when the screen crosses the phone width (a turned phone).
(function () {
  var phone = window.matchMedia("(max-width: 600px)");
  var handled = new WeakSet();

  function pin(api) {
    var now = {};
    api.getColumnState().forEach(function (col) { now[col.colId] = col.pinned || null; });
    var state = (api.getColumnDefs() || [])
      .filter(function (col) { return col.context && col.context.pinOnPhone; })
      .map(function (col) {
        return {colId: col.colId || col.field, pinned: phone.matches ? col.context.pinOnPhone : null};
      })
      .filter(function (col) { return now[col.colId] !== col.pinned; });   // no event loop
    if (state.length) { api.applyColumnState({state: state}); }
  }

  function grids() {
    document.querySelectorAll(".ag-root-wrapper").forEach(function (root) {
      var host = root.closest("[id]");
      if (!host || !window.dash_ag_grid || handled.has(root)) { return; }
      handled.add(root);
      window.dash_ag_grid.getApiAsync(host.id).then(function (api) {
        pin(api);
        // dash-ag-grid sets the columns again after the grid is ready, which unpins them
        ["displayedColumnsChanged", "columnPinned"].forEach(function (event) {
          api.addEventListener(event, function () { pin(api); });
        });
      });
    });
  }

  var queued = false;
  new MutationObserver(function () {
    if (queued) { return; }
    queued = true;
    requestAnimationFrame(function () { queued = false; grids(); });
  }).observe(document.documentElement, {childList: true, subtree: true});
  phone.addEventListener("change", function () {
    document.querySelectorAll(".ag-root-wrapper").forEach(function (root) {
      var host = root.closest("[id]");
      if (host) { window.dash_ag_grid.getApiAsync(host.id).then(pin); }
    });
  });
})();
