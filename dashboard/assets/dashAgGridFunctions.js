// Grid functions named in the pages' column and event settings (dash-ag-grid looks them up here).
var dagfuncs = (window.dashAgGridFunctions = window.dashAgGridFunctions || {});

// On a phone a grid keeps its key column pinned left and pins beside it, on the right, each column
// whose settings say `context: {pinOnPhone: "right"}` (the figure that matters, issue 26); the
// other columns scroll between them. On a wider screen those columns return to their place.
dagfuncs.pinOnPhone = function (params) {
  var narrow = window.matchMedia("(max-width: 600px)").matches;
  var state = (params.api.getColumnDefs() || [])
    .filter(function (col) { return col.context && col.context.pinOnPhone; })
    .map(function (col) { return {colId: col.colId || col.field, pinned: narrow ? col.context.pinOnPhone : null}; });
  if (state.length) { params.api.applyColumnState({state: state}); }
};
