// The ranking grid's trend column: a small line chart (SVG) of realised over the last twelve
// months. A month not completely delivered is an open circle, so a gap never reads as a dip.
// The cell's value is the same trend in words, used as the chart's accessible name.
var dagcomponentfuncs = (window.dashAgGridComponentFunctions = window.dashAgGridComponentFunctions || {});

dagcomponentfuncs.Sparkline = function (props) {
  var trend = props.data && props.data.trend;
  if (!trend || trend.values.length < 2) { return null; }
  var w = 110, h = 26, pad = 4;
  var lo = Math.min.apply(null, trend.values), hi = Math.max.apply(null, trend.values);
  var span = hi - lo || 1;
  var pts = trend.values.map(function (v, i) {
    return [pad + i * (w - 2 * pad) / (trend.values.length - 1), h - pad - (v - lo) / span * (h - 2 * pad)];
  });
  var e = React.createElement;
  var marks = trend.open.map(function (i) {
    return e("circle", {key: "o" + i, cx: pts[i][0], cy: pts[i][1], r: 2.5, fill: "#ffffff",
                        stroke: "#08519c", strokeWidth: 1.5});
  });
  var last = pts[pts.length - 1];
  return e("svg", {width: w, height: h, role: "img", "aria-label": props.value, className: "sparkline"},
    e("polyline", {points: pts.map(function (p) { return p.join(","); }).join(" "), fill: "none",
                   stroke: "#08519c", strokeWidth: 1.5}),
    e("circle", {cx: last[0], cy: last[1], r: 2.5, fill: "#08519c"}),
    marks);
};
